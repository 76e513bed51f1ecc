"""The demo seeds every part a new user tries first, including the money trail."""

from __future__ import annotations

import io
import re

from rich.console import Console

from cyberpol.bootstrap import Runtime
from cyberpol.cases.domain import LinkKind
from cyberpol.cases.ports import CaseFilter
from cyberpol.entrypoints.demo import seed_demo
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.kernel.access import Actor, Role
from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.telecom.ports import BlockFilter


def test_demo_seeds_transfers_scores_and_a_traceable_victim(sqlite_runtime: Runtime) -> None:
    out = io.StringIO()
    console = Console(file=out, width=200)
    seed_demo(sqlite_runtime, reports=20, indicators=50, seed=3, transfers=30_000, calls=150_000,
              console=console)  # fmt: skip
    printed = out.getvalue()
    assert "demo-investigator" in printed
    assert "demo-kaspi" in printed
    transfer_id = printed.split("cyberpol trace ")[1].split()[0]
    exchange = sqlite_runtime.exchange()
    assert exchange.store.transfer_count() == 30_000
    trace = sqlite_runtime.money_trail.trace(
        actor=Actor("inv", Role.INVESTIGATOR), request=TraceRequest(transfer_id=transfer_id)
    )
    assert trace.accounts
    assert trace.amount > 0
    top = sqlite_runtime.mule_desk().top(limit=5, flagged_only=True)
    assert top
    assert all(row.score >= 0.5 for row in top)
    # Cases from the reports, with victims, in several states; a way to sign in is printed.
    investigator = Actor("inv", Role.INVESTIGATOR)
    cases = sqlite_runtime.cases.search(actor=investigator, filters=CaseFilter(limit=100))
    assert cases.total >= 3
    assert all(c.victims and c.reports for c in cases.items)
    assert len({c.state for c in cases.items}) >= 2
    # Victims' transfers traced into cases and frozen; banks answered some of them.
    requests = sqlite_runtime.freeze.list_requests(actor=investigator, filters=FreezeFilter())
    assert requests.total >= 1
    assert "Demo freeze requests sent from traces" in printed
    traced = sqlite_runtime.cases.get(
        actor=investigator, case_id=cases_with_transfers(sqlite_runtime, investigator)
    )
    assert any(link.kind is LinkKind.TRANSFER for link in traced.links)
    # A week of calls with its SIM-boxes found, and the biggest box's numbers asked to be cut.
    assert len(sqlite_runtime.telecom.simbox_devices(actor=investigator)) >= 4
    blocks = sqlite_runtime.telecom.block_requests(actor=investigator, filters=BlockFilter())
    assert blocks.total == 3
    assert "demo-kcell" in printed
    # A marketplace's ads with rings among them, for /monitoring/ads.
    rings, rows = sqlite_runtime.monitoring.ad_rings(actor=investigator)
    assert len(rings) >= 5
    assert re.search(r"Demo marketplace ads: 200\d\d kept, \d+ rings", printed)
    password = printed.split("password: ")[1].split()[0]
    signed = sqlite_runtime.accounts.sign_in(name="demo-analyst", password=password, code=None)
    assert signed.actor.role is Role.ANALYST
    # A second run finds everything in place and changes nothing.
    seed_demo(sqlite_runtime, reports=20, indicators=50, seed=3, transfers=30_000, calls=150_000,
              console=console)  # fmt: skip
    assert sqlite_runtime.exchange().store.transfer_count() == 30_000
    again = sqlite_runtime.cases.search(actor=investigator, filters=CaseFilter(limit=100))
    assert again.total == cases.total
    assert sqlite_runtime.freeze.list_requests(
        actor=investigator, filters=FreezeFilter()
    ).total == requests.total  # fmt: skip
    assert sqlite_runtime.telecom.block_requests(
        actor=investigator, filters=BlockFilter()
    ).total == 3  # fmt: skip
    assert "Demo marketplace ads: already loaded" in out.getvalue()
    assert len(sqlite_runtime.monitoring.ad_rings(actor=investigator)[1]) == len(rows)


def cases_with_transfers(runtime: Runtime, actor: Actor) -> int:
    """The first demo case a victim's transfer was filed into."""
    for case in runtime.cases.search(actor=actor, filters=CaseFilter(limit=100)).items:
        links = runtime.cases.get(actor=actor, case_id=case.id).links
        if any(link.kind is LinkKind.TRANSFER for link in links):
            return case.id
    raise AssertionError("no demo case has a victim's transfer")
