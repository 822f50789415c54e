"""Every setting of the bot, declared once with its default and help.

Settings come from the environment (prefix ``FLASHBACK_``) or a ``.env`` file. Secrets are
``SecretStr`` and input values are hidden from validation errors, so a bad token never ends
up in a log. ``load_settings()`` turns a validation failure into a message that names the
environment variable to fix.
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.paths import shipped_corpus_dir

ENV_PREFIX = "FLASHBACK_"
ENV_FILE = ".env"  # read from the current directory (`flashback doctor` says which)


def _default_replica_id() -> str:
    # Host and pid alone collide under host networking (every container's bot is PID 1 on
    # the same host name); a random suffix keeps two processes' claims apart.
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Conference Flashback configuration. Field descriptions are the settings reference."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=ENV_FILE,
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
        validate_default=True,
        # `FLASHBACK_X=` (an uncommented line of .env.example) means "not set", not "empty".
        env_ignore_empty=True,
    )

    # --- corpus -------------------------------------------------------------------------
    corpus_dir: Path = Field(
        default_factory=shipped_corpus_dir,
        description="Directory of trip reports to ingest (every file in it is read).",
        json_schema_extra={"doc_default": "the shipped corpus"},
    )
    corpus_reload_seconds: int = Field(
        default=60,
        ge=0,
        description=(
            "How often the running bot looks for added, edited or removed reports and "
            "reloads the corpus (0: never)."
        ),
    )
    max_report_bytes: int = Field(
        default=5_000_000,
        ge=1_000,
        description="Largest report file accepted, in bytes; bigger files are skipped and named.",
    )
    ingest_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description=(
            "Time one report file may take to read; a file that takes longer is skipped and named."
        ),
    )
    ingest_memory_mb: int = Field(
        default=1024,
        ge=128,
        description=(
            "Memory the ingestion worker may use while reading one file, in MB; a file that "
            "needs more is skipped and named."
        ),
    )

    # --- paper metadata (optional) ------------------------------------------------------
    metadata: Literal["", "arxiv", "openalex", "semanticscholar"] = Field(
        default="",
        description=(
            "Metadata service that fills in the catalog's titles, authors, venues and "
            "abstracts: arxiv, openalex or semanticscholar (empty: off, nothing is looked up)."
        ),
    )
    metadata_interval_seconds: float | None = Field(
        default=None,
        ge=0,
        le=3600,
        description=(
            "Seconds between two requests to the metadata service. Default: the service's "
            "published rate (arxiv 3, openalex 0.1, semanticscholar 1)."
        ),
        json_schema_extra={"doc_default": "per service"},
    )
    metadata_timeout_seconds: float = Field(
        default=20.0, gt=0, le=300, description="Time one metadata request may take."
    )
    metadata_attempts: int = Field(
        default=4,
        ge=1,
        le=10,
        description="Tries per metadata request on a timeout, 429 or 5xx before it counts as failed.",
    )
    metadata_backoff_seconds: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="First wait before retrying a failed metadata request; doubles per try (with jitter).",
    )
    metadata_max_wait_seconds: float = Field(
        default=120.0,
        ge=0,
        description=(
            "Longest Retry-After the bot waits out; a service asking for longer is left alone "
            "until the next run."
        ),
    )
    metadata_not_found_days: int = Field(
        default=30,
        ge=1,
        description="How long a work the service does not know is remembered before it is asked again.",
    )
    metadata_contact: str | None = Field(
        default=None,
        max_length=200,
        description=(
            "An e-mail address sent with metadata requests (User-Agent, OpenAlex's mailto), "
            "as the services ask."
        ),
    )
    metadata_api_key: SecretStr | None = Field(
        default=None,
        description="API key of the metadata service (OpenAlex api_key, Semantic Scholar x-api-key).",
    )
    metadata_api_url: str | None = Field(
        default=None,
        description="Base URL of the metadata service's API (for proxies and tests). Default: the service's own.",
    )

    # --- digest and templates -----------------------------------------------------------
    templates_dir: Path | None = Field(
        default=None,
        description="Directory of template overrides, searched before the packaged templates.",
    )
    digest_size: int = Field(
        default=4, ge=1, le=10, description="Highlights in a digest when a channel sets none."
    )
    default_weekday: str = Field(
        default="mon", description="Day a new subscription is posted on when none is given."
    )
    default_time: str = Field(
        default="09:00", description="Local time (HH:MM) a new subscription is posted at."
    )
    default_timezone: str = Field(
        default="UTC", description="IANA timezone for a new subscription when none is given."
    )

    # --- storage ------------------------------------------------------------------------
    data_dir: Path = Field(
        default=Path("data"),
        description=(
            "Directory for the SQLite database, caches and the health heartbeat (relative to the "
            "working directory, which is / in the Docker image: data is its /data volume)."
        ),
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL, e.g. postgresql+asyncpg://user@host/db. "
            "Default: a SQLite file in the data directory."
        ),
    )
    database_schema: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$",
        description="PostgreSQL schema for the tables (created if missing). Default: search_path.",
    )

    # --- scheduler and delivery ---------------------------------------------------------
    replica_id: str = Field(
        default_factory=_default_replica_id,
        description="Name this process writes into delivery claims (default: host-pid-random).",
        json_schema_extra={"doc_default": "host-pid-random"},
    )
    claim_lease_seconds: int = Field(
        default=900,
        ge=10,
        description="How long a delivery claim holds before another replica may take it over.",
    )
    sync_interval_seconds: int = Field(
        default=30,
        ge=1,
        description="How often each replica re-reads the subscriptions table into its schedule.",
    )
    delivery_attempts: int = Field(
        default=5, ge=1, description="Attempts to post one digest before it is marked failed."
    )
    delivery_backoff_seconds: float = Field(
        default=2.0,
        gt=0,
        description="First wait before retrying a failed post; doubles per attempt (with jitter).",
    )
    delivery_concurrency: int = Field(
        default=50, ge=1, description="Digests one replica posts at the same time, at most."
    )
    shutdown_grace_seconds: float = Field(
        default=10.0,
        ge=0,
        description="On shutdown, how long in-flight posts may finish before they are cancelled.",
    )

    # --- Slack --------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(
        default=None, description="Slack bot token (xoxb-...). Enables Slack when set."
    )
    slack_app_token: SecretStr | None = Field(
        default=None, description="Slack app-level token (xapp-...) for Socket Mode."
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, description="Slack signing secret; required in HTTP mode."
    )
    slack_mode: Literal["socket", "http"] = Field(
        default="socket", description="How Slack reaches the bot: socket (default) or http."
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/",
        description="Slack Web API base URL (for Enterprise proxies and tests).",
    )
    slack_admin_users: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated Slack user ids allowed to manage subscriptions.",
    )
    http_host: str = Field(
        default="0.0.0.0",  # noqa: S104 - a container must listen beyond loopback
        description="Interface the HTTP server (Slack HTTP mode) listens on.",
    )
    http_port: int = Field(
        default=3000, ge=1, le=65535, description="Port of the HTTP server; Slack at /slack/events."
    )

    # --- Discord ------------------------------------------------------------------------
    discord_token: SecretStr | None = Field(
        default=None, description="Discord bot token. Enables Discord when set."
    )
    discord_api_url: str = Field(
        default="https://discord.com/api/v10",
        description="Discord REST API base URL (for proxies and tests; used by flashback doctor).",
    )
    discord_gateway_url: str = Field(
        default="wss://gateway.discord.gg/",
        description="Discord gateway (websocket) URL (for proxies and tests).",
    )
    discord_shards: int | None = Field(
        default=None, ge=1, description="Shard count; when set the bot runs AutoShardedClient."
    )
    discord_shard_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list,
        description=(
            "Comma-separated shard ids this replica runs (e.g. 0,1 of 4); "
            "scale-out gives each replica its own. Default: all shards."
        ),
    )

    connect_timeout_seconds: float = Field(
        default=120.0,
        ge=1,
        description=(
            "How long a chat platform may take to connect (at start-up, or to reconnect after "
            "losing its connection) before the bot exits non-zero, so a restart policy acts."
        ),
    )

    # --- operations ---------------------------------------------------------------------
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Lowest level of log lines written."
    )
    log_json: bool = Field(default=False, description="Write one JSON object per log line.")
    heartbeat_interval_seconds: int = Field(
        default=15,
        ge=1,
        description="How often the running bot writes its heartbeat file (see flashback health).",
    )
    heartbeat_max_age_seconds: int = Field(
        default=60,
        ge=2,
        description="Oldest heartbeat flashback health accepts as alive.",
    )

    @field_validator("metadata", mode="before")
    @classmethod
    def _metadata_off(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().lower()
            return "" if value in {"off", "none", "false", "0", "no"} else value
        return value

    @field_validator("slack_admin_users", mode="before")
    @classmethod
    def _split_admins(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("discord_shard_ids", mode="before")
    @classmethod
    def _split_shard_ids(cls, value: Any) -> Any:
        return _split_list(value)

    @model_validator(mode="after")
    def _shard_ids_within_count(self) -> Settings:
        if self.discord_shard_ids:
            if not self.discord_shards:
                raise ValueError("FLASHBACK_DISCORD_SHARD_IDS needs FLASHBACK_DISCORD_SHARDS")
            wrong = [i for i in self.discord_shard_ids if not 0 <= i < self.discord_shards]
            if wrong:
                raise ValueError(
                    f"FLASHBACK_DISCORD_SHARD_IDS: {wrong} outside 0..{self.discord_shards - 1}"
                )
        return self

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("not an IANA timezone name such as Europe/Berlin") from exc
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL in use: the setting, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'flashback.db').resolve()}"


class SettingsError(Exception):
    """Configuration that cannot start the bot, with a message naming the variables to fix."""


def env_name(field: str) -> str:
    """The environment variable that sets a settings field."""
    return f"{ENV_PREFIX}{field.upper()}"


def load_settings(**overrides: Any) -> Settings:
    """Read the settings; on failure raise SettingsError naming each bad variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            if error["loc"]:
                lines.append(f"{env_name(str(error['loc'][0]))}: {error['msg']}")
            else:  # a rule across settings names its variables in its own message
                lines.append(str(error["msg"]).removeprefix("Value error, "))
        raise SettingsError("invalid configuration:\n  " + "\n  ".join(lines)) from None
