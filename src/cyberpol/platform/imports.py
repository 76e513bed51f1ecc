"""Resumable bulk imports: rows in chunks, each chunk and its progress in one transaction.

Progress is saved in the same transaction as the rows it counts, so a load stopped at
any point resumes where the last committed chunk ended and never stores a row twice.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Protocol, TypeVar, cast

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction, AuditObject, AuditUnitOfWork
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import InvalidInput

Row = Mapping[str, object]
NumberedRows = Iterable[tuple[int, Row]]  # (line number in the file, fields)
E = TypeVar("E", bound=enum.Enum)
C = TypeVar("C", bound=Sized)


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """How far an earlier run of the same file got."""

    rows_done: int
    rows_loaded: int
    rows_rejected: int
    finished: bool


class ImportProgress(Protocol):
    def resume_point(self, *, digest: str, what: str) -> ResumePoint | None: ...

    def save(
        self,
        *,
        digest: str,
        what: str,
        source: str,
        rows_done: int,
        rows_loaded: int,
        rows_rejected: int,
        finished: bool,
        now: datetime,
    ) -> None: ...


class ImportUnitOfWork(AuditUnitOfWork, Protocol):
    @property
    def imports(self) -> ImportProgress: ...


@dataclass
class ImportSummary:
    loaded: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    rejected_before: int = 0
    resumed_after: int = 0
    already_done: bool = False


def run_chunks(
    *,
    clock: Clock,
    uow: ImportUnitOfWork,
    actor: Actor,
    rows: NumberedRows,
    digest: str,
    what: str,
    action: AuditAction,
    source: str,
    chunk_size: int,
    write: Callable[[C, ImportSummary], int],
    on_progress: Callable[[int], None],
    prepare: Callable[[Iterator[list[tuple[int, Row]]]], Iterable[C]],
) -> ImportSummary:
    """Load ``rows`` in chunks of ``chunk_size``, each chunk and the progress it makes in one
    transaction; a load already finished is not repeated, one interrupted resumes."""
    summary = ImportSummary()
    with uow:
        earlier = uow.imports.resume_point(digest=digest, what=what)
    done = loaded = rejected_before = 0
    if earlier:
        done, loaded = earlier.rows_done, earlier.rows_loaded
        rejected_before = earlier.rows_rejected
        summary.resumed_after, summary.rejected_before = done, rejected_before
        if earlier.finished:
            summary.already_done = True
            return summary
    iterator = iter(rows)
    if done:
        for _ in islice(iterator, done):
            pass
        on_progress(done)
    chunks = iter(lambda: list(islice(iterator, chunk_size)), [])

    def save_progress(*, finished: bool) -> None:
        uow.imports.save(
            digest=digest,
            what=what,
            source=source,
            rows_done=done,
            rows_loaded=loaded,
            rows_rejected=rejected_before + len(summary.rejected),
            finished=finished,
            now=clock(),
        )

    for chunk in prepare(chunks):
        with uow:
            count = write(chunk, summary)
            done += len(chunk)
            loaded += count
            save_progress(finished=False)
            uow.commit()
        summary.loaded += count
        on_progress(len(chunk))
    with uow:
        save_progress(finished=True)
        # Imports raise verdicts in bulk; the audit log records the file that did it.
        uow.audit.record(
            actor=actor,
            action=action,
            object_type=AuditObject.IMPORT,
            object_id=digest[:64],
            details={
                "source": source,
                "rows": done,
                "loaded": loaded,
                "rejected": rejected_before + len(summary.rejected),
            },
            at=clock(),
        )
        uow.commit()
    return summary


def row_text(row: Row, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise InvalidInput(f"'{name}' must be text, not a JSON {type(value).__name__}")
    text = str(value).strip()
    return text or None


def row_enum(enum_type: type[E], raw: object, field_name: str) -> E | None:
    """The member named by ``raw`` (any case, spaces around ignored); None when empty."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InvalidInput(f"{field_name} must be text, got {type(raw).__name__}")
    member = enum_type._value2member_map_.get(raw)
    if member is not None:
        return cast(E, member)
    raw = str(raw).strip()
    if not raw:
        return None
    member = enum_type._value2member_map_.get(raw.lower())
    if member is None:
        allowed = ", ".join(e.value for e in enum_type)
        raise InvalidInput(f"Unknown {field_name} {raw!r}; expected one of: {allowed}")
    return cast(E, member)
