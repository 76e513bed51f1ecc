"""Ads through the real API, store and pages: a platform sends its ads (and only ever its
own), analysts read the rings across platforms and put them on the queue, and each platform
reads warnings cut to its own sellers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.monitoring.domain.resources import ResourceKind
from cyberpol.monitoring.ports import ResourceFilter
from tests.factories import bearer, signed_in_client, token_for
from tests.monitoring.ads_recipe import build


@dataclass
class Market:
    client: TestClient
    runtime: Runtime
    olx: dict[str, str]
    krisha: dict[str, str]
    analyst: dict[str, str]
    labels: dict[str, str | None]

    def send(self, who: dict[str, str], ads: list[dict[str, Any]]) -> Any:
        return self.client.post("/api/v1/monitoring/ads", headers=who, json={"ads": ads})


@pytest.fixture
def market(sqlite_runtime: Runtime) -> Iterator[Market]:
    runtime = sqlite_runtime
    with TestClient(create_app(runtime)) as client:
        yield Market(
            client, runtime,
            bearer(token_for(runtime, "olx-api", Role.PARTNER, organisation="OLX.KZ")),
            bearer(token_for(runtime, "krisha-api", Role.PARTNER, organisation="KRISHA.KZ")),
            bearer(token_for(runtime, "a.nurlanova", Role.ANALYST)),
            build(3, 3_000).labels,
        )  # fmt: skip


def _ads(seed: int = 3, count: int = 3_000) -> list[dict[str, Any]]:
    """Another author's export, as JSON: "" for empty and hash lists, as platforms send."""
    return [{k: (v if v != "" else None) for k, v in ad.items()} for ad in build(seed, count).ads]


def test_a_platform_sends_its_ads_and_reads_warnings_on_its_own_sellers(market: Market) -> None:
    ads = _ads()
    ads[5] = {**ads[5], "created_at": "позавчера"}
    ads[9] = {"seller_id": "1"}
    first = market.send(market.olx, ads[:2_000])
    assert first.status_code == 200, first.text
    assert first.json()["loaded"] == 1_998
    assert [r["number"] for r in first.json()["rejected"]] == [6, 10]
    assert market.send(market.olx, ads[:2_000]).json()["already_loaded"] is True
    assert market.send(market.olx, ads[2_000:]).json()["loaded"] == 1_000
    # Krisha sends ads with the same numbers, and says they are OLX's: they stay Krisha's.
    mine = [{**ad, "platform": "olx.kz", "price": "1"} for ad in ads[10:60]]
    assert market.send(market.krisha, mine).json()["loaded"] == 50

    rings = market.client.get("/api/v1/monitoring/ads/rings", headers=market.analyst)
    assert rings.status_code == 200, rings.text
    found = rings.json()
    assert found, "the export holds planted rings"
    ring_ads = {(p, a) for r in found for a, p in zip(r["ads"], r["ad_platforms"], strict=True)}
    planted = {ad for ad, ring in market.labels.items() if ring}
    olx_found = {a for p, a in ring_ads if p == "olx.kz"}
    assert len(olx_found & planted) / len(planted) >= 0.9
    assert {"same_photo", "same_phone"} & {x["code"] for r in found for x in r["reasons"]}

    warned = market.client.get("/api/v1/monitoring/ads/warnings", headers=market.olx)
    assert warned.status_code == 200, warned.text
    assert {w["platform"] for w in warned.json()} == {"olx.kz"}
    assert {a for w in warned.json() for a in w["ads"]} == olx_found
    krisha = market.client.get("/api/v1/monitoring/ads/warnings", headers=market.krisha).json()
    krisha_ads = {a for w in krisha for a in w["ads"]}
    assert krisha_ads <= {ad["ad_id"] for ad in mine}  # never OLX's ads, sellers or phones
    olx_only_sellers = {ad["seller_id"] for ad in ads[60:]} - {ad["seller_id"] for ad in mine}
    assert not {s for w in krisha for s in w["sellers"]} & olx_only_sellers


def test_ads_refuse_strangers_and_bad_lists(market: Market) -> None:
    bank = bearer(token_for(market.runtime, "bank-halyk", Role.BANK, organisation="HSBKKZKX"))
    assert market.send(bank, _ads(count=10)).status_code == 403
    # An analyst loads exports at the console (ads import); over the API only a platform's
    # own token sends ads, so no ad speaks for another platform's customers.
    refused = market.send(market.analyst, _ads(count=10))
    assert refused.status_code == 403
    assert market.client.get("/api/v1/monitoring/ads/rings", headers=market.olx).status_code == 403
    warned = market.client.get("/api/v1/monitoring/ads/warnings", headers=market.analyst)
    assert warned.status_code == 403
    assert market.send(market.olx, []).status_code == 422
    assert market.send(market.olx, [{"ad_id": {"nested": 1}}]).status_code == 422
    assert market.client.post("/api/v1/monitoring/ads", headers=market.olx,
                              content=b"not json").status_code == 422  # fmt: skip


