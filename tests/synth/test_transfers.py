"""Synthetic transfers: the exchange format, valid IBANs, consistent labels, traceable fraud."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from statistics import median

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from schwifty import IBAN
from typer.testing import CliRunner

from cyberpol.kernel.indicators.normalize.iban import iban_attributes
from cyberpol.money_trail.domain.transfers import (
    ACCOUNT_COLUMNS,
    EXIT_CHANNELS,
    TRANSFER_COLUMNS,
    TransferChannel,
    normalize_account,
)
from cyberpol.synth.cli import synth_app
from cyberpol.synth.transfers import generate_transfers
from cyberpol.synth.transfers.banks import KAZAKH_BANKS

START = datetime(2025, 3, 1, tzinfo=UTC)
DAYS = 30
SIZE = 60_000
EXITS = {c.value for c in EXIT_CHANNELS}
HOLDER_ID = re.compile(r"H\d{8,}")


class Data:
    """The four files of one generated set, as Python rows."""

    def __init__(self, out: Path) -> None:
        self.out = out
        tables = {n: pq.read_table(out / f"{n}.parquet") for n in _FILES}
        self.tables = tables
        self.transfers = tables["transfers"].to_pylist()
        self.transfer_labels = tables["transfer_labels"].to_pylist()
        self.accounts = {row["account"]: row for row in tables["accounts"].to_pylist()}
        self.account_labels = {r["account"]: r for r in tables["account_labels"].to_pylist()}
        for transfer, label in zip(self.transfers, self.transfer_labels, strict=True):
            transfer.update(label)
        self.fraud = [t for t in self.transfers if t["is_fraud"]]
        self.mules = {a for a, label in self.account_labels.items() if label["is_mule"]}


_FILES = ("transfers", "transfer_labels", "accounts", "account_labels")


def _cli() -> typer.Typer:
    """The synth commands mounted as ``cyberpol`` mounts them."""
    app = typer.Typer()
    app.add_typer(synth_app, name="synth")
    return app


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Data:
    out = tmp_path_factory.mktemp("synth")
    generate_transfers(
        out,
        transfers=SIZE,
        seed=3,
        days=DAYS,
        start=START,
    )
    return Data(out)


def _digest(out: Path) -> str:
    return hashlib.sha256(b"".join((out / f"{n}.parquet").read_bytes() for n in _FILES)).hexdigest()


def _flows(data: Data) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Fraud transfers into and out of each account."""
    incoming: dict[str, list[dict]] = defaultdict(list)
    outgoing: dict[str, list[dict]] = defaultdict(list)
    for t in data.fraud:
        incoming[t["to_account"]].append(t)
        outgoing[t["from_account"]].append(t)
    return incoming, outgoing


def test_files_have_the_exchange_format(data: Data) -> None:
    transfers = data.tables["transfers"]
    assert transfers.column_names == list(TRANSFER_COLUMNS)
    assert transfers.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    assert transfers.schema.field("amount").type == pa.float64()
    assert data.tables["accounts"].column_names == list(ACCOUNT_COLUMNS)
    assert data.tables["accounts"].schema.field("holder_birth_year").type == pa.int16()
    assert data.tables["transfer_labels"].schema.field("case_id").type == pa.int64()
    assert len(data.transfers) == SIZE
    assert len({t["transfer_id"] for t in data.transfers}) == SIZE
    assert {t["currency"] for t in data.transfers} == {"KZT"}
    assert {t["channel"] for t in data.transfers} == {c.value for c in TransferChannel}
    amounts = np.array([t["amount"] for t in data.transfers])
    assert (amounts > 0).all()
    assert np.allclose(np.round(amounts * 100), amounts * 100, rtol=0, atol=1e-6)
    assert not any(t["from_account"] == t["to_account"] for t in data.transfers)


def test_transfers_are_sorted_and_inside_the_period(data: Data) -> None:
    times = [t["ts"] for t in data.transfers]
    assert times == sorted(times)
    assert times[0] >= START
    assert times[-1] < START + timedelta(days=DAYS)
    assert times[-1] - times[0] > timedelta(days=DAYS - 1)  # the whole period, not a corner


