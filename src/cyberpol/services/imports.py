"""Bulk loads: known-bad indicators and historical reports, resumable and all-or-nothing per chunk.

Progress is saved in the same transaction as the rows it counts, so a load stopped at
any point resumes where the last committed chunk ended and never stores a row twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice

from cyberpol.domain.access import Actor, Role
from cyberpol.domain.categories import Channel, Region, ScamCategory
from cyberpol.domain.errors import InvalidInput
from cyberpol.domain.indicators import Block, Blocker, Indicator, IndicatorKind, IndicatorStatus
from cyberpol.domain.normalize import derived_indicators, parse_indicator
from cyberpol.domain.reports import ReportLimits, ReportSubmission, parse_loss, validate_submission
from cyberpol.domain.safe_domains import is_shared_domain
from cyberpol.services.clock import utcnow
from cyberpol.services.ports import UnitOfWork
from cyberpol.services.reports import record_report, submission_digest

Row = Mapping[str, object]
IMPORTER = Actor("import", Role.ADMIN)
NumberedRows = Iterable[tuple[int, Row]]  # (line number in the file, fields)


@dataclass
class ImportSummary:
    loaded: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    rejected_before: int = 0
    resumed_after: int = 0
    already_done: bool = False


@dataclass(frozen=True, slots=True)
class _IndicatorRow:
    indicator: Indicator
    status: IndicatorStatus
    category: str | None
    blocked_by: Blocker | None
    reason: str | None

    def __reduce__(self):  # type: ignore[no-untyped-def]
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
    kind, value, key, attributes, status, category, blocked_by, reason
) -> _IndicatorRow:  # type: ignore[no-untyped-def]
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
    uow: UnitOfWork,
    rows: NumberedRows,
    digest: str,
    source: str,
    card_secret: bytes,
    chunk_size: int = 10_000,
    on_progress: Callable[[int], None] = lambda n: None,
    chunk_map: Callable[..., Iterable[list[tuple[int, _IndicatorRow | str]]]] = map,
) -> ImportSummary:
    """Load known-bad indicators: ``value``; optional kind, status, category, blocked_by, reason.

    ``chunk_map(parse, chunks)`` normalises the chunks; the command line passes a process pool
    so that the next chunk is parsed while this one is written.
    """

    def write(chunk: list[tuple[int, _IndicatorRow | str]], summary: ImportSummary) -> int:
        parsed = [item for _line, item in chunk if not isinstance(item, str)]
        summary.rejected += [(line, item) for line, item in chunk if isinstance(item, str)]
        now = utcnow()
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
    return _run_chunks(
        uow=uow,
        rows=rows,
        digest=digest,
        what="indicators",
        source=source,
        chunk_size=chunk_size,
        write=write,
        on_progress=on_progress,
        prepare=lambda chunks: chunk_map(parse, chunks),
    )


def import_reports(
    *,
    uow: UnitOfWork,
    rows: NumberedRows,
    digest: str,
    source: str,
    card_secret: bytes,
    limits: ReportLimits,
    chunk_size: int = 500,
    on_progress: Callable[[int], None] = lambda n: None,
) -> ImportSummary:
    """Load reports: ``text, category``; optional region, loss_amount, contact, language and
    ``reported_at`` (ISO 8601, for historical reports; the time of import otherwise)."""

    def write(chunk: list[tuple[int, Row]], summary: ImportSummary) -> int:
        loaded = 0
        for line, row in chunk:
            try:
                submission = _report_row(row)
                validate_submission(submission, limits)
                reported_at = _moment(_text(row, "reported_at"))
            except InvalidInput as exc:
                summary.rejected.append((line, exc.message))
                continue
            key = f"import:{digest[:24]}:{line}"
            if uow.reports.find_by_idempotency_key(key):
                continue
            record_report(
                uow=uow,
                submission=submission,
                card_secret=card_secret,
                now=reported_at,
                idempotency_key=key,
                digest=submission_digest(submission),
                source_ref=f"{source[:180]}:{line}",
            )
            loaded += 1
        return loaded

    return _run_chunks(
        uow=uow,
        rows=rows,
        digest=digest,
        what="reports",
        source=source,
        chunk_size=chunk_size,
        write=write,
        on_progress=on_progress,
    )


def _run_chunks(
    *,
    uow,
    rows,
    digest,
    what,
    source,
    chunk_size,
    write,
    on_progress,  # type: ignore[no-untyped-def]
    prepare=lambda chunks: chunks,
) -> ImportSummary:
    summary = ImportSummary()
    with uow:
        earlier = uow.imports.resume_point(digest=digest, what=what)
    done = loaded = rejected_before = 0
    if earlier:
        done, loaded = int(earlier["rows_done"]), int(earlier["rows_loaded"])
        rejected_before = int(earlier["rows_rejected"])
        summary.resumed_after, summary.rejected_before = done, rejected_before
        if earlier["finished"]:
            summary.already_done = True
            return summary
    iterator = iter(rows)
    if done:
        for _ in islice(iterator, done):
            pass
        on_progress(done)
    chunks = iter(lambda: list(islice(iterator, chunk_size)), [])
    for chunk in prepare(chunks):
        with uow:
            count = write(chunk, summary)
            done += len(chunk)
            loaded += count
            uow.imports.save(
                digest=digest,
                what=what,
                source=source,
                rows_done=done,
                rows_loaded=loaded,
                rows_rejected=rejected_before + len(summary.rejected),
                finished=False,
                now=utcnow(),
            )
            uow.commit()
        summary.loaded += count
        on_progress(len(chunk))
    with uow:
        uow.imports.save(
            digest=digest,
            what=what,
            source=source,
            rows_done=done,
            rows_loaded=loaded,
            rows_rejected=rejected_before + len(summary.rejected),
            finished=True,
            now=utcnow(),
        )
        # Imports raise verdicts in bulk; the audit log records the file that did it.
        uow.audit.record(
            actor=IMPORTER,
            action=f"import.{what}",
            object_type="import",
            object_id=digest[:64],
            details={
                "source": source,
                "rows": done,
                "loaded": loaded,
                "rejected": rejected_before + len(summary.rejected),
            },
            at=utcnow(),
        )
        uow.commit()
    return summary


def _text(row: Row, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise InvalidInput(f"'{name}' must be text, not a JSON {type(value).__name__}")
    text = str(value).strip()
    return text or None


def _enum(enum_type, raw: object, field_name: str):  # type: ignore[no-untyped-def]
    """The member named by ``raw`` (any case, spaces around ignored); None when empty."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InvalidInput(f"{field_name} must be text, got {type(raw).__name__}")
    member = enum_type._value2member_map_.get(raw)
    if member is not None:
        return member
    raw = str(raw).strip()
    if not raw:
        return None
    member = enum_type._value2member_map_.get(raw.lower())
    if member is None:
        allowed = ", ".join(e.value for e in enum_type)
        raise InvalidInput(f"Unknown {field_name} {raw!r}; expected one of: {allowed}")
    return member


