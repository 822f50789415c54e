"""The chat platforms: the only modules that import a chat SDK.

Each platform package (``slack/``, ``discord/``) describes itself with one ``ChatPlatform``
(see ``platforms.py``): its rendering profile, when it runs, how it connects and how its
tokens are checked. Importing this package registers them, in start order; the SDKs
themselves load only when a platform starts. A new platform is a package here, a line
below, and a folder of templates.
"""

from bot.adapters.discord import DISCORD
from bot.adapters.platforms import register_platform
from bot.adapters.slack import SLACK

for _platform in (SLACK, DISCORD):
    register_platform(_platform)
