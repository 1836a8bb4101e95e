"""Settings from environment variables or `.env`, named by the operations contract."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.feedback import DEFAULT_PAIN_POINTS
from storage.database import DatabaseTimeouts

DEFAULT_DATABASE_URL = "sqlite:///partnerbot.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: str | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: str | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: str | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_api_base_url: str | None = Field(default=None, validation_alias="SLACK_API_BASE_URL")
    slack_client_id: str | None = Field(default=None, validation_alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, validation_alias="SLACK_CLIENT_SECRET")
    slack_state_secret: str | None = Field(default=None, validation_alias="SLACK_STATE_SECRET")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    timezone_name: str = Field(default="UTC", validation_alias="PARTNERBOT_TIMEZONE")
    pain_points_list: str | None = Field(default=None, validation_alias="PARTNERBOT_PAIN_POINTS")
    reminder_days: int = Field(default=3, ge=1, le=60, validation_alias="PARTNERBOT_REMINDER_DAYS")
    db_connect_timeout: float = Field(default=2, gt=0, le=60, validation_alias="PARTNERBOT_DB_CONNECT_TIMEOUT")
    db_statement_timeout: float = Field(default=5, gt=0, le=600, validation_alias="PARTNERBOT_DB_STATEMENT_TIMEOUT")
    db_pool_timeout: float = Field(default=2, gt=0, le=60, validation_alias="PARTNERBOT_DB_POOL_TIMEOUT")
    health_timeout: float = Field(default=2, gt=0, le=30, validation_alias="PARTNERBOT_HEALTH_TIMEOUT")
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024, validation_alias="PARTNERBOT_MAX_BODY_BYTES")
    form_key: str | None = Field(default=None, min_length=16, validation_alias="PARTNERBOT_FORM_KEY")
    retention_days: int = Field(default=14, ge=1, le=3650, validation_alias="PARTNERBOT_RETENTION_DAYS")
    admins_list: str = Field(default="", validation_alias="PARTNERBOT_ADMINS")
    shutdown_grace: float = Field(default=25, ge=0, le=600, validation_alias="PARTNERBOT_SHUTDOWN_GRACE")
    log_format: Literal["text", "json"] = Field(default="text", validation_alias="PARTNERBOT_LOG_FORMAT")
    """One text line per record, or one JSON object per line for a log collector (bot/log_format.py)."""

    @field_validator("timezone_name")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"PARTNERBOT_TIMEZONE={value!r} is not an IANA time zone such as Europe/Warsaw") from None
        return value

    @field_validator("slack_api_base_url")
    @classmethod
    def _trailing_slash(cls, value: str | None) -> str | None:
        return value if not value or value.endswith("/") else value + "/"

    @field_validator("pain_points_list")
    @classmethod
    def _some_pain_points(cls, value: str | None) -> str | None:
        if value is not None and not [item for item in value.split(",") if item.strip()]:
            raise ValueError("PARTNERBOT_PAIN_POINTS is empty; give a comma-separated list such as tooling,payouts")
        return value

    @field_validator("slack_state_secret")
    @classmethod
    def _long_state_secret(cls, value: str | None) -> str | None:
        if value and len(value) < 16:
            raise ValueError("SLACK_STATE_SECRET is too short; use 16 characters or more (`openssl rand -hex 32`)")
        return value

    @model_validator(mode="after")
    def _all_of_oauth_or_none(self) -> Settings:
        given = {
            "SLACK_CLIENT_ID": bool(self.slack_client_id),
            "SLACK_CLIENT_SECRET": bool(self.slack_client_secret),
            "SLACK_STATE_SECRET": bool(self.slack_state_secret),
        }
        if any(given.values()) and not all(given.values()):
            missing = ", ".join(name for name, present in given.items() if not present)
            raise ValueError(
                "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together switch on installing to many"
                f" workspaces; {missing} is not set"
            )
        return self

    @property
    def installs_to_many_workspaces(self) -> bool:
        """OAuth mode: each workspace installs with "Add to Slack" and gets its own bot token."""
        return bool(self.slack_client_id)

    @property
    def pain_points(self) -> tuple[str, ...]:
        """The configured pain points, with "other" always offered last."""
        if self.pain_points_list is None:
            return DEFAULT_PAIN_POINTS
        items = [item.strip().casefold() for item in self.pain_points_list.split(",") if item.strip()]
        return tuple(dict.fromkeys([*[item for item in items if item != "other"], "other"]))

    @property
    def admins(self) -> frozenset[str]:
        """PARTNERBOT_ADMINS: Slack user ids, comma-separated, who are admins in every workspace."""
        return frozenset(part.strip() for part in self.admins_list.split(",") if part.strip())

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @property
    def database_timeouts(self) -> DatabaseTimeouts:
        return DatabaseTimeouts(self.db_connect_timeout, self.db_statement_timeout, self.db_pool_timeout)

    @property
    def has_socket_mode_tokens(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)
