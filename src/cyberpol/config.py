"""Settings, read from CYBERPOL_* environment variables (or a .env file) when the app is wired."""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PLACEHOLDERS = {"", "changeme", "change-me", "secret", "dev"}


class Settings(BaseSettings):
    """Every setting CyberPol reads; each is documented in README.md (a test checks it)."""

    model_config = SettingsConfigDict(env_prefix="CYBERPOL_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = Field(
        "development",
        description="`production` refuses to start without a real secret key.",
    )
    data_dir: Path = Field(
        Path("data"), description="Where the SQLite database and other local state live."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL; PostgreSQL in production "
        "(`postgresql+psycopg://user:pass@host/db`). Default: SQLite file in the data dir.",
    )
    secret_key: str | None = Field(
        None,
        description="Key for the keyed hashes of card numbers and reporters (32+ characters). "
        "In development a random one is kept in `<data dir>/secret.key`.",
    )
    contact_key: str | None = Field(
        None,
        description="Key that encrypts reporters' contacts at rest (AES-256-GCM; 32+ "
        "characters). In development a random one is kept in `<data dir>/contact.key`. "
        "Losing it makes stored contacts unreadable.",
    )
    host: str = Field("127.0.0.1", description="Address `cyberpol serve` listens on.")
    port: int = Field(8000, description="Port `cyberpol serve` listens on.")
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For names the real client (e.g. `10.0.0.5,10.1.0.0/24`). Empty: none.",
    )
    public_check_rate: int = Field(
        60, description="Single checks an anonymous client address may make per minute."
    )
    public_report_rate: int = Field(
        10, description="Reports an anonymous client address may submit per minute."
    )
    token_check_rate: int = Field(
        600,
        ge=1,
        description="Single checks one token holder (user: bank, operator, analyst) may make "
        "per minute; all of a user's tokens share it.",
    )
    token_report_rate: int = Field(
        60,
        ge=1,
        description="Reports one token holder may submit per minute; all of a user's tokens "
        "share it.",
    )
    batch_rate: int = Field(
        60, description="Batch checks (of up to max_batch values) one token may make per minute."
    )
    max_body_bytes: int = Field(
        8 * 1024 * 1024, description="Largest HTTP request body accepted (bytes)."
    )
    max_text_chars: int = Field(20_000, description="Longest report text accepted (characters).")
    max_batch: int = Field(1000, description="Most values in one batch check.")
    max_attachment_bytes: int = Field(
        20 * 1024 * 1024,
        description="Largest single attachment to a report (bytes, decoded): a phone's photo or "
        "voice note; 20 MB is also what Telegram lets a bot download. Through the API they "
        "travel base64-encoded inside the body, so all of them must fit the body limit; the "
        "web form's limit is set from this one.",
    )
    max_attachments: int = Field(5, description="Most attachments to one report.")
    spark_master: str = Field(
        "local[*]",
        description="Spark master for `cyberpol mules score --engine spark` "
        "(`local[*]` on this machine, `spark://host:7077` for a cluster).",
    )
    freeze_answer_hours: int = Field(
        24,
        ge=1,
        le=24 * 30,
        description="Hours a bank has to answer a freeze request before it is flagged overdue.",
    )
    telegram_token: str | None = Field(
        None, description="The citizens' Telegram bot's token, from BotFather."
    )
    telegram_webhook_secret: str | None = Field(
        None,
        description="Secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` to the webhook; "
        "without it the webhook is off.",
    )
    telegram_api_url: str = Field(
        "https://api.telegram.org",
        description="The Bot API server: Telegram's, a local Bot API server or a test double.",
    )
    brands_file: Path | None = Field(
        None,
        description="JSON list of the protected brands lookalike domains are scored against "
        "(format of `src/cyberpol/monitoring/brands.json`, the default: Kazakh banks, eGov, "
        "OLX, Krisha, Kolesa, Kazpost, the tax service, the police).",
    )
    iban_banks: str = Field(
        "",
        pattern=r"^([A-Z]{2}[0-9A-Z]{1,10}=[A-Z]{6}[A-Z0-9]{2}(,[A-Z]{2}[0-9A-Z]{1,10}"
        r"=[A-Z]{6}[A-Z0-9]{2})*)?$",
        description="Banks renamed since the bundled IBAN registry, as country and bank code = "
        "BIC, comma-separated (e.g. `KZ914=BRKEKZKA`). An IBAN's bank code decides which bank "
        "holds the account.",
    )

    @model_validator(mode="after")
    def _refuse_bad_settings(self) -> Settings:
        for name, key in (("SECRET_KEY", self.secret_key), ("CONTACT_KEY", self.contact_key)):
            if self.env == "production" and (
                key is None or key.lower() in _PLACEHOLDERS or len(key) < 32
            ):
                raise ValueError(
                    f"CYBERPOL_{name} must be set to 32+ random characters in production"
                )
        try:
            self.trusted_proxy_networks  # noqa: B018 - parsed here so a typo stops start-up
        except ValueError as exc:
            raise ValueError(f"CYBERPOL_TRUSTED_PROXIES: {exc}") from None
        return self

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(
            ipaddress.ip_network(part.strip(), strict=False)
            for part in self.trusted_proxies.split(",")
            if part.strip()
        )

    @property
    def iban_bank_overrides(self) -> dict[str, str]:
        return dict(part.split("=", 1) for part in self.iban_banks.split(",") if part)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'cyberpol.db').as_posix()}"

    def secret_bytes(self) -> bytes:
        """The configured secret, or in development one generated once and kept in the data dir."""
        if self.secret_key:
            return self.secret_key.encode()
        return self._kept_secret("secret.key")

    def contact_key_bytes(self) -> bytes:
        """The contact encryption key, or in development one generated once in the data dir."""
        if self.contact_key:
            return self.contact_key.encode()
        return self._kept_secret("contact.key")

    def _kept_secret(self, name: str) -> bytes:
        path = self.data_dir / name
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            # Created 0600 in one step, and only once even when two processes start together.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()
