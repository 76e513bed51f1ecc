"""Block requests to operators, their events and the numbers holders are known to hold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError

from cyberpol.kernel.errors import Conflict
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.sql import AnyRow, inserted_id, utc
from cyberpol.telecom.domain.blocks import (
    OPEN_STATES,
    BlockAction,
    BlockEvent,
    BlockRequest,
    BlockState,
    BlockTargetKind,
)
from cyberpol.telecom.ports import BlockFilter
from cyberpol.telecom.tables import block_events, block_requests, holder_numbers

_LIVE = OPEN_STATES | {BlockState.SUSPENDED}


def live_key(kind: BlockTargetKind, value: str, operator: str) -> str:
    return f"{kind.value}:{value}:{operator}"


def _columns(r: BlockRequest) -> dict[str, object]:
    return {
        "state": r.state.value,
        "acknowledged_at": r.acknowledged_at,
        "answered_at": r.answered_at,
        "restored_at": r.restored_at,
        "answer_note": r.answer_note,
        "holder_ref": r.holder_ref,
        "holder_numbers": r.holder_numbers,
        "live_key": live_key(r.kind, r.value, r.operator) if r.state in _LIVE else None,
    }


def _request(row: AnyRow) -> BlockRequest:
    return BlockRequest(
        id=row.id, case_number=row.case_number, legal_basis=row.legal_basis,
        kind=BlockTargetKind(row.kind), value=row.value, operator=row.operator,
        state=BlockState(row.state), issued_by=row.issued_by, sent_at=utc(row.sent_at),
        due_at=utc(row.due_at), parent_id=row.parent_id,
        acknowledged_at=utc(row.acknowledged_at) if row.acknowledged_at else None,
        answered_at=utc(row.answered_at) if row.answered_at else None,
        restored_at=utc(row.restored_at) if row.restored_at else None,
        answer_note=row.answer_note, holder_ref=row.holder_ref,
        holder_numbers=row.holder_numbers,
    )  # fmt: skip


class SqlBlockRequestRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, request: BlockRequest) -> BlockRequest:
        """Store a new request (its ``id`` is ignored); Conflict when the target already has
        a live request at that operator (a concurrent issue of the same target)."""
        values = {
            "case_number": request.case_number, "legal_basis": request.legal_basis,
            "kind": request.kind.value, "value": request.value, "operator": request.operator,
            "issued_by": request.issued_by, "sent_at": request.sent_at,
            "due_at": request.due_at, "parent_id": request.parent_id, **_columns(request),
        }  # fmt: skip
        try:
            with self._db.begin_nested():
                result = self._db.execute(block_requests.insert().values(**values))
        except IntegrityError:
            raise Conflict(
                f"A block request for {request.value} at {request.operator} was just sent."
            ) from None
        found = self.get(inserted_id(result))
        assert found is not None
        return found

    def get(self, request_id: int) -> BlockRequest | None:
        row = self._db.execute(
            select(block_requests).where(block_requests.c.id == request_id)
        ).first()
        return _request(row) if row else None

    def live(self, kind: BlockTargetKind, value: str, operator: str) -> BlockRequest | None:
        """The open or suspended request for this target at this operator, if any."""
        row = self._db.execute(
            select(block_requests).where(
                block_requests.c.live_key == live_key(kind, value, operator)
            )
        ).first()
        return _request(row) if row else None

    def save(self, request: BlockRequest) -> None:
        self._db.execute(
            block_requests.update()
            .where(block_requests.c.id == request.id)
            .values(**_columns(request))
        )

    def add_event(
        self, request_id: int, action: BlockAction, state: BlockState, actor: str,
        at: datetime, details: dict[str, Any],
    ) -> None:  # fmt: skip
        self._db.execute(block_events.insert().values(
            request_id=request_id, action=action.value, state=state.value, actor=actor, at=at,
            details=details,
        ))  # fmt: skip

    def events(self, request_id: int) -> list[BlockEvent]:
        e = block_events.c
        rows = self._db.execute(
            select(block_events).where(e.request_id == request_id).order_by(e.at, e.id)
        )
        return [BlockEvent(BlockAction(r.action), BlockState(r.state), r.actor, utc(r.at),
                           dict(r.details)) for r in rows]  # fmt: skip

    def search(self, filters: BlockFilter) -> Page[BlockRequest]:
        b = block_requests.c
        conditions = []
        if filters.operator:
            conditions.append(b.operator == filters.operator)
        if filters.state:
            conditions.append(b.state == filters.state.value)
        if filters.case_number:
            conditions.append(b.case_number == filters.case_number)
        if filters.overdue_at:
            conditions += [b.state.in_([s.value for s in OPEN_STATES]),
                           b.due_at < filters.overdue_at]  # fmt: skip
        total = self._db.execute(
            select(func.count()).select_from(block_requests).where(*conditions)
        ).scalar_one()
        rows = self._db.execute(
            select(block_requests).where(*conditions).order_by(b.id.desc())
            .limit(filters.limit).offset(filters.offset)
        )  # fmt: skip
        return Page([_request(r) for r in rows], int(total), filters.limit, filters.offset)

    def note_holder_numbers(
        self, holder_ref: str, numbers: Sequence[str], operator: str, at: datetime
    ) -> int:
        """Record numbers the holder holds; how many distinct numbers the holder now has."""
        h = holder_numbers.c
        known = set(self._db.execute(
            select(h.number).where(h.holder_ref == holder_ref, h.number.in_(list(numbers)))
        ).scalars())  # fmt: skip
        fresh = [n for n in dict.fromkeys(numbers) if n not in known]
        if fresh:
            self._db.execute(holder_numbers.insert(), [
                {"holder_ref": holder_ref, "number": n, "operator": operator, "first_seen": at}
                for n in fresh
            ])  # fmt: skip
        return int(self._db.execute(
            select(func.count()).select_from(holder_numbers).where(h.holder_ref == holder_ref)
        ).scalar_one())  # fmt: skip
