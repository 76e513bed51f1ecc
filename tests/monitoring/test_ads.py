"""Fake-ad rings: ads read as platforms write them, rings found on small hand-built cases,
and measured on another author's marketplace (``ads_recipe``) on seeds not looked at."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cyberpol.kernel.errors import InvalidInput
from cyberpol.monitoring.detectors.ad_links import fold_text, value_links
from cyberpol.monitoring.detectors.ads import find_rings, ring_quality
from cyberpol.monitoring.domain.ads import Ad, KnownBad, parse_ad, parse_price
from tests.monitoring.ads_recipe import build

WHEN = datetime(2026, 10, 5, 9, tzinfo=UTC)


def test_ads_are_read_as_other_systems_write_them() -> None:
    assert parse_price("12 000", "KZT") == 12_000
    assert parse_price("12000,00", "kzt") == 12_000
    assert parse_price("12\u00a0000", None) == 12_000
    assert parse_price("1.250.000,50", "KZT") == 1_250_000.5
    assert parse_price("300", "USD") == 300 * 480
    assert parse_price("", "KZT") is None
    assert parse_price("договорная", "KZT") is None
    ad = parse_ad({
        "ad_id": " 148230001 ", "platform": "Bazar.kz", "created_at": "2026-10-05 14:03:11",
        "title": "Шуба норковая",
        "text": "Пишите в WA 8 (701) 123-45-67, карта 4400 4301 2345 6789",
        "price": "95 000", "currency": "KZT", "category": "odezhda/shuby", "seller_id": "9801234",
        "seller_phone": "8 707 765 43 21", "ip": "", "device_id": "",
        "image_hashes": "E314E59B44417994;cdf754702bd0140a;not-a-hash",
    })  # fmt: skip
    assert ad.ad_id == "148230001"
    assert ad.platform == "bazar.kz"
    assert ad.created_at.utcoffset() is not None  # a time without a zone is Kazakhstan's
    assert ad.created_at.isoformat() == "2026-10-05T14:03:11+05:00"
    assert ad.phone == "+77077654321"
    assert ad.text_phones == ("+77011234567",)
    assert "4400 4301 2345 6789" not in ad.text  # never a full card number, even in an ad
    assert ad.images == (0xE314E59B44417994, 0xCDF754702BD0140A)
    assert ad.ip is None
    assert ad.device_id is None
    for row in ({"seller_id": "1"}, {"ad_id": "1"},
                {"ad_id": "1", "seller_id": "2", "created_at": "вчера"}):  # fmt: skip
        with pytest.raises(InvalidInput):
            parse_ad(row)


def test_look_alike_letters_and_numbers_do_not_hide_a_text() -> None:
    assert fold_text("Щенки хаски, 8 700 270 52 98") == fold_text("Щeнки хacки!!! 87012345678")


def _ad(ad_id: str, seller: str, *, price: float, phone: str, images: tuple[int, ...] = (),
        device: str | None = None, title: str = "Шуба норковая",
        ip: str | None = None) -> Ad:  # fmt: skip
    return Ad("bazar.kz", ad_id, WHEN, title, f"{title} в отличном состоянии", price,
              "odezhda/shuby", seller, phone, ip, device, images)  # fmt: skip


def test_a_ring_is_found_and_a_household_and_a_robbed_shop_are_not() -> None:
    photo = 0x596A1F163A621235
    ads = [
        # A shop: one seller, many ads, fair prices, its own photo.
        *[_ad(f"s{n}", "shop", price=400_000, phone="+77011110000", images=(photo,))
          for n in range(10)],
        # A ring: three new accounts, the shop's photo a few bits off, a foreign phone each,
        # and prices a third of the shop's.
        _ad("r1", "acc1", price=130_000, phone="+447911793704", images=(photo ^ 0b101,)),
        _ad("r2", "acc2", price=120_000, phone="+998901234567", images=(photo ^ 0b1100,)),
        _ad("r3", "acc3", price=125_000, phone="+447911793704", images=(photo ^ 0b11,)),
        # A family: two people on one tablet and one home address, ordinary prices.
        _ad("f1", "mum", price=380_000, phone="+77021234567", device="8eaba6095c944ab8",
            ip="2.135.221.156", title="Детская коляска"),
        _ad("f2", "son", price=390_000, phone="+79161234567", device="8eaba6095c944ab8",
            ip="2.135.221.156", title="Велосипед"),
        _ad("f3", "son", price=410_000, phone="+79161234567", device="8eaba6095c944ab8",
            ip="2.135.221.156", title="Самокат"),
    ]  # fmt: skip
    rings, rows = find_rings(ads)
    assert [sorted(r.ads) for r in rings] == [["r1", "r2", "r3"]]
    [ring] = rings
    assert ring.sellers == ("acc1", "acc2", "acc3")
    codes = {r.code for r in ring.reasons}
    assert {"same_photo", "same_phone", "price_far_below", "foreign_phone"} <= codes
    assert {r.ad_id for r in rows} == {"r1", "r2", "r3"}
    # The registry knew the phone: that is said too.
    known = find_rings(ads, KnownBad(phones=frozenset({"+447911793704"})))[0][0]
    assert "known_bad" in {r.code for r in known.reasons}


def test_two_accounts_on_one_phone_are_a_ring_however_many_ads_they_post() -> None:
    """Many ads and fair prices spare a shop, not two accounts behind one phone."""
    photo = 0x1E2D3C4B5A697887
    ads = [
        _ad(f"a{n}", "acc1" if n % 2 else "acc2", price=390_000, phone="+77071112233",
            images=(photo ^ (1 << (n % 5)), photo ^ (1 << 40)))
        for n in range(24)
    ]  # fmt: skip
    [ring], _ = find_rings(ads)
    assert ring.sellers == ("acc1", "acc2")
    assert len(ring.ads) == 24


def test_the_ad_a_ring_copied_photos_from_and_a_giveaway_stay_out() -> None:
    base = (0x0F1E2D3C4B5A6978, 0x7766554433221100)
    ring = [
        _ad(f"r{n}", f"acc{n % 4}", price=120_000 + 1000 * n, phone=f"+4479117937{n:02d}",
            images=(base[0] ^ (1 << n), base[1] ^ (1 << (n + 20))))
        for n in range(8)
    ]  # fmt: skip
    honest = [
        _ad("orig", "owner", price=420_000, phone="+77015556677", images=base),
        _ad("free", "neighbour", price=1, phone="+77015556678", images=(base[0],)),
    ]
    rings, _ = find_rings(ring + honest)
    assert [sorted(r.ads) for r in rings] == [[f"r{n}" for n in range(8)]]


def test_a_chat_link_links_by_its_number_not_by_its_host() -> None:
    ads = [
        parse_ad({"ad_id": str(n), "seller_id": f"s{n}", "created_at": "2026-10-05 10:00",
                  "title": "Коляска", "price": "40000", "category": "detskiy-mir",
                  "text": f"Пишите в waa.me/770{n}1234567"})
        for n in range(5)
    ]  # fmt: skip
    assert value_links(ads) == []
    same_number = [replace(ad, text_links=ads[0].text_links) for ad in ads]
    assert len(value_links(same_number)) == 4


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 4])
def test_rings_in_another_authors_marketplace(seed: int) -> None:
    """The issue's target, recall 0.95 at pairwise precision 0.98, on seeds 3 and 4: seeds 1
    and 2 were looked at while the rules were written, 3 and 4 only measured."""
    market = build(seed, 20_000)
    ads = [parse_ad(row) for row in market.ads]
    _, rows = find_rings(ads, KnownBad(phones=frozenset(market.known_bad_phones)))
    recall, precision = ring_quality(market.labels, {r.ad_id: r.ring for r in rows})
    print(f"seed {seed}: recall {recall:.3f}, pairwise precision {precision:.4f}")
    assert recall >= 0.95
    assert precision >= 0.98


def test_photos_sent_as_files_are_hashed_and_a_hostile_name_is_refused(tmp_path: Path) -> None:
    import numpy
    from PIL import Image

    from cyberpol.monitoring.store.ads import AdStore

    rng = numpy.random.default_rng(7)
    coarse = rng.integers(0, 255, (6, 8, 3), dtype=numpy.uint8)  # a picture's broad shapes
    photo = Image.fromarray(coarse).resize((640, 480), Image.Resampling.BICUBIC)
    folder = tmp_path / "export"
    (folder / "img").mkdir(parents=True)
    photo.save(folder / "img" / "fur.jpg", quality=92)
    # The same photo a ring re-posts: smaller, recompressed, a little brighter.
    photo.resize((480, 360)).point(lambda v: min(255, v + 12)).save(
        folder / "img" / "fur-again.jpg", quality=60
    )
    other = Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=numpy.uint8))
    other.resize((640, 480), Image.Resampling.BICUBIC).save(folder / "img" / "sofa.png")
    (folder / "img" / "note.jpg").write_text("not a picture")
    (tmp_path / "secret.png").write_bytes((folder / "img" / "sofa.png").read_bytes())
    (folder / "ads.csv").write_text(
        "ad_id,seller_id,created_at,title,images\n"
        "1,s1,2026-10-05 10:00,Шуба,img/fur.jpg\n"
        "2,s2,2026-10-05 11:00,Шуба,img/fur-again.jpg;img/note.jpg\n"
        "3,s3,2026-10-05 12:00,Диван,img/sofa.png;../secret.png;/etc/hostname\n",
        encoding="utf-8",
    )
    store = AdStore(tmp_path / "kept")
    load = store.load(folder / "ads.csv")
    assert load.loaded == 3
    assert [line for line, _ in load.unread_photos] == [3, 4, 4]
    assert "not a readable picture" in load.unread_photos[0][1]
    assert "no such photo beside the export" in load.unread_photos[1][1]
    ads = {ad.ad_id: ad for ad in store.ads()}
    [fur], [again], [sofa] = ads["1"].images, ads["2"].images, ads["3"].images
    assert (fur ^ again).bit_count() <= 8  # the same photo for the ring detector
    assert (fur ^ sofa).bit_count() > 16
