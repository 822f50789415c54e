"""docker-compose.yml: one SQLite bot by default; the `scale` profile adds PostgreSQL and replicas."""

from __future__ import annotations

import re
from typing import Any

import yaml

from bot.settings import Settings, env_name
from tests.conftest import REPO_ROOT

COMPOSE: dict[str, Any] = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text("utf-8"))
SERVICES: dict[str, Any] = COMPOSE["services"]


def test_the_default_is_one_bot_on_a_named_volume() -> None:
    default = [name for name, service in SERVICES.items() if not service.get("profiles")]
    assert default == ["bot"]
    bot = SERVICES["bot"]
    assert "flashback-data:/data" in bot["volumes"]
    assert "flashback-data" in COMPOSE["volumes"]
    assert "FLASHBACK_DATABASE_URL" not in (bot.get("environment") or {})  # SQLite


def test_the_scale_profile_runs_two_replicas_on_postgres() -> None:
    postgres, replica = SERVICES["postgres"], SERVICES["replica"]
    assert postgres["profiles"] == replica["profiles"] == ["scale"]
    assert re.fullmatch(r"postgres:\d+\.\d+(-\w+)?", postgres["image"])  # pinned
    assert replica["deploy"]["replicas"] == 2
    assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"
    url = replica["environment"]["FLASHBACK_DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://flashback:") and "@postgres:5432/" in url
    assert replica["image"] == SERVICES["bot"]["image"]


def test_every_variable_the_compose_file_sets_is_a_setting() -> None:
    known = {env_name(name) for name in Settings.model_fields}
    text = (REPO_ROOT / "docker-compose.yml").read_text("utf-8")
    assert set(re.findall(r"FLASHBACK_[A-Z0-9_]+", text)) <= known


def test_the_stop_grace_outlasts_the_bot_shutdown_grace() -> None:
    grace = Settings.model_fields["shutdown_grace_seconds"].default
    for name in ("bot", "replica"):
        assert int(SERVICES[name]["stop_grace_period"].rstrip("s")) > grace + 10


def test_it_needs_no_recent_compose_and_runs_under_an_init() -> None:
    for name in ("bot", "replica"):
        service = SERVICES[name]
        assert service["env_file"] == ".env"  # the long form needs Compose 2.24+
        assert service["init"] is True  # signals reach the bot from its first moment
    assert (REPO_ROOT / ".env.example").exists()