def test_an_analyst_reads_the_rings_page_and_queues_them(market: Market) -> None:
    assert market.send(market.olx, _ads()).status_code == 200
    client = market.client
    client.headers["Accept-Language"] = "kk"
    signed_in_client(client, market.runtime, "b.serik", Role.ANALYST)
    page = client.get("/monitoring/ads")
    assert page.status_code == 200, page.text
    assert "Жалған хабарландырулар желілері" in page.text
    assert "Әр түрлі сатушыларда бірдей фотолар" in page.text
    queued = client.post("/monitoring/ads/queue", data={"csrf_token": client.cookies["csrf"]},
                         follow_redirects=False)  # fmt: skip
    assert queued.status_code == 303
    assert client.get(queued.headers["location"]).status_code == 200
    on_queue = market.runtime.monitoring.resources(
        actor=CONSOLE, filters=ResourceFilter(kind=ResourceKind.AD), limit=10_000
    )
    rings = market.runtime.monitoring.ad_rings(actor=CONSOLE)[0]
    assert on_queue.total == sum(len(r.ads) for r in rings)
    expired = client.post("/monitoring/ads/queue", data={"csrf_token": "stale"},
                          follow_redirects=False)  # fmt: skip
    assert expired.headers["location"] == "/monitoring/ads?refused=expired"


def test_rings_are_searched_again_for_new_exports_but_not_on_every_call(market: Market) -> None:
    start = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    market.runtime.clock = lambda: start
    ads = _ads(count=3_000)
    assert market.send(market.olx, ads[:1_500]).status_code == 200
    first = market.client.get("/api/v1/monitoring/ads/rings", headers=market.analyst).json()
    # A platform sending ads a minute later does not start another search at once...
    market.runtime.clock = lambda: start + timedelta(minutes=1)
    assert market.send(market.olx, ads[1_500:]).status_code == 200
    again = market.client.get("/api/v1/monitoring/ads/rings", headers=market.analyst).json()
    assert again == first
    # ...ten minutes after the last search, the new ads are searched.
    market.runtime.clock = lambda: start + timedelta(minutes=11)
    later = market.client.get("/api/v1/monitoring/ads/rings", headers=market.analyst).json()
    assert sum(len(r["ads"]) for r in later) > sum(len(r["ads"]) for r in first)
    assert market.runtime.monitoring.ad_rings_searched_at() == start + timedelta(minutes=11)


def test_a_platform_may_send_the_photos_themselves(market: Market) -> None:
    import base64
    import io

    import numpy
    from PIL import Image

    rng = numpy.random.default_rng(11)
    photo = Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=numpy.uint8)).resize(
        (640, 480), Image.Resampling.BICUBIC
    )

    def jpeg(picture: Image.Image, quality: int) -> str:
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=quality)
        return base64.b64encode(out.getvalue()).decode()

    base = {"created_at": "2026-10-05 10:00", "title": "Шуба норковая", "price": "120000"}
    sent = market.send(market.olx, [
        {**base, "ad_id": "p1", "seller_id": "s1", "images": [jpeg(photo, 90)]},
        {**base, "ad_id": "p2", "seller_id": "s2",
         "images": [jpeg(photo.resize((480, 360)), 55), "bm90IGEgcGljdHVyZQ=="]},
        {**base, "ad_id": "p3", "seller_id": "s3", "images": ["%%%not base64%%%"]},
    ])  # fmt: skip
    assert sent.status_code == 200, sent.text
    body = sent.json()
    assert body["loaded"] == 3
    assert [(u["number"], u["reason"][:7]) for u in body["unread_photos"]] == [
        (2, "photo 2"), (3, "photo 1"),
    ]  # fmt: skip
    from cyberpol.monitoring.store.ads import AdStore

    store = AdStore(market.runtime.settings.data_dir / "ads")
    kept = {ad.ad_id: ad for ad in store.ads()}
    [first], [second] = kept["p1"].images, kept["p2"].images
    assert (first ^ second).bit_count() <= 8  # the same photo for the ring detector
    assert kept["p3"].images == ()
