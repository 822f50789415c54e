"""Rendering digests (and other replies) through Jinja templates, one set per platform.

``make_environment`` searches the user's template directory first, the packaged templates
second, and serves the packaged ones under a ``default:`` prefix too, so an override can
``{% extends "default:slack/digest.json.j2" %}``. What differs per platform (template suffix,
escape filter, limits) comes from its profile (``bot.digest.platforms``): JSON templates are
parsed and then fitted into the platform's limits, with any surviving mention token broken.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from bot.digest.context import build_context
from bot.digest.limits import clip
from bot.digest.model import Digest
from bot.digest.platforms import PLATFORMS, all_profiles, profile
from bot.digest.safety import defuse, safe_url
from bot.digest.text import trim_text
from bot.paths import shipped_templates_dir

__all__ = [
    "PLATFORMS",
    "TemplateContext",
    "TemplateOutputError",
    "default_environment",
    "make_environment",
    "render_digest",
    "render_template",
]


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

    Filters: each platform's escape filter (``mrkdwn`` for Slack, ``discord_md`` for
    Discord) and ``plain`` escape and defuse text, each with an optional length limit;
    ``safe_url`` keeps clean http(s) links only; ``json`` writes a JSON value; ``trim`` cuts
    plain text at a sentence or word boundary. HTML templates (``*.html.j2``) are autoescaped.
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
        {p.escape_filter: _escaped(p.escape) for p in all_profiles() if p.escape_filter}
    )
    env.filters.update(
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
    name: str, context: TemplateContext, platform: str, env: Environment | None = None
) -> dict[str, Any] | str:
    """Render ``<platform>/<name>.<suffix>``: a fitted payload for JSON platforms, else text."""
    found = profile(platform)
    template_name = f"{platform}/{name}.{found.suffix}"
    output = (env or default_environment()).get_template(template_name).render(context.variables())
    if not found.structured:
        return found.fit(output)
    try:
        payload = json.loads(output)
    except json.JSONDecodeError as exc:
        raise TemplateOutputError(f"{template_name} did not produce JSON: {exc}") from exc
    return found.fit(payload)


def render_digest(
    digest: Digest, platform: str, env: Environment | None = None
) -> dict[str, Any] | str:
    """A digest as a platform payload: slack {"text", "blocks"}, discord {"content",
    "embeds"}, text and html a string. Always within the platform's limits."""
    return render_template("digest", build_context(digest, platform), platform, env)
