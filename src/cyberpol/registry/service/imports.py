"""Bulk loads of known-bad indicators, resumable and all-or-nothing per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction
from cyberpol.kernel.categories import ScamCategory
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize import derived_indicators, parse_indicator
from cyberpol.kernel.indicators.safe_domains import is_shared_domain
from cyberpol.platform.imports import (
    ImportSummary,
    NumberedRows,
    Row,
    row_enum,
    row_text,
    run_chunks,
)
from cyberpol.registry.domain import Block, Blocker, IndicatorStatus
from cyberpol.registry.ports import RegistryUnitOfWork


@dataclass(frozen=True, slots=True)
class _IndicatorRow:
    indicator: Indicator
    status: IndicatorStatus
    category: str | None
    blocked_by: Blocker | None
    reason: str | None

    def __reduce__(self) -> tuple[Callable[..., _IndicatorRow], tuple[object, ...]]:
        # Chunks cross to a worker process and back: plain values pickle ~5x faster.
        i, blocker = self.indicator, self.blocked_by
        values = (
            i.kind.value,
            i.value,
            i.key,
            i.attributes,
            self.status.value,
            self.category,
            blocker.value if blocker else None,
            self.reason,
        )
        return _rebuild_row, values


def _rebuild_row(
    kind: str,
    value: str,
    key: str,
    attributes: dict[str, object],
    status: str,
    category: str | None,
    blocked_by: str | None,
    reason: str | None,
) -> _IndicatorRow:
    return _IndicatorRow(
        Indicator(_KINDS[kind], value, key, attributes),
        _STATUSES[status],
        category,
        _BLOCKERS[blocked_by] if blocked_by else None,
        reason,
    )


_KINDS = {k.value: k for k in IndicatorKind}
_STATUSES = {s.value: s for s in IndicatorStatus}
_BLOCKERS = {b.value: b for b in Blocker}


def parse_indicator_rows(
    rows: list[tuple[int, Row]], *, card_secret: bytes
) -> list[tuple[int, _IndicatorRow | str]]:
    """Normalise one chunk of known-bad rows: (line, parsed row or the reason it was refused)."""
    parsed: list[tuple[int, _IndicatorRow | str]] = []
    for line, row in rows:
        try:
            parsed.append((line, _indicator_row(row, card_secret)))
        except InvalidInput as exc:
            parsed.append((line, exc.message))
    return parsed


def import_indicators(
    *,
    uow: RegistryUnitOfWork,
    clock: Clock,
    actor: Actor,
    rows: NumberedRows,
    digest: str,
    source: str,
    card_secret: bytes,
    chunk_size: int = 10_000,
    on_progress: Callable[[int], None] = lambda _n: None,
    chunk_map: Callable[..., Iterable[list[tuple[int, _IndicatorRow | str]]]] = map,
) -> ImportSummary:
    """Load known-bad indicators: ``value``; optional kind, status, category, blocked_by, reason.

    ``chunk_map(parse, chunks)`` normalises the chunks; the command line passes a process pool
    so that the next chunk is parsed while this one is written.
    """

    def write(chunk: list[tuple[int, _IndicatorRow | str]], summary: ImportSummary) -> int:
        parsed = [item for _line, item in chunk if not isinstance(item, str)]
        summary.rejected += [(line, item) for line, item in chunk if isinstance(item, str)]
        now = clock()
        groups: dict[tuple[IndicatorStatus, str | None], list[Indicator]] = {}
        for item in parsed:
            group = groups.setdefault((item.status, item.category), [])
            derived = [
                d for d in derived_indicators(item.indicator) if not is_shared_domain(d.value)
            ]
            group += [item.indicator, *derived]
        for (status, category), items in groups.items():
            uow.indicators.upsert(
                items,
                now=now,
                source=source,
                status=status,
                categories=[category] if category else [],
            )
        _record_blocks(uow, parsed, now)
        return len(parsed)

    source = source[:200]
    parse = partial(parse_indicator_rows, card_secret=card_secret)
    return run_chunks(
        clock=clock,
        uow=uow,
        actor=actor,
        rows=rows,
        digest=digest,
        what="indicators",
        action=AuditAction.IMPORT_INDICATORS,
        source=source,
        chunk_size=chunk_size,
        write=write,
        on_progress=on_progress,
        prepare=lambda chunks: chunk_map(parse, chunks),
    )


def _indicator_row(row: Row, card_secret: bytes) -> _IndicatorRow:
    value = row_text(row, "value")
    if value is None:
        raise InvalidInput("Missing 'value'")
    get = row.get
    kind = row_enum(IndicatorKind, get("kind"), "kind")
    status = row_enum(IndicatorStatus, get("status"), "status") or IndicatorStatus.CONFIRMED
    if status is IndicatorStatus.DISMISSED:
        # Lists bring known-bad values; clearing one is an analyst's audited decision.
        raise InvalidInput("An import cannot dismiss indicators; use the status change instead")
    category = row_enum(ScamCategory, get("category"), "category")
    blocked_by = row_enum(Blocker, get("blocked_by"), "blocked_by")
    if status is IndicatorStatus.BLOCKED and blocked_by is None:
        raise InvalidInput(
            "A blocked indicator needs 'blocked_by' (bank, operator, registrar, platform)"
        )
    indicator = parse_indicator(value, kind, card_secret=card_secret, with_attributes=True)
    return _IndicatorRow(
        indicator, status, category.value if category else None, blocked_by, row_text(row, "reason")
    )


def _record_blocks(uow: RegistryUnitOfWork, parsed: list[_IndicatorRow], now: datetime) -> None:
    blocked = [p for p in parsed if p.blocked_by is not None]
    if not blocked:
        return
    # Ids only for the rows that carry a block: looking up every key costs a random index read.
    ids = uow.indicators.ids_for_keys([p.indicator.key for p in blocked])
    state = uow.indicators.block_state([ids[p.indicator.key] for p in blocked])
    new_blocks: list[tuple[int, Block]] = []
    for item in blocked:
        indicator_id = ids[item.indicator.key]
        status, blockers = state[indicator_id]
        assert item.blocked_by is not None
        if status is not IndicatorStatus.BLOCKED:
            continue  # an existing verdict the list may not override (dismissed, say)
        if item.blocked_by.value in blockers:
            continue  # re-importing the same list must not stack identical blocks
        blockers.add(item.blocked_by.value)
        block = Block(item.blocked_by, None, item.reason or "imported block list", now)
        new_blocks.append((indicator_id, block))
    uow.indicators.add_blocks(new_blocks, actor="import")
