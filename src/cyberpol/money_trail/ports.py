"""The narrow interfaces the money-trail use cases need; its store implements them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.domain.transfers import TransferLoadSummary


class TransferExchange(Protocol):
    """The transfer store with its account keys and trace index."""

    def load_file(
        self,
        path: Path,
        *,
        layout: str = "auto",
        own_bank: str | None = None,
        on_rows: Callable[[int], None] | None = None,
    ) -> TransferLoadSummary: ...

    def load_records(
        self, records: Sequence[Mapping[str, object]], *, source: str, own_bank: str | None
    ) -> TransferLoadSummary: ...

    def trace(self, request: TraceRequest) -> TraceResult: ...

    def reindex(self) -> dict[str, float]: ...


class TransferHandover(Protocol):
    """The process that holds the transfer store (a running server), doing work for us."""

    def import_file(self, path: Path, *, layout: str) -> TransferLoadSummary: ...

    def reindex(self) -> dict[str, float]: ...
