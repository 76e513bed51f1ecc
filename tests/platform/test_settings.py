from pathlib import Path

import pytest
from pydantic import ValidationError

from cyberpol.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`CYBERPOL_{name.upper()}`" not in text]
    assert not missing, f"document these in README.md: {missing}"
    assert all(field.description for field in Settings.model_fields.values())


@pytest.mark.parametrize("secret", [None, "changeme", "short-secret"])
def test_production_refuses_a_missing_or_placeholder_secret(secret: str | None) -> None:
    with pytest.raises(ValidationError, match="CYBERPOL_SECRET_KEY"):
        Settings(_env_file=None, env="production", secret_key=secret)


def test_development_keeps_one_generated_secret(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    first = settings.secret_bytes()
    assert len(first) >= 32
    assert settings.secret_bytes() == first
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_a_typo_in_trusted_proxies_stops_start_up() -> None:
    with pytest.raises(ValidationError, match="CYBERPOL_TRUSTED_PROXIES"):
        Settings(_env_file=None, trusted_proxies="10.0.0.5,not-an-address")
