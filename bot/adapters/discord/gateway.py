"""Keeping the Discord gateway connected: retry with backoff, give up loudly.

discord.py reconnects by itself once connected, but not when the first connection fails
(DNS at boot, a 503 from the gateway): its reconnect path then raises AttributeError
(Rapptz/discord.py#10520) and ``connect()`` ends, leaving a bot that runs without slash
commands. So the gateway runs under this supervisor: any end of ``connect()`` other than a
close we asked for is retried with jittered exponential backoff, and when the gateway has been
down (or never up) for FLASHBACK_CONNECT_TIMEOUT_SECONDS the supervisor ends with a
StartupError, which stops the bot with a non-zero exit so a restart policy acts.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING

import discord

from bot.adapters.discord.tokens import DISCORD_FIX
from bot.app import StartupError

if TYPE_CHECKING:
    from bot.adapters.discord.adapter import AnyBot

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0  # seconds before the first retry; doubles up to MAX_DELAY
MAX_DELAY = 60.0
_FIX = (
    "check the network (DNS, a proxy, FLASHBACK_DISCORD_GATEWAY_URL) and Discord's status; "
    "FLASHBACK_CONNECT_TIMEOUT_SECONDS sets how long to try"
)

# The bot asks for no privileged intent; an override (a fork, a custom cog) that does needs it
# switched on where Discord keeps it.
_INTENTS_FIX = (
    "turn on the privileged intents the bot asks for on the Bot page of your application in "
    "the Discord Developer Portal"
)


class _QuietReconnects(logging.Filter):
    """discord.py logs each routine reconnect as an ERROR with a full traceback; the
    supervisor tracks the outage, so one warning line with the reason is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Attempting a reconnect") and record.exc_info:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = ()
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_CLIENT_LOG = logging.getLogger("discord.client")
if not any(isinstance(f, _QuietReconnects) for f in _CLIENT_LOG.filters):
    _CLIENT_LOG.addFilter(_QuietReconnects())


class GatewaySupervisor:
    """Runs ``bot.connect`` until the bot is closed, restarting it when it ends."""

    def __init__(self, bot: AnyBot, token: str, give_up_after: float) -> None:
        self.bot = bot
        self._token = token
        self.give_up_after = give_up_after
        self.ready = asyncio.Event()  # set while the gateway is connected
        self._down_since: float | None = None
        # 'connect' comes with the gateway's READY ('ready' only after a guild-loading pause).
        bot.add_listener(self._on_up, "on_connect")
        bot.add_listener(self._on_up, "on_resumed")
        bot.add_listener(self._on_down, "on_disconnect")

    @property
    def connected(self) -> bool:
        return self.ready.is_set() and not self.bot.is_closed()

    async def _on_up(self) -> None:
        self._down_since = None
        self.ready.set()

    async def _on_down(self) -> None:
        self.ready.clear()
        if self._down_since is None:
            self._down_since = asyncio.get_running_loop().time()

    async def run(self) -> None:
        """Connect, and reconnect, until the bot is closed; StartupError when it gives up."""
        self._down_since = asyncio.get_running_loop().time()
        failures = 0
        while not self.bot.is_closed():
            try:
                await self._connect_once()
            except discord.LoginFailure as exc:
                raise StartupError(
                    f"Discord refused FLASHBACK_DISCORD_TOKEN: {exc}", DISCORD_FIX
                ) from exc
            except discord.PrivilegedIntentsRequired as exc:
                raise StartupError(f"Discord refused the bot: {exc}", _INTENTS_FIX) from exc
            except StartupError:
                raise
            except Exception as exc:  # the AttributeError of #10520 among them
                if self.bot.is_closed():
                    return
                reason = _describe(exc)
            else:
                if self.bot.is_closed():
                    return
                reason = "the gateway connection ended"
            await self._on_down()
            failures += 1
            delay = min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - 1, 10)) * random.uniform(
                0.5, 1
            )
            self._give_up_if_down_too_long(reason, delay)
            log.warning("Discord gateway: %s; retrying in %.1f s", reason, delay)
            await asyncio.sleep(delay)
            if self.ready.is_set():
                failures = 0

    def _give_up_if_down_too_long(self, reason: str, delay: float = 0.0) -> None:
        """StartupError once the gateway has been down for the allowed time (or would be,
        by the end of the next wait)."""
        if self._down_since is None:
            return
        down = asyncio.get_running_loop().time() - self._down_since
        if down + min(delay, 1.0) >= self.give_up_after:
            raise StartupError(
                f"Discord's gateway stayed down for {self.give_up_after:g} s ({reason})", _FIX
            )

    async def _connect_once(self) -> None:
        """Log in if needed, then run the gateway; while discord.py reconnects by itself,
        watch that it does not stay down for longer than allowed."""
        if self.bot.user is None:  # not logged in yet: a DNS failure at boot lands here too
            await self.bot.login(self._token)
        connecting = asyncio.create_task(self.bot.connect(reconnect=True))
        try:
            while not connecting.done():
                await asyncio.wait({connecting}, timeout=1.0)
                if not connecting.done():
                    self._give_up_if_down_too_long("discord.py could not reconnect")
            connecting.result()
        finally:
            connecting.cancel()


def _describe(exc: BaseException) -> str:
    # discord.py's AttributeError (#10520) hides the failure that caused it: show that one.
    if isinstance(exc, AttributeError) and exc.__context__ is not None:
        exc = exc.__context__
    return f"{type(exc).__name__}: {exc}"
