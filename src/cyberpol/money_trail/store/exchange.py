"""The transfer exchange the services use: load files or JSON records, trace money."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.domain.transfers import TRANSFER_COLUMNS, TransferLoadSummary
from cyberpol.money_trail.store.trace_view import trace_view
from cyberpol.money_trail.store.tracing import Tracer
from cyberpol.money_trail.store.transfer_load import AccountKeys, load_batches, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.platform.files.tables import LINE


class TransferExchange:
    """One transfer store with its account keys and its trace index."""

    def __init__(
        self,
        store: TransferStore,
        *,
        card_secret: bytes,
        index_folder: Path | None,
        iban_banks: Mapping[str, str] | None = None,
    ):
        self.store = store
        self.accounts = AccountKeys(card_secret, iban_banks)
        self.tracer = Tracer(store, folder=index_folder)

    def load_file(
        self,
        path: Path,
        *,
        layout: str = "auto",
        own_bank: str | None = None,
        on_rows: Callable[[int], None] | None = None,
    ) -> TransferLoadSummary:
        return load_transfer_file(
            self.store,
            path,
            layout=layout,
            accounts=self.accounts,
            own_bank=own_bank,
            on_rows=on_rows,
        )

    def load_records(
        self, records: Sequence[Mapping[str, object]], *, source: str, own_bank: str | None
    ) -> TransferLoadSummary:
        """Transfers sent as JSON objects; ``line`` in rejections is the item's number."""
        columns = {
            name: pa.array(
                [None if r.get(name) is None else str(r.get(name)) for r in records], pa.string()
            )
            for name in TRANSFER_COLUMNS
        }
        columns[LINE] = pa.array(range(1, len(records) + 1), pa.int64())
        return load_batches(
            self.store,
            [pa.table(columns)],
            source=source,
            layout="cyberpol",
            accounts=self.accounts,
            own_bank=own_bank,
        )

    def reindex(self) -> dict[str, float]:
        """Rebuild the trace index from every transfer now (traces meanwhile use the old)."""
        start = time.perf_counter()
        main = self.tracer.rebuild()
        return {
            "transfers": main.size,
            "accounts": len(main.accounts),
            "seconds": round(time.perf_counter() - start, 2),
        }

    def trace(self, request: TraceRequest) -> TraceResult:
        """Follow the money and name what it found."""
        return trace_view(self.tracer.trace(request), self.store)
