"""The reporter's view of their report: a private link that shows how it stands."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cyberpol.kernel.errors import NotFound
from cyberpol.reports.domain import IndicatorState, ReportStatus
from cyberpol.reports.ports import ReportsUnitOfWork


def status_key(secret: bytes, report_id: str) -> str:
    """The key of a report's status link: only the server can make it, nothing is stored."""
    digest = hmac.new(secret, f"report-status\x1f{report_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def key_matches(secret: bytes, public_id: str, key: str | None) -> bool:
    """Whether ``key`` opens the link of ``public_id``, compared in constant time."""
    return hmac.compare_digest(status_key(secret, public_id).encode(), (key or "").encode())


def report_status(
    *, uow: ReportsUnitOfWork, secret: bytes, report_id: str, key: str | None
) -> ReportStatus:
    """The report behind a status link; a wrong key reads as a missing report."""
    # One answer for both, so the link cannot be used to learn which numbers exist.
    missing = NotFound("No report with this number and key.")
    if not key_matches(secret, report_id, key):
        raise missing
    with uow:
        report = uow.reports.get(report_id)
        if report is None:
            raise missing
        known = uow.indicators.find_by_keys([i.key for i in report.indicators])
    return ReportStatus(
        id=report.id,
        created_at=report.created_at,
        category=report.category,
        region=report.region,
        indicators=tuple(
            IndicatorState(i, known[i.key].status.value if i.key in known else "reported")
            for i in report.indicators
        ),
        attachments=len(report.attachments),
    )
