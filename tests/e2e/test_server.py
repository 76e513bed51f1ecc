"""`cyberpol serve`'s uvicorn settings, checked on a real server listening on a free port."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.factories import serving


def _checks_with_rotating_forwarded_for(base: str, count: int) -> list[int]:
    with httpx.Client(base_url=base) as client:
        return [
            client.get(
                "/api/v1/indicators/check",
                params={"value": "87015551234"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(count)
        ]


def test_forwarded_for_from_an_untrusted_address_does_not_dodge_the_limit(
    tmp_path: Path,
) -> None:
    # uvicorn trusts X-Forwarded-For from 127.0.0.1 unless told otherwise; with no trusted
    # proxies configured, a local caller rotating it must still share one bucket.
    with serving(tmp_path, public_check_rate=2) as base:
        assert _checks_with_rotating_forwarded_for(base, 5) == [200, 200, 429, 429, 429]


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(tmp_path: Path) -> None:
    with serving(tmp_path, public_check_rate=2, trusted_proxies="127.0.0.0/8") as base:
        assert _checks_with_rotating_forwarded_for(base, 5) == [200] * 5
