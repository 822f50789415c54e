"""The Slack scopes: one list, the manifest's, the code's calls, the doctor's check, the runtime.

An app made by hand or from an older manifest lacks a scope; the doctor names it, and a
command that needs it says so instead of a misleading refusal.
"""

from __future__ import annotations

import re

from bot.adapters.slack.scopes import METHOD_SCOPES, REQUIRED_SCOPES
from bot.ops.doctor import online_findings
from bot.settings import Settings
from tests.conftest import REPO_ROOT
from tests.fakes.slack_api import FakeSlackAPI, manifest_scopes

BOT_TOKEN = "xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx"
_SDK_CALL = re.compile(r"\.(?:client|poster)\.([a-z]+_[A-Za-z_]+)\(")
_RAW_CALL = re.compile(r'_slack_call\(\s*session, settings\.slack_api_url, "([a-z.A-Z]+)"')


def test_the_manifest_requests_exactly_the_required_scopes() -> None:
    assert manifest_scopes() == list(REQUIRED_SCOPES)


def test_every_web_api_call_is_covered_and_every_scope_is_used() -> None:
    source = "".join(p.read_text("utf-8") for p in (REPO_ROOT / "bot/adapters/slack").glob("*.py"))
    called = {m.replace("_", ".") for m in _SDK_CALL.findall(source)}
    called |= set(_RAW_CALL.findall(source))
    assert called == set(METHOD_SCOPES)
    used = {"commands"} | {scope for scopes in METHOD_SCOPES.values() for scope in scopes}
    assert used == set(REQUIRED_SCOPES)


async def _slack_findings(fake: FakeSlackAPI) -> list[tuple[str, str, str, str]]:
    settings = Settings(
        slack_bot_token=BOT_TOKEN,  # type: ignore[arg-type]
        slack_mode="http",
        slack_signing_secret="0" * 32,  # type: ignore[arg-type]
        slack_api_url=fake.api_url,
    )
    return [(f.check, f.status, f.message, f.fix) for f in await online_findings(settings)]


async def test_the_doctor_reads_the_granted_scopes() -> None:
    async with FakeSlackAPI() as fake:
        _, scopes = await _slack_findings(fake)
        assert scopes[:2] == ("slack scopes", "ok")
        fake.scopes.remove("users:read")
        fake.scopes.remove("groups:history")
        _, scopes = await _slack_findings(fake)
    check, status, message, fix = scopes
    assert (check, status) == ("slack scopes", "fail")
    assert "lacks users:read (users.info" in message and "groups:history" in message
    assert "chat:write" not in message
    assert "Reinstall to Workspace" in fix and "slack-manifest.yml" in fix