def test_same_arguments_same_files_other_seed_other_data(tmp_path: Path) -> None:
    first, again, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((first, 5), (again, 5), (other, 6)):
        generate_transfers(out, transfers=8_000, seed=seed, days=7)
    assert _digest(first) == _digest(again)
    assert _digest(first) != _digest(other)


def test_every_account_string_is_valid_and_kept_as_is(data: Data) -> None:
    used = {t["from_account"] for t in data.transfers} | {t["to_account"] for t in data.transfers}
    for account in used | set(data.accounts):
        assert normalize_account(account, card_secret=b"k") == (account, account)
    for account, row in data.accounts.items():
        assert account.startswith("KZ")
        assert len(account) == 20
        assert iban_attributes(account)["bic"] == row["bank"]  # schwifty's registry agrees
    internal = {a for a in used if a.startswith("KZ")}
    assert internal <= set(data.accounts)  # every internal account has its row


def test_bank_codes_are_those_of_schwiftys_registry() -> None:
    for bank in KAZAKH_BANKS:
        iban = IBAN.generate("KZ", bank_code=bank.code, account_code="0" * 13)
        assert iban.bic == bank.bic, bank.name


def test_banks_follow_the_market(data: Data) -> None:
    by_bank = Counter(row["bank"] for row in data.accounts.values())
    assert 8 <= len(by_bank) <= 12
    (first, _), (second, _) = by_bank.most_common(2)
    assert {first, second} == {"CASPKZKA", "HSBKKZKX"}
    for t in data.transfers:
        assert data.accounts[t["from_account"]]["bank"] == t["from_bank"]
        if t["to_account"] in data.accounts:
            assert data.accounts[t["to_account"]]["bank"] == t["to_bank"]


def test_exits_name_where_money_went(data: Data) -> None:
    kinds = defaultdict(set)
    for t in data.transfers:
        if t["channel"] in EXITS:
            assert t["to_account"] not in data.accounts
            kinds[t["channel"]].add(t["to_bank"])
        if t["channel"] == "cash_out":
            assert t["to_account"].startswith(f"ATM-{t['to_bank']}-")
        elif t["channel"] == "crypto":
            assert t["to_account"].startswith("EXCH-")
            assert t["to_bank"] == "CRYPTO"
    kazakh = {b.bic for b in KAZAKH_BANKS}
    assert kinds["foreign"]
    assert not kinds["foreign"] & kazakh
    assert {b[4:6] for b in kinds["foreign"]} >= {"GE", "TR", "AE", "UZ"}


def test_accounts_describe_holders(data: Data) -> None:
    rows = list(data.accounts.values())
    assert set(data.account_labels) == set(data.accounts)
    assert all(HOLDER_ID.fullmatch(r["holder_id"]) for r in rows)
    per_holder = Counter(r["holder_id"] for r in rows)
    assert 1.1 < len(rows) / len(per_holder) < 1.6  # several accounts for some holders
    assert sum(r["holder_country"] == "KZ" for r in rows) / len(rows) > 0.9
    assert all(r["opened_at"] < START + timedelta(days=DAYS) for r in rows)
    assert SIZE / 30 < len(rows) < SIZE / 20


def test_labels_cover_every_account_in_fraud(data: Data) -> None:
    for t in data.fraud:
        source = data.account_labels[t["from_account"]]
        assert source["is_mule"] or source["role"] == "victim", t
        if t["to_account"] in data.accounts:
            assert data.account_labels[t["to_account"]]["is_mule"], t
        else:
            assert t["channel"] in EXITS
        assert t["pattern"] is not None
        assert t["case_id"] is not None
    legit = [t for t in data.transfers if not t["is_fraud"]]
    assert all(t["pattern"] is None for t in legit)
    assert all(t["case_id"] is None for t in legit)
    victims = {a for a, label in data.account_labels.items() if label["role"] == "victim"}
    assert victims == {t["from_account"] for t in data.fraud} - data.mules


def test_every_mule_moves_fraud_money(data: Data) -> None:
    incoming, outgoing = _flows(data)
    assert data.mules
    end = START + timedelta(days=DAYS)
    for mule in data.mules:
        assert incoming[mule], mule
        # Money still sits in a drop only if it arrived just before the data ends.
        assert outgoing[mule] or max(t["ts"] for t in incoming[mule]) > end - timedelta(hours=12)
    assert 0.005 <= len(data.mules) / len(data.accounts) <= 0.02


