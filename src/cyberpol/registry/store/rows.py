"""Registry rows to domain types."""

from __future__ import annotations

from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.platform.db.sql import AnyRow, utc
from cyberpol.registry.domain import Block, Blocker, IndicatorStatus, IndicatorSummary


def block_from_row(row: AnyRow) -> Block:
    return Block(Blocker(row.blocked_by), row.blocker_name, row.reason, utc(row.created_at))


def indicator_from_row(row: AnyRow, blocks: tuple[Block, ...] = ()) -> IndicatorSummary:
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