def _indicator_row(row: Row, card_secret: bytes) -> _IndicatorRow:
    value = _text(row, "value")
    if value is None:
        raise InvalidInput("Missing 'value'")
    get = row.get
    kind = _enum(IndicatorKind, get("kind"), "kind")
    status = _enum(IndicatorStatus, get("status"), "status") or IndicatorStatus.CONFIRMED
    if status is IndicatorStatus.DISMISSED:
        # Lists bring known-bad values; clearing one is an analyst's audited decision.
        raise InvalidInput("An import cannot dismiss indicators; use the status change instead")
    category = _enum(ScamCategory, get("category"), "category")
    blocked_by = _enum(Blocker, get("blocked_by"), "blocked_by")
    if status is IndicatorStatus.BLOCKED and blocked_by is None:
        raise InvalidInput(
            "A blocked indicator needs 'blocked_by' (bank, operator, registrar, platform)"
        )
    indicator = parse_indicator(value, kind, card_secret=card_secret, with_attributes=True)
    return _IndicatorRow(
        indicator, status, category.value if category else None, blocked_by, _text(row, "reason")
    )


def _record_blocks(uow: UnitOfWork, parsed: list[_IndicatorRow], now) -> None:  # type: ignore[no-untyped-def]
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


def _moment(raw: str | None) -> datetime:
    """A report's time: ISO 8601 with a zone, not in the future; now when absent."""
    now = utcnow()
    if raw is None:
        return now
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"reported_at must be ISO 8601 such as 2026-05-01T14:30:00+05:00, got {raw!r}"
        ) from None
    if moment.tzinfo is None:
        raise InvalidInput(f"reported_at needs a time zone (+05:00 for Astana), got {raw!r}")
    if moment > now:
        raise InvalidInput(f"reported_at is in the future: {raw!r}")
    return moment.astimezone(UTC)


def _report_row(row: Row) -> ReportSubmission:
    text = _text(row, "text")
    if text is None:
        raise InvalidInput("Missing 'text'")
    category = _enum(ScamCategory, _text(row, "category"), "category") or ScamCategory.OTHER
    return ReportSubmission(
        text=text,
        category=category,
        channel=Channel.IMPORT,
        region=_enum(Region, _text(row, "region"), "region"),
        loss_amount=parse_loss(row.get("loss_amount", row.get("loss"))),
        contact=_text(row, "contact"),
        language=_text(row, "language"),
    )
