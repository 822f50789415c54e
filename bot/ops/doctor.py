"""`flashback doctor`: check everything the bot needs and say in plain words what to fix.

Checks, in order: the data directory, the corpus, template overrides, the database (can it be
reached, is its schema current), and each chat platform's tokens (their shape; with
``online=True`` whether the platform accepts them), as each platform's adapter checks them
(bot/adapters/<platform>/tokens.py). The configuration itself is checked before any of
this, by loading the settings (see bot/cli/doctor.py).
"""

from __future__ import annotations

import asyncio
import difflib
import os
import tempfile
from pathlib import Path

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from bot.ops.database_url import display_url, url_problem
from bot.ops.findings import Finding, fail, ok, warn
from bot.settings import ENV_FILE, ENV_PREFIX, Settings

_DB_TIMEOUT_SECONDS = 10
_ONLINE_TIMEOUT = aiohttp.ClientTimeout(total=10)


def check_env_file() -> list[Finding]:
    """Which .env the settings came from: it is read from the current directory only, so a
    command run from elsewhere silently uses the defaults."""
    env = Path(ENV_FILE).resolve()
    if env.is_file():
        return [ok("settings", f"read {env}")]
    if any(name.startswith(ENV_PREFIX) for name in os.environ):
        return [ok("settings", f"from the environment (no .env in {Path.cwd()})")]
    return [
        warn(
            "settings",
            f"no .env in {Path.cwd()}: settings come from the environment and the defaults",
            "run flashback from the folder that holds your .env (the clone's root), or export "
            "the FLASHBACK_* variables",
        )
    ]