def test_fraud_share_and_patterns(data: Data) -> None:
    assert 0.003 <= len(data.fraud) / SIZE <= 0.015
    assert {t["pattern"] for t in data.fraud} == {
        "fake_seller",
        "safe_account",
        "fan_in",
        "scatter_gather",
    }
    roles = Counter(label["role"] for label in data.account_labels.values() if label["is_mule"])
    assert set(roles) == {"fake_seller", "drop", "fan_in_drop", "collector", "courier"}


def test_no_account_passes_on_more_of_a_case_than_it_received(data: Data) -> None:
    balance: dict[tuple[str, int], float] = defaultdict(float)
    for t in data.fraud:  # in time order
        source = (t["from_account"], t["case_id"])
        if t["from_account"] in data.mules:
            balance[source] -= t["amount"]
            assert balance[source] > -0.005, t
        balance[(t["to_account"], t["case_id"])] += t["amount"]


def test_mules_keep_a_fee(data: Data) -> None:
    incoming, outgoing = _flows(data)
    kept = []
    for mule in data.mules:
        received = sum(t["amount"] for t in incoming[mule])
        sent = sum(t["amount"] for t in outgoing[mule])
        kept.append(1 - sent / received)
    assert min(kept) > 0.01
    assert 0.05 < median(kept) < 0.2


def test_money_hops_between_banks(data: Data) -> None:
    hops = [
        t for t in data.fraud if t["from_account"] in data.mules and t["to_account"] in data.mules
    ]
    assert hops
    assert all(t["from_bank"] != t["to_bank"] for t in hops)
    banks: dict[int, set[str]] = defaultdict(set)
    mules_of_case: dict[int, set[str]] = defaultdict(set)
    for t in data.fraud:
        if t["from_account"] in data.mules:
            banks[t["case_id"]].add(t["from_bank"])
            mules_of_case[t["case_id"]].add(t["from_account"])
    assert sum(len(b) >= 2 for b in banks.values()) / len(banks) > 0.8
    assert max(len(m) for m in mules_of_case.values()) >= 4  # long chains or scatter-gather


def test_stolen_money_leaves_by_every_exit_and_so_does_honest_money(data: Data) -> None:
    assert {t["channel"] for t in data.fraud} >= EXITS
    legit = Counter(t["channel"] for t in data.transfers if not t["is_fraud"])
    assert all(legit[channel] > 50 for channel in EXITS)


def test_drops_forward_within_hours(data: Data) -> None:
    incoming, outgoing = _flows(data)
    delays = []
    for mule in data.mules:
        if outgoing[mule]:
            first_in = min(t["ts"] for t in incoming[mule])
            delays.append(min(t["ts"] for t in outgoing[mule]) - first_in)
    assert all(timedelta(0) < d < timedelta(hours=12) for d in delays)
    assert timedelta(minutes=2) < median(delays) < timedelta(hours=3)


def test_drops_hold_money_of_several_victims_at_once(data: Data) -> None:
    incoming, outgoing = _flows(data)
    mixed = 0
    for mule in data.mules:
        spans = defaultdict(list)
        for t in incoming[mule] + outgoing[mule]:
            spans[t["case_id"]].append(t["ts"])
        intervals = sorted((min(s), max(s)) for s in spans.values())
        mixed += any(b[0] < a[1] for a, b in pairwise(intervals))
    assert mixed >= 3
    fan_in = max(len({t["from_account"] for t in incoming[m]}) for m in data.mules)
    assert fan_in >= 5


def test_drops_look_like_drops(data: Data) -> None:
    incoming, _ = _flows(data)
    labels = data.account_labels
    drops = [a for a in data.mules if labels[a]["role"] != "courier"]
    age_at_first_use = [
        min(t["ts"] for t in incoming[a]) - data.accounts[a]["opened_at"] for a in drops
    ]
    assert min(age_at_first_use) > timedelta(0)
    assert median(age_at_first_use) < timedelta(days=30)
    legit_age = [START - r["opened_at"] for a, r in data.accounts.items() if a not in data.mules]
    assert median(legit_age) > timedelta(days=365)
    assert any(data.accounts[a]["holder_country"] != "KZ" for a in drops)
    devices = Counter(data.accounts[a]["device_id"] for a in data.mules)
    assert devices.most_common(1)[0][1] >= 3  # handlers log in to many drops from one phone

    def banks_per_holder(accounts: list[str]) -> float:
        banks = defaultdict(set)
        for a in accounts:
            banks[data.accounts[a]["holder_id"]].add(data.accounts[a]["bank"])
        return sum(len(b) for b in banks.values()) / len(banks)

    legit = [a for a in data.accounts if a not in data.mules]
    assert banks_per_holder(drops) > banks_per_holder(legit) + 0.3


