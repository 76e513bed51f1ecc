"""Database rows to domain types, in one place."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Row

from cyberpol.domain.categories import Channel, Region, ScamCategory
from cyberpol.domain.indicators import (
    Block,
    Blocker,
    Indicator,
    IndicatorKind,
    IndicatorStatus,
    IndicatorSummary,
)
from cyberpol.domain.reports import AttachmentInfo, Report


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything CyberPol stores is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def block_from_row(row: Row) -> Block:
    return Block(Blocker(row.blocked_by), row.blocker_name, row.reason, utc(row.created_at))


def indicator_from_row(row: Row, blocks: tuple[Block, ...] = ()) -> IndicatorSummary:
    return IndicatorSummary(
        id=row.id,
        kind=IndicatorKind(row.kind),
        value=row.value,
        status=IndicatorStatus(row.status),
        report_count=row.report_count,
        first_seen=utc(row.first_seen),
        last_seen=utc(row.last_seen),
        categories=tuple(row.categories or ()),
        blocks=blocks,
        attributes=dict(row.attributes or {}),
    )


def report_from_row(
    row: Row, indicators: tuple[Indicator, ...], attachments: tuple[AttachmentInfo, ...]
) -> Report:
    return Report(
        id=row.id,
        created_at=utc(row.created_at),
        channel=Channel(row.channel),
        category=ScamCategory(row.category),
        region=Region(row.region) if row.region else None,
        loss_amount=Decimal(row.loss_amount) if row.loss_amount is not None else None,
        currency=row.currency,
        language=row.language,
        text=row.text,
        contact=row.contact,
        has_contact=row.contact is not None,
        indicators=indicators,
        attachments=attachments,
    )


def short_indicator_from_row(row: Row) -> Indicator:
    return Indicator(IndicatorKind(row.kind), row.value, row.key, dict(row.attributes or {}))
