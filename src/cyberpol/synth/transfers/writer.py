"""Parquet files of the synthetic data: transfers and their labels a day at a time, accounts once.

Accounts are global indices until here; ``names`` and ``banks`` turn them into the exchange
format's strings with Arrow's ``take``, without a Python string per row.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cyberpol.money_trail.domain.transfers import ACCOUNT_COLUMNS, TRANSFER_COLUMNS
from cyberpol.synth.transfers.accounts import COUNTRIES, PATTERNS, ROLES, AccountBlock
from cyberpol.synth.transfers.banks import BICS
from cyberpol.synth.transfers.batch import CHANNELS, TransferBatch
from cyberpol.synth.transfers.identifiers import (
    digit_columns,
    hex_columns,
    join_columns,
    string_array,
    text_columns,
)

_TIME = pa.timestamp("us", tz="UTC")
TRANSFER_SCHEMA = pa.schema(
    list(
        zip(
            TRANSFER_COLUMNS,
            [pa.string(), _TIME, pa.float64(), pa.string()] + [pa.string()] * 5,
            strict=True,
        )
    )
)
TRANSFER_LABEL_SCHEMA = pa.schema(
    [
        ("transfer_id", pa.string()),
        ("is_fraud", pa.bool_()),
        ("pattern", pa.string()),
        ("case_id", pa.int64()),
    ]
)
ACCOUNT_SCHEMA = pa.schema(
    list(
        zip(
            ACCOUNT_COLUMNS,
            [pa.string()] * 3 + [_TIME, pa.int16()] + [pa.string()] * 3,
            strict=True,
        )
    )
)
ACCOUNT_LABEL_SCHEMA = pa.schema(
    [
        ("account", pa.string()),
        ("bank", pa.string()),
        ("is_mule", pa.bool_()),
        ("role", pa.string()),
        ("pattern", pa.string()),
    ]
)
_BICS = pa.array(BICS, pa.string())
_CHANNELS = pa.array(CHANNELS, pa.string())
_PATTERNS = pa.array(PATTERNS, pa.string())


def _labels(codes: np.ndarray, vocabulary: pa.Array) -> pa.Array:
    """Codes as their names, null where negative."""
    return vocabulary.take(pa.array(np.maximum(codes, 0), mask=codes < 0))


class TransferWriter:
    """Writes transfers.parquet and transfer_labels.parquet a batch (a row group) at a time."""

    def __init__(self, out_dir: Path, *, names: pa.StringArray, bank: np.ndarray) -> None:
        self.transfers_path = out_dir / "transfers.parquet"
        self.labels_path = out_dir / "transfer_labels.parquet"
        self._names, self._bank = names, bank
        self._transfers = pq.ParquetWriter(self.transfers_path, TRANSFER_SCHEMA)
        self._labels = pq.ParquetWriter(self.labels_path, TRANSFER_LABEL_SCHEMA)
        self.written = 0

    def write(self, batch: TransferBatch) -> None:
        """Append ``batch`` (sorted by time); its ids continue the sequence."""
        rows = len(batch)
        ids = string_array(
            join_columns(
                text_columns("T", rows),
                digit_columns(np.arange(self.written, self.written + rows), 12),
            )
        )
        source, target = pa.array(batch.source), pa.array(batch.target)
        columns = [
            ids,
            pa.array(batch.ts, _TIME),
            pa.array(batch.amount / 100),
            string_array(text_columns("KZT", rows)),
            self._names.take(source),
            _BICS.take(pa.array(self._bank[batch.source])),
            self._names.take(target),
            _BICS.take(pa.array(self._bank[batch.target])),
            _CHANNELS.take(pa.array(batch.channel)),
        ]
        self._transfers.write_table(pa.Table.from_arrays(columns, schema=TRANSFER_SCHEMA))
        labels = [
            ids,
            pa.array(batch.case >= 0),
            _labels(batch.pattern, _PATTERNS),
            pa.array(batch.case, mask=batch.case < 0),
        ]
        self._labels.write_table(pa.Table.from_arrays(labels, schema=TRANSFER_LABEL_SCHEMA))
        self.written += rows

    def close(self) -> None:
        """Finish both files (their footers are written now)."""
        self._transfers.close()
        self._labels.close()

    def __enter__(self) -> TransferWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _ips(numbers: np.ndarray) -> pa.Array:
    octets = [pc.cast(pa.array((numbers >> shift) & 255), pa.string()) for shift in (24, 16, 8, 0)]
    return pc.binary_join_element_wise(*octets, ".")


def write_accounts(
    out_dir: Path,
    *,
    accounts: AccountBlock,
    rows: np.ndarray,
    names: pa.StringArray,
    holder_numbers: np.ndarray,
) -> tuple[Path, Path]:
    """accounts.parquet and account_labels.parquet for the accounts at ``rows``, by account."""
    picked = pa.array(rows)
    account = names.take(picked)
    order = pc.sort_indices(account)
    block = AccountBlock(**{name: getattr(accounts, name)[rows] for name in AccountBlock.__slots__})
    holder_width = max(8, len(str(int(holder_numbers.max(initial=0)))))
    bank = _BICS.take(pa.array(block.bank.astype(np.int64)))
    table = pa.Table.from_arrays(
        [
            account,
            bank,
            string_array(
                join_columns(
                    text_columns("H", len(block)),
                    digit_columns(holder_numbers[block.holder], holder_width),
                )
            ),
            pa.array(block.opened_at, _TIME),
            pa.array(block.birth_year, pa.int16()),
            pa.array(COUNTRIES, pa.string()).take(pa.array(block.country.astype(np.int64))),
            string_array(
                join_columns(text_columns("DEV-", len(block)), hex_columns(block.device, 12))
            ),
            _ips(block.ip),
        ],
        schema=ACCOUNT_SCHEMA,
    )
    roles = pa.array(ROLES, pa.string()).take(pa.array(block.role.astype(np.int64)))
    is_mule = pc.is_in(
        roles, pa.array(["fake_seller", "drop", "fan_in_drop", "collector", "courier"])
    )
    labels = pa.Table.from_arrays(
        [account, bank, is_mule, roles, _labels(block.pattern.astype(np.int64), _PATTERNS)],
        schema=ACCOUNT_LABEL_SCHEMA,
    )
    accounts_path, labels_path = out_dir / "accounts.parquet", out_dir / "account_labels.parquet"
    pq.write_table(table.take(order), accounts_path)
    pq.write_table(labels.take(order), labels_path)
    return accounts_path, labels_path