def test_couriers_had_an_honest_history(data: Data) -> None:
    couriers = {a for a in data.mules if data.account_labels[a]["role"] == "courier"}
    first_fraud: dict[str, datetime] = {}
    for t in data.fraud:
        for a in (t["from_account"], t["to_account"]):
            first_fraud.setdefault(a, t["ts"])
    for courier in couriers:
        assert data.accounts[courier]["opened_at"] < START - timedelta(days=365)
        before = [
            t
            for t in data.transfers
            if courier in (t["from_account"], t["to_account"]) and t["ts"] < first_fraud[courier]
        ]
        assert before
        assert not any(t["is_fraud"] for t in before)


def test_honest_accounts_that_look_suspicious_exist(data: Data) -> None:
    payers = defaultdict(set)
    for t in data.transfers:
        if not t["is_fraud"]:
            payers[t["to_account"]].add(t["from_account"])
    crowded = {a for a, p in payers.items() if a in data.accounts and len(p) >= 30}
    roles = {data.account_labels[a]["role"] for a in crowded}
    assert {"merchant", "trader", "toi_host"} <= roles
    young = [
        a
        for a, r in data.accounts.items()
        if a not in data.mules and START - r["opened_at"] < timedelta(days=60)
    ]
    assert young  # new honest accounts too


def test_days_and_hours_follow_kazakh_life(data: Data) -> None:
    local = [t["ts"] + timedelta(hours=5) for t in data.transfers if not t["is_fraud"]]
    night = sum(2 <= ts.hour < 6 for ts in local) / len(local)
    day = sum(9 <= ts.hour < 22 for ts in local) / len(local)
    assert night < 0.03
    assert day > 0.7
    employers = {a for a, label in data.account_labels.items() if label["role"] == "employer"}
    salary_days = Counter(
        (t["ts"] + timedelta(hours=5)).day
        for t in data.transfers
        if t["from_account"] in employers
        and data.account_labels[t["to_account"]]["role"] != "merchant"
    )
    around_paydays = sum(n for d, n in salary_days.items() if 2 <= d <= 8 or 17 <= d <= 23)
    assert around_paydays / sum(salary_days.values()) > 0.85


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    seen: list[int] = []
    summary = generate_transfers(tmp_path, transfers=3_000, days=5, on_progress=seen.append)
    assert seen == sorted(seen)
    assert len(seen) == 5
    assert seen[-1] == summary.transfers == 3_000
    assert summary.fraud_transfers == sum(
        pq.read_table(summary.transfer_labels_path).column("is_fraud").to_pylist()
    )


@pytest.mark.parametrize(("transfers", "days"), [(-1, 30), (100, 0)])
def test_bad_arguments_are_refused(tmp_path: Path, transfers: int, days: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        generate_transfers(tmp_path, transfers=transfers, days=days)


def test_command_writes_files_and_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _cli(), ["synth", "transfers", "--out", str(tmp_path), "--transfers", "2000", "--days", "3"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    assert summary["transfers"] == 2000
    assert Path(summary["transfers_path"]).exists()


@pytest.mark.parametrize("option", [["--transfers", "-5"], ["--days", "0"], ["--seed", "-1"]])
def test_command_refuses_bad_input_without_a_traceback(tmp_path: Path, option: list[str]) -> None:
    result = CliRunner().invoke(_cli(), ["synth", "transfers", "--out", str(tmp_path), *option])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert option[0] in result.output


def test_command_writes_under_the_data_dir_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CYBERPOL_DATA_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(_cli(), ["synth", "transfers", "--transfers", "200", "--days", "1"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    written = Path(summary["transfers_path"])
    assert written.parent == tmp_path / "state" / "synth"
    assert written.exists()
    assert not (tmp_path / "data").exists()
