"""Logs: one line per event, JSON when configured, and no secret ever written.

Also proves that a configuration error never echoes a token (pydantic's hide_input_in_errors),
both from load_settings and in the CLI's error output.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from bot.ops.logging_setup import REDACTED, RedactingFilter, configure_logging, secret_values
from bot.settings import Settings, SettingsError, load_settings
from tests.conftest import REPO_ROOT

# Realistically shaped, obviously fake.
BOT_TOKEN = "xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx"
APP_TOKEN = "xapp-1-A0123456789-3333333333333-0f0e0d0c0b0a09080706050403020100"
SIGNING_SECRET = "8f14e45fceea167a5a36dedd4bea2543"
DISCORD_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.Zyxwvutsrqponmlkjihgfedcba0123456789AB"
DB_PASSWORD = "correct-horse-battery"
SECRETS = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, DISCORD_TOKEN, DB_PASSWORD]


def _settings(**extra: object) -> Settings:
    return load_settings(
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        discord_token=DISCORD_TOKEN,
        database_url=f"postgresql+asyncpg://flashback:{DB_PASSWORD}@db:5432/flashback",
        **extra,
    )


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Route logging into a buffer; restore the root logger afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogRecordFactory())
    stream = io.StringIO()
    yield stream
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    logging.setLogRecordFactory(saved[2])


def _log_everything_dangerous() -> int:
    """Log each secret the ways real code does; return the number of events."""
    ours = logging.getLogger("bot.adapters.slack")
    ours.info("connecting with %s", BOT_TOKEN)
    ours.warning("socket mode token %s rejected", APP_TOKEN, extra={"token": APP_TOKEN})
    ours.info("verifying with secret %s", SIGNING_SECRET)
    ours.info("discord login", extra={"config": {"token": DISCORD_TOKEN}})
    # What slack_sdk's debug logging prints about a request.
    logging.getLogger("slack_sdk.web.base_client").debug(
        "Sending a request - headers: {'Authorization': 'Bearer %s'}", BOT_TOKEN
    )
    logging.getLogger("bot.store").warning(
        "cannot connect to postgresql+asyncpg://flashback:%s@db:5432/flashback", DB_PASSWORD
    )
    try:
        raise RuntimeError(f"login failed for {DISCORD_TOKEN}\nsecond line")
    except RuntimeError:
        logging.getLogger("discord.client").exception("gateway closed")
    return 7


@pytest.mark.parametrize("log_json", [False, True])
def test_no_secret_reaches_the_log(captured: io.StringIO, log_json: bool) -> None:
    configure_logging(_settings(log_json=log_json, log_level="DEBUG"), captured)
    events = _log_everything_dangerous()
    output = captured.getvalue()
    for secret in SECRETS:
        assert secret not in output
    assert output.count(REDACTED) >= events
    assert len(output.splitlines()) == events  # one line per event, tracebacks included


def test_json_lines_parse_and_keep_extras(captured: io.StringIO) -> None:
    configure_logging(_settings(log_json=True), captured)
    logging.getLogger("bot.scheduler").info(
        "posted digest", extra={"channel": "slack:T1:C1", "week": "2026-W19", "attempt": 2}
    )
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError:
        logging.getLogger("bot.scheduler").exception("delivery failed")
    first, second = (json.loads(line) for line in captured.getvalue().splitlines())
    assert first["message"] == "posted digest"
    assert first["level"] == "INFO" and first["logger"] == "bot.scheduler"
    assert (first["channel"], first["week"], first["attempt"]) == ("slack:T1:C1", "2026-W19", 2)
    assert first["ts"].endswith("Z")
    assert "ZeroDivisionError" in second["exc"]


def test_text_lines_carry_level_logger_and_extras(captured: io.StringIO) -> None:
    configure_logging(_settings(), captured)
    logging.getLogger("bot.scheduler").info("posted digest", extra={"week": "2026-W19"})
    logging.getLogger("bot.scheduler").debug("not at INFO")
    (line,) = captured.getvalue().splitlines()
    assert " INFO bot.scheduler: posted digest week=2026-W19" in line


def test_token_shapes_are_redacted_even_when_not_configured() -> None:
    redact = RedactingFilter().redact
    for token in (
        "xoxp-1234-5678-abcdef",
        "xoxb-9-9-zz",
        "xapp-1-A1-2-ff",
        DISCORD_TOKEN,
        "https://hooks.slack.com/services/T000/B000/XXXXXXXX",
    ):
        assert REDACTED in redact(f"pasted {token} here")
        assert token not in redact(f"pasted {token} here")
    assert redact("Authorization: Bot abc.def.ghi") == f"Authorization: Bot {REDACTED}"
    assert (
        redact("postgresql://bot:pa@ss@db/x failed") == f"postgresql://bot:{REDACTED}@db/x failed"
    )
    assert (
        redact("ordinary text, 2019 ICLR in New Orleans")
        == "ordinary text, 2019 ICLR in New Orleans"
    )


def test_secret_values_collects_secretstrs_and_the_database_password() -> None:
    assert set(secret_values(_settings())) == set(SECRETS)
    assert secret_values(load_settings()) == []


def test_a_bad_format_string_does_not_crash_the_caller(captured: io.StringIO) -> None:
    configure_logging(_settings(), captured)
    logging.getLogger("bot").info("two args %s %s", BOT_TOKEN)
    assert BOT_TOKEN not in captured.getvalue()


def test_records_are_redacted_for_handlers_we_did_not_install(captured: io.StringIO) -> None:
    # discord.py's client.run() (or any library) may add its own handler to its own logger.
    configure_logging(_settings(), captured)
    theirs = io.StringIO()
    library = logging.getLogger("some.library")
    library.addHandler(logging.StreamHandler(theirs))
    try:
        library.warning("token is %s", DISCORD_TOKEN)
    finally:
        library.handlers.clear()
    assert DISCORD_TOKEN not in theirs.getvalue()
    assert REDACTED in theirs.getvalue()


def test_every_command_redacts_token_shapes_even_before_configuring(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    monkeypatch.setattr(sys, "argv", ["flashback", "settings", "reference"])
    with pytest.raises(SystemExit):
        main()
    theirs = io.StringIO()
    library = logging.getLogger("discord.client")
    library.addHandler(logging.StreamHandler(theirs))
    try:
        library.warning("bad token %s", DISCORD_TOKEN)
    finally:
        library.handlers.clear()
    assert DISCORD_TOKEN not in theirs.getvalue() and REDACTED in theirs.getvalue()


def test_configure_logging_is_idempotent(captured: io.StringIO) -> None:
    configure_logging(_settings(), captured)
    configure_logging(_settings(), captured)
    logging.getLogger("bot").info("once")
    assert captured.getvalue().count("once") == 1


def test_settings_repr_hides_secrets() -> None:
    text = repr(_settings()) + str(_settings().model_dump())
    for secret in SECRETS[:4]:
        assert secret not in text


# --- configuration errors -------------------------------------------------------------------

BAD_ENV = {
    "FLASHBACK_HTTP_PORT": BOT_TOKEN,
    "FLASHBACK_SLACK_MODE": APP_TOKEN,
    "FLASHBACK_DISCORD_SHARDS": DISCORD_TOKEN,
    "FLASHBACK_LOG_JSON": SIGNING_SECRET,
    "FLASHBACK_DEFAULT_TIMEZONE": DB_PASSWORD,
}


def test_a_configuration_error_never_echoes_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in BAD_ENV.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    for name in BAD_ENV:
        assert name in message  # says which variable to fix ...
    for secret in SECRETS:
        assert secret not in message  # ... and never what it was set to
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_configuration_error_from_env_file_never_echoes_the_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".env").write_text(f"FLASHBACK_HTTP_PORT={BOT_TOKEN}\n", "utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "FLASHBACK_HTTP_PORT" in str(caught.value)
    assert BOT_TOKEN not in str(caught.value)


@pytest.mark.slow
def test_the_cli_error_output_never_echoes_the_value() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env.update(BAD_ENV, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "settings", "show"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "FLASHBACK_HTTP_PORT" in done.stderr
    assert "Traceback" not in done.stderr
    for secret in SECRETS:
        assert secret not in done.stdout + done.stderr
