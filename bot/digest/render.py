"""Rendering digests (and other replies) through Jinja templates, one set per platform.

``make_environment`` searches the user's template directory first, the packaged templates
second, and serves the packaged ones under a ``default:`` prefix too, so an override can
``{% extends "default:slack/digest.json.j2" %}``. JSON templates are parsed and then fitted
into the platform's limits, with any surviving mention token broken.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from bot.digest.context import build_context
from bot.digest.limits import clip, fit_discord, fit_slack
from bot.digest.model import Digest
from bot.digest.safety import defuse, escape_discord, escape_slack, safe_url
from bot.digest.text import trim_text
from bot.paths import shipped_templates_dir

Platform = Literal["slack", "discord", "text", "html"]
PLATFORMS: tuple[Platform, ...] = ("slack", "discord", "text", "html")
_SUFFIX = {"slack": "json.j2", "discord": "json.j2", "text": "txt.j2", "html": "html.j2"}


class TemplateContext(Protocol):
    """Anything that hands its fields to a template (e.g. ``DigestContext``)."""

    def variables(self) -> dict[str, Any]: ...


class TemplateOutputError(ValueError):
    """A JSON template produced something that is not JSON; names the template."""


def _escaped(escape: Any) -> Any:
    """A filter escaping plain text, then cutting it to ``limit`` without breaking an escape."""

    def apply(text: object, limit: int | None = None) -> str:
        escaped: str = escape("" if text is None else str(text))
        return clip(escaped, limit) if limit is not None else escaped

    return apply


def _plain(text: object, limit: int | None = None) -> str:
    value = defuse("" if text is None else str(text))
    return trim_text(value, limit) if limit is not None else value


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The one Jinja environment: user templates, then packaged ones, then ``default:``.

    Filters: ``mrkdwn`` (Slack), ``discord_md`` (Discord) and ``plain`` escape and defuse
    text, each with an optional length limit; ``safe_url`` keeps clean http(s) links only;
    ``json`` writes a JSON value; ``trim`` cuts plain text at a sentence or word boundary.
    HTML templates (``*.html.j2``) are autoescaped.
    """
    shipped = FileSystemLoader(shipped_templates_dir())
    loaders: list[Any] = [FileSystemLoader(templates_dir)] if templates_dir else []
    loaders += [shipped, PrefixLoader({"default": shipped}, delimiter=":")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        mrkdwn=_escaped(escape_slack),
        discord_md=_escaped(escape_discord),
        plain=_plain,
        safe_url=lambda url: safe_url(url) or "",
        json=_json,
        trim=trim_text,
    )
    return env


@cache
def _environment_for(templates_dir: Path | None) -> Environment:
    return make_environment(templates_dir)


def default_environment() -> Environment:
    """The environment for the configured template directory (FLASHBACK_TEMPLATES_DIR)."""
    from bot.settings import load_settings

    return _environment_for(load_settings().templates_dir)


def render_template(
    name: str, context: TemplateContext, platform: Platform, env: Environment | None = None
) -> dict[str, Any] | str:
    """Render ``<platform>/<name>.<ext>.j2``: a fitted payload for Slack/Discord, else text."""
    if platform not in _SUFFIX:
        raise ValueError(f"unknown platform {platform!r}; use one of {', '.join(PLATFORMS)}")
    template_name = f"{platform}/{name}.{_SUFFIX[platform]}"
    output = (env or default_environment()).get_template(template_name).render(context.variables())
    if platform == "text":
        return defuse(output)
    if platform == "html":
        return output
    try:
        payload = json.loads(output)
    except json.JSONDecodeError as exc:
        raise TemplateOutputError(f"{template_name} did not produce JSON: {exc}") from exc
    return fit_slack(payload) if platform == "slack" else fit_discord(payload)


def render_digest(
    digest: Digest, platform: Platform, env: Environment | None = None
) -> dict[str, Any] | str:
    """A digest as a platform payload: slack {"text", "blocks"}, discord {"content",
    "embeds"}, text and html a string. Always within the platform's limits."""
    return render_template("digest", build_context(digest, platform), platform, env)
