"""Every free-text column masks card numbers on write, whichever use case writes it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, String, select, text

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.migrations import schema
from cyberpol.platform.db.audit import SqlAuditLog, audit_log
from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText

CARD = "4400 4301 2345 6789"
DIGITS = "4400430123456789"

# Columns that hold no free text: hashes, enum values, codes checked at the door, ids the
# server makes. Every other text column must mask; a new column fails here until it does.
NOT_FREE_TEXT = {
    "alembic_version.version_num",
    "attachments.report_id",
    "attachments.sha256",
    "report_indicators.report_id",
    "report_tallies.month",  # "2026-11"
    "report_tallies.region",  # a Region code or ""
    "report_tallies.category",  # a ScamCategory code
    "case_tallies.figure",  # a Figure code
    "case_tallies.month",
    "case_tallies.region",
    "case_tallies.category",
    "banks.code",
    "operators.code",  # checked: letters, digits and _
    "protected_numbers.number",  # E.164 or a short code, checked
    "call_blocks.operator",  # an operator's code (checked) or CONSOLE
    "call_blocks.reason",  # a VerdictReason
    "block_requests.case_number",  # checked: letters, digits and . _ -
    "block_requests.kind",  # a BlockTargetKind
    "block_requests.value",  # a checked number, IMSI or IMEI
    "block_requests.operator",  # an operator's code
    "block_requests.state",  # a BlockState
    "block_requests.holder_ref",  # a keyed hash
    "block_requests.live_key",  # kind:value:operator, all checked
    "block_events.action",  # a BlockAction
    "block_events.state",  # a BlockState
    "holder_numbers.holder_ref",  # a keyed hash
    "holder_numbers.number",  # a checked number
    "holder_numbers.operator",  # an operator's code
    "freeze_events.action",
    "freeze_events.digest",
    "freeze_events.from_state",
    "freeze_events.to_state",
    # Case numbers (ERDR: 15 digits) are an investigator's identifiers in a checked shape;
    # one in ten would pass for a card number, and masking it would merge two cases.
    "freeze_requests.case_number",
    "freeze_transfers.case_number",
    "freeze_requests.bank_code",
    "freeze_requests.currency",
    "freeze_requests.open_key",
    "freeze_requests.state",
    "freeze_transfers.channel",
    "freeze_transfers.currency",
    "freeze_transfers.exit_kind",
    "freeze_transfers.from_bank",
    "freeze_transfers.to_bank",
    "import_runs.digest",
    "import_runs.what",
    "indicator_blocks.blocked_by",
    "indicators.categories",
    "indicators.kind",
    "indicators.status",
    "report_indicators.category",
    "report_indicators.region",
    "report_indicators.reporter_fingerprint",
    "indicator_reporters.reporter_fingerprint",
    "appeal_files.appeal_id",
    "appeal_files.sha256",
    "evidence_files.sha256",
    "appeals.contact",  # encrypted, after masking, by the appeal store
    "appeals.id",
    "appeals.language",
    "appeals.status",
    "outbox.channel",
    "outbox.key",  # report id, indicator id, status, channel, chat id
    "outbox.language",
    "outbox.recipient",  # a Telegram chat id
    "report_subscriptions.channel",
    "report_subscriptions.language",
    "report_subscriptions.recipient",
    "report_subscriptions.report_id",
    "reports.category",
    "reports.channel",
    "reports.contact",  # encrypted, after masking, by the report store
    "reports.currency",
    "reports.id",
    "reports.idempotency_key",  # a keyed hash of the client's key
    "reports.language",
    "reports.region",
    "reports.reporter_fingerprint",
    "reports.request_digest",
    "tokens.prefix",
    "tokens.token_hash",
    "audit_log.action",
    "audit_log.object_type",
    "users.role",
    "users.password_hash",  # argon2
    "users.totp_secret",  # sealed by the account service
    "sessions.token_hash",
    # Monitoring and feeds: enum values, a hash, a protected domain from the brand list, an
    # organisation's code as an admin typed it (checked), and a list of format names.
    "feed_subscriptions.organisation",
    "feed_subscriptions.tlp",
    "feed_subscriptions.formats",
    "monitored_resources.kind",
    "monitored_resources.value_key",
    "monitored_resources.source",
    "monitored_resources.state",
    "monitored_resources.brand",
    "monitored_resources.tlp",
    "resource_events.state",
    "takedown_requests.party",
    "takedown_requests.state",
    # Cases: the ERDR number as freeze requests keep it (15 digits, checked), states and
    # kinds from enums, and victims' and suspects' names and contacts sealed by the store.
    "cases.erdr_number",
    "cases.category",
    "cases.region",
    "cases.state",
    "cases.close_ground",
    "case_parties.role",
    "case_parties.name",  # encrypted, after masking, by the case store
    "case_parties.contact",  # encrypted, after masking, by the case store
    "case_parties.report_id",
    "case_links.kind",
    "case_events.from_state",
    "case_events.to_state",
    "case_events.ground",
    "case_evidence.sha256",
}


def test_every_free_text_column_masks_card_numbers() -> None:
    # The masked types decorate String, Text and JSON, so a plain one is a column that
    # nobody made masked.
    plain = sorted(
        f"{table.name}.{column.name}"
        for table in schema().tables.values()
        for column in table.columns
        if isinstance(column.type, String | JSON)
    )
    masked = [
        f"{table.name}.{column.name}"
        for table in schema().tables.values()
        for column in table.columns
        if isinstance(column.type, MaskedString | MaskedText | MaskedJSON)
    ]
    assert [name for name in plain if name not in NOT_FREE_TEXT] == []
    assert "audit_log.details" in masked
    assert "freeze_requests.legal_basis" in masked


def test_audit_entries_are_stored_and_found_masked(runtime: Runtime) -> None:
    with runtime.engine.begin() as connection:
        SqlAuditLog(connection).record(
            actor=CONSOLE,
            action=AuditAction.TRANSFERS_TRACE,
            object_type=AuditObject.TRANSFER,
            object_id=f"tx-{DIGITS}",
            details={"note": f"card {CARD}", "nested": [{DIGITS: CARD}]},
            at=datetime(2026, 3, 1, tzinfo=UTC),
        )
        raw = connection.execute(
            text("SELECT object_id, CAST(details AS VARCHAR(2000)) FROM audit_log")
        ).one()
        # A lookup by the id the caller knows binds through the same mask and finds it.
        found = SqlAuditLog(connection).entries(
            object_type=AuditObject.TRANSFER, object_id=f"tx-{DIGITS}"
        )
        count = connection.execute(select(audit_log.c.id)).all()
    assert raw[0] == "tx-440043******6789"
    assert DIGITS not in raw[1]
    assert "440043******6789" in raw[1]
    assert "4301 2345" not in raw[1]
    assert len(found) == len(count) == 1
    assert found[0].details == {
        "note": "card 440043******6789",
        "nested": [{"440043******6789": "440043******6789"}],
    }
