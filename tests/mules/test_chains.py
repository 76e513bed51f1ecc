"""Drops fed by drops, on a hand-written ledger: who is found, who is not, and why."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cyberpol.money_trail.store.transfer_load import AccountKeys, load_transfer_file
from cyberpol.money_trail.store.transfer_store import TransferStore
from cyberpol.mules.detectors import render_reason
from cyberpol.mules.store.chains import fed_by_flagged
from cyberpol.mules.store.engines import KNOWN_SCHEMA, duckdb_features
from cyberpol.mules.store.scoring import score_features
from cyberpol.platform.i18n import gettext

START = datetime(2026, 5, 4, 5, tzinfo=UTC)
DROPS = ["DROP1", "DROP2", "DROP3"]


def _ledger() -> list[tuple[float, str, str, float, str]]:
    rows: list[tuple[float, str, str, float, str]] = []
    for day, drop in enumerate(DROPS):
        # Victims pay the drops; each drop passes money on to the holder, cashes some out and
        # buys crypto at one exchange.
        rows.append((day, f"VICTIM{day}", drop, 900_000, "transfer"))
        rows.append((day + 0.1, drop, "HOLDER", 600_000, "transfer"))
        rows.append((day + 0.2, drop, "", 100_000, "cash_out"))
        rows.append((day + 0.3, drop, "EXCHANGE", 150_000, "crypto"))
        # Each drop still shops and pays its family, as recruited people do.
        rows.append((day + 0.4, drop, "SHOP", 20_000, "transfer"))
        rows.append((day + 0.5, drop, "MOTHER", 50_000, "transfer"))
    rows.append((5, "EMPLOYER", "HOLDER", 150_000, "transfer"))  # a salary, the smaller part
    rows.append((6, "EMPLOYER", "MOTHER", 10_000, "transfer"))  # fed by three drops, mostly
    for i in range(8):
        rows.append((i, f"CUSTOMER{i}", "SHOP", 60_000, "transfer"))  # the shop lives on others
    # A third layer: money from the holder and two drops.
    rows.append((10, "HOLDER", "KEEPER", 700_000, "transfer"))
    rows.append((10.5, "DROP1", "KEEPER", 30_000, "transfer"))
    rows.append((10.6, "DROP2", "KEEPER", 30_000, "transfer"))
    # Paid by two drops only: a friend paid back, not a layer.
    rows.append((11, "DROP1", "FRIEND", 40_000, "transfer"))
    rows.append((11.5, "DROP2", "FRIEND", 40_000, "transfer"))
    return rows


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TransferStore]:
    path = tmp_path / "chain.parquet"
    pq.write_table(
        pa.Table.from_pylist(
            [
                {
                    "transfer_id": f"c{i}",
                    "ts": (START + timedelta(days=day)).isoformat(),
                    "amount": f"{amount:.2f}",
                    "currency": "KZT",
                    "from_account": source,
                    "from_bank": "IRTYKZKA",
                    "to_account": target,
                    "to_bank": "HSBKKZKX" if channel == "transfer" else "",
                    "channel": channel,
                }
                for i, (day, source, target, amount, channel) in enumerate(_ledger())
            ]
        ),
        path,
    )
    transfers = TransferStore(None)
    load_transfer_file(transfers, path, accounts=AccountKeys(b"chains-test"))
    yield transfers
    transfers.close()


def test_layers_fed_by_flagged_drops_are_found(store: TransferStore) -> None:
    found = fed_by_flagged(store, DROPS)
    # HOLDER: 1.8 m of its 1.95 m came from the three drops.
    assert found["HOLDER"][0] == pytest.approx(1_800_000 / 1_950_000)
    assert found["HOLDER"][1] == 3
    # KEEPER is found on the next layer, once HOLDER is.
    assert found["KEEPER"][0] == pytest.approx(1.0)
    assert found["KEEPER"][1] == 3
    # MOTHER takes 150,000 of 160,000 from three drops: an account that lives on drops' money
    # is worth a look whoever holds it.
    assert found["MOTHER"][1] == 3
    # The shop lives on its customers; a friend paid by two drops is not a layer; the
    # exchange is outside the banks; drops themselves are not repeated.
    assert set(found) == {"HOLDER", "KEEPER", "MOTHER"}


def test_one_layer_only_when_asked(store: TransferStore) -> None:
    assert set(fed_by_flagged(store, DROPS, hops=1)) == {"HOLDER", "MOTHER"}
    assert fed_by_flagged(store, []) == {}


def test_scores_flag_the_layers_and_say_why(store: TransferStore) -> None:
    features = duckdb_features(store, pa.table({"account": [], "kind": []}, schema=KNOWN_SCHEMA))
    # The rules flag nobody here; the drops come in as confirmed ones do in ``MuleDesk``.
    plain = score_features(features, None)
    assert not any(plain.column("flagged").to_pylist())
    scored = score_features(features, None, lambda flagged: fed_by_flagged(store, flagged + DROPS))
    rows = {r["account"]: r for r in scored.to_pylist()}
    assert {a for a, r in rows.items() if r["flagged"]} == {"HOLDER", "KEEPER", "MOTHER"}
    assert rows["HOLDER"]["score"] == pytest.approx(0.9231)
    assert rows["HOLDER"]["reason_codes"].startswith("fed_by_drops=0.923")
    assert rows["HOLDER"]["reasons"].startswith(
        "took 92% of its incoming money from accounts flagged as drops"
    )
    assert not rows["SHOP"]["flagged"]


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", "входящих денег со счетов"), ("kk", "кіріс ақшасының"), ("en", "incoming money")],
)
def test_the_reason_reads_in_every_language(language: str, words: str) -> None:
    text = render_reason("fed_by_drops", 0.923, lambda m: gettext(m, language))
    assert words in text
    assert "92" in text