def check_data_dir(settings: Settings) -> list[Finding]:
    """The data directory exists (or can be made) and this user can write in it."""
    directory = settings.data_dir.resolve()
    fix = (
        f"create it and give it to uid {os.getuid()}, or point FLASHBACK_DATA_DIR elsewhere; "
        "in Docker, mount a named volume at /data"
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as exc:
        return [fail("data directory", f"{directory} is not writable ({exc.strerror})", fix)]
    return [ok("data directory", f"{directory} is writable")]


def check_corpus(settings: Settings) -> list[Finding]:
    """The corpus directory exists and yields reports; name every file that was skipped."""
    from bot.corpus.configured import load_configured_corpus

    directory = settings.corpus_dir
    fix = "point FLASHBACK_CORPUS_DIR at a directory of trip reports (.md, .txt, .html)"
    if not directory.is_dir():
        return [fail("corpus", f"{directory} is not a directory", fix)]
    corpus = load_configured_corpus(settings, directory)
    if not corpus.reports:
        return [fail("corpus", f"no report in {directory} could be read", fix)]
    snippets = sum(len(report.snippets) for report in corpus.reports)
    findings = [
        ok(
            "corpus",
            f"{len(corpus.reports)} reports, {snippets} snippets, {len(corpus.papers)} papers "
            f"from {directory}",
        )
    ]
    for problem in corpus.problems:
        message = f"{problem.file}: {problem.reason}"
        findings.append(warn("corpus", message) if problem.fatal else ok("corpus", message))
    return findings


def check_templates(settings: Settings) -> list[Finding]:
    """Template overrides exist, compile, and each replaces a template the bot uses."""
    directory = settings.templates_dir
    if directory is None:
        return [ok("templates", "using the packaged templates")]
    if not directory.is_dir():
        return [
            fail(
                "templates",
                f"FLASHBACK_TEMPLATES_DIR={directory} is not a directory",
                "create it, or unset FLASHBACK_TEMPLATES_DIR to use the packaged templates",
            )
        ]
    from jinja2 import TemplateError

    from bot.digest.render import make_environment
    from bot.paths import shipped_templates_dir

    env = make_environment(directory)
    shipped = {
        p.relative_to(shipped_templates_dir()).as_posix() for p in _files(shipped_templates_dir())
    }
    overrides = sorted(p.relative_to(directory).as_posix() for p in _files(directory))
    findings = [ok("templates", f"{len(overrides)} override(s) in {directory}")]
    for name in overrides:
        try:
            env.get_template(name)
        except TemplateError as exc:
            findings.append(
                fail("templates", f"{name} does not compile: {exc}", "fix the template syntax")
            )
        if name not in shipped:
            close = difflib.get_close_matches(name, shipped, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            findings.append(
                warn(
                    "templates",
                    f"{name} overrides nothing (no packaged template has that name)",
                    f"{hint}an override must have the path of the packaged template it "
                    f"replaces, relative to {shipped_templates_dir()}",
                )
            )
    return findings


def _files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")]


_URL_FIX = (
    "set FLASHBACK_DATABASE_URL to sqlite+aiosqlite:///path/to/file.db or "
    "postgresql+asyncpg://user:password@host:5432/database (or unset it for SQLite in the data "
    "directory)"
)


def _url_findings(raw: str, where: str) -> tuple[URL | None, list[Finding]]:
    """The parsed URL, or the findings that say why it cannot be used (never a secret)."""
    problem = url_problem(raw)
    if problem is not None:
        return None, [fail("database", f"FLASHBACK_DATABASE_URL ({where}): {problem}", _URL_FIX)]
    name = raw.partition("://")[0] or "(none)"
    try:
        url = make_url(raw)
        url.get_dialect()  # loads the dialect: an unknown one raises here
    except NoSuchModuleError:  # before ArgumentError, its base class
        return None, [
            fail(
                "database",
                f"FLASHBACK_DATABASE_URL names an unknown database driver: {name}",
                _URL_FIX,
            )
        ]
    except (ArgumentError, ValueError):
        return None, [
            fail("database", f"FLASHBACK_DATABASE_URL is not a database URL: {where}", _URL_FIX)
        ]
    if not url.get_dialect().is_async:
        return None, [
            fail(
                "database",
                f"FLASHBACK_DATABASE_URL names a driver without asyncio support: {url.drivername}",
                "use sqlite+aiosqlite:// or postgresql+asyncpg://",
            )
        ]
    return url, []


async def check_database(settings: Settings) -> list[Finding]:
    """The database answers, and its schema is at the revision this version ships."""
    from bot.store.database import create_engine, current_revision, head_revision

    raw = settings.resolved_database_url
    where = display_url(raw)
    url, problems = _url_findings(raw, where)
    if url is None:
        return problems
    if url.get_backend_name() == "sqlite" and not _sqlite_file_exists(url.database):
        return [ok("database", f"{where} does not exist yet; the bot creates it at first start")]
    try:
        engine = create_engine(raw, schema=settings.database_schema)
    except ImportError as exc:
        return [fail("database", f"the driver of {where} is not installed ({exc.name})", _URL_FIX)]
    except Exception as exc:  # the dialect refused an argument of the URL
        return [_database_unreachable(where, exc)]
    try:
        async with asyncio.timeout(_DB_TIMEOUT_SECONDS):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            current = await current_revision(engine)
    except Exception as exc:  # every driver has its own errors; all mean "cannot use it"
        return [_database_unreachable(where, exc)]
    finally:
        await engine.dispose()
    return [ok("database", f"connected to {where}"), _schema_finding(current, head_revision())]


def database_problem(settings: Settings, exc: Exception) -> Finding:
    """Why the database of ``settings`` could not be opened, as the doctor would say it."""
    raw = settings.resolved_database_url
    where = display_url(raw)
    _, problems = _url_findings(raw, where)
    if problems:
        return problems[0]
    if isinstance(exc, ImportError):
        return fail("database", f"the driver of {where} is not installed ({exc.name})", _URL_FIX)
    return _database_unreachable(where, exc)


def _sqlite_file_exists(database: str | None) -> bool:
    # Connecting would create an empty file; the doctor only looks.
    return not database or database == ":memory:" or Path(database).exists()


def _database_unreachable(where: str, exc: Exception) -> Finding:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, TimeoutError):
        reason = f"no answer within {_DB_TIMEOUT_SECONDS} s"
    return fail(
        "database",
        f"cannot use {where}: {reason}",
        "check FLASHBACK_DATABASE_URL (host, port, user, password, database name) and that "
        "the server is running and reachable from here",
    )


def _schema_finding(current: str | None, head: str | None) -> Finding:
    upgrade = "run `flashback db upgrade` (the bot also upgrades at start)"
    if current == head:
        return ok("database", f"schema is current (revision {head})")
    if current is None:
        return warn("database", "the database has no tables yet", upgrade)
    if not _is_known_revision(current):
        return fail(
            "database",
            f"the schema is at revision {current}, which this version does not know: a newer "
            "version of the bot migrated it",
            "run that newer version (or restore a backup taken before the upgrade)",
        )
    return warn(
        "database", f"the schema is at revision {current}; this version ships {head}", upgrade
    )


def _is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from bot.store.database import alembic_config

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def check_platforms(settings: Settings) -> list[Finding]:
    """Token shapes of each platform, and which adapter will run."""
    from bot.adapters.platforms import chat_platforms, enabled_platforms

    findings = [f for platform in chat_platforms() for f in platform.token_shape(settings)]
    if not enabled_platforms(settings):
        findings.append(
            ok("platforms", "no chat platform configured: `flashback run` uses the console adapter")
        )
    return findings


async def online_findings(settings: Settings) -> list[Finding]:
    """The online checks of every configured platform."""
    from bot.adapters.platforms import chat_platforms

    async with aiohttp.ClientSession(timeout=_ONLINE_TIMEOUT) as session:
        return [
            finding
            for platform in chat_platforms()
            for finding in await platform.token_online(settings, session)
        ]


async def run_doctor(settings: Settings, *, online: bool = False) -> list[Finding]:
    """Every check, in the order a person would fix things."""
    findings = [*check_env_file(), *check_data_dir(settings), *check_corpus(settings)]
    findings += check_templates(settings)
    findings += await check_database(settings)
    findings += check_platforms(settings)
    if online:
        findings += await online_findings(settings)
    return findings
