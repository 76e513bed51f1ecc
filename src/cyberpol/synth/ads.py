"""A marketplace's ads with planted scam rings, written as a platform exports them.

Honest sellers post one to a few ads in their own words; shops post many from one account
and one address; families share a tablet and a home address; stock photos recur across
strangers. A ring is one organiser behind several new accounts: the same scheme reworded
(synonyms, word order, look-alike letters, emoji), the same photos retouched a few bits,
phones rotated (often foreign), prices a third to a half below the item's.
``labels.csv`` names each ad's ring ("" for honest ads).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

PLATFORM = "olx.kz"
START = datetime(2026, 11, 2, 4, tzinfo=UTC)
ITEMS = {
    "electronics": [("Ноутбук ASUS VivoBook", 210_000), ("Планшет Samsung Tab A8", 95_000),
                    ("Наушники AirPods Pro", 85_000), ("Телевизор Xiaomi 50", 190_000)],
    "phones": [("iPhone 13 128GB", 290_000), ("iPhone 14 Pro 256GB", 480_000),
               ("Samsung Galaxy S23", 350_000), ("Xiaomi Redmi Note 12", 95_000)],
    "fur": [("Шуба норковая", 650_000), ("Шуба мутоновая", 240_000),
            ("Полушубок из кролика", 120_000)],
    "furniture": [("Диван угловой", 180_000), ("Шкаф-купе", 150_000),
                  ("Кухонный гарнитур", 320_000)],
    "kids": [("Коляска 2 в 1", 140_000), ("Автокресло", 45_000), ("Детская кроватка", 60_000)],
    "animals": [("Щенки хаски", 120_000), ("Котята мейн-кун", 150_000)],
}  # fmt: skip
HONEST_TEXTS = [
    "Продаю {item}. Состояние хорошее, пользовались аккуратно. Торг уместен.",
    "{item}, б/у {n} года. Всё работает, причина продажи переезд. Самовывоз.",
    "Сатамын {item}. Жағдайы жақсы. Хабарласыңыз.",
    "{item} в отличном состоянии, полный комплект. Встреча в центре, проверка на месте.",
    "Срочно продам {item}! Звоните или пишите в WhatsApp.",
]
SCHEMES = [
    "{item} {cheap}. {deliver} по всему Казахстану, {prepay}. Пишите в {msg}.",
    "{cheap} {item}! {stock}. {deliver}, {prepay}. {msg} {phone}.",
    "{item} — {cheap}. {stock}. {prepay}, {deliver}. Контакт: {msg}.",
]
WORDS = {
    "cheap": ["дешево", "дёшево", "ниже рынка", "по оптовой цене", "распродажа", "срочно дешево"],
    "deliver": ["Отправка Казпочтой", "Доставка KazPost", "Отправим почтой", "Доставка курьером"],
    "prepay": ["предоплата 50%", "после предоплаты", "оплата переводом заранее",
               "предоплата на Kaspi"],
    "stock": ["Новый, в упаковке", "Оригинал, гарантия", "Остался последний", "Склад закрывается"],
    "msg": ["WhatsApp", "ватсап", "Telegram", "личку"],
}  # fmt: skip
LOOKALIKE = str.maketrans("аеорсх", "aeopcx")
FOREIGN = ("+44", "+90", "+998", "+380", "+371", "+7 9")
STOCK = [0x3C3C3C3C0F0F0F0F, 0x123456789ABCDEF0, 0x0F0F0F0F3C3C3C3C]


@dataclass
class _Market:
    rng: random.Random
    rows: list[dict[str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    next_ad: int = 500_000_000
    next_seller: int = 1_000_000

    def seller(self) -> str:
        self.next_seller += self.rng.randint(1, 40)
        return str(self.next_seller)

    def ad(self, seller: str, category: str, item: str, price: float, text: str, phone: str,
           ip: str, device: str, images: list[int], ring: str = "") -> None:  # fmt: skip
        self.next_ad += self.rng.randint(1, 9)
        moment = START + timedelta(seconds=self.rng.randrange(30 * 86400))
        local = moment + timedelta(hours=5)
        ad_id = str(self.next_ad)
        self.rows.append({
            "ad_id": ad_id, "platform": PLATFORM, "created_at": local.strftime("%Y-%m-%d %H:%M:%S"),
            "title": item, "text": text, "price": f"{round(price, -2):,.0f}".replace(",", " "),
            "currency": "KZT", "category": category, "seller_id": seller, "seller_phone": phone,
            "ip": ip, "device_id": device, "image_hashes": ";".join(f"{h:016x}" for h in images),
        })  # fmt: skip
        self.labels[ad_id] = ring


def _kz_phone(rng: random.Random) -> str:
    prefix = rng.choice(["01", "02", "05", "07", "47", "71", "75", "77"])
    return (
        f"8 7{prefix} {rng.randrange(1000):03d} {rng.randrange(100):02d} {rng.randrange(100):02d}"
    )


def _foreign_phone(rng: random.Random) -> str:
    return f"{rng.choice(FOREIGN)}{rng.randrange(10**8, 10**9)}"


def _photo(rng: random.Random) -> int:
    return rng.getrandbits(64)


def _retouch(rng: random.Random, photo: int, bits: int) -> int:
    for bit in rng.sample(range(64), bits):
        photo ^= 1 << bit
    return photo


def _ip(rng: random.Random) -> str:
    return f"{rng.choice([2, 5, 37, 95, 178])}.{rng.randrange(256)}.{rng.randrange(256)}." \
           f"{rng.randrange(1, 255)}"  # fmt: skip


def _honest(market: _Market, count: int) -> None:
    rng = market.rng
    carrier_ips = [_ip(rng) for _ in range(5)]  # NAT addresses thousands share
    while len(market.rows) < count:
        category = rng.choice(list(ITEMS))
        kind = rng.random()
        seller, phone = market.seller(), _kz_phone(rng)
        device = f"{rng.getrandbits(64):016x}" if rng.random() < 0.6 else ""
        ip = rng.choice(carrier_ips) if rng.random() < 0.5 else _ip(rng)
        ads = rng.randint(40, 120) if kind < 0.01 else rng.randint(1, 4)  # a shop, or a person
        shop_photos = [_photo(rng) for _ in range(3)]
        for _ in range(ads):
            item, price = rng.choice(ITEMS[category])
            text = rng.choice(HONEST_TEXTS).format(item=item, n=rng.randint(1, 4))
            images = shop_photos if kind < 0.01 else [_photo(rng) for _ in range(rng.randint(0, 4))]
            if rng.random() < 0.04:
                images = [*images, rng.choice(STOCK)]
            factor = rng.lognormvariate(0, 0.2) * (0.55 if rng.random() < 0.04 else 1)
            market.ad(seller, category, item, price * factor, text, phone, ip, device, images)


def _ring(market: _Market, name: str, size: int) -> None:
    rng = market.rng
    category = rng.choice(list(ITEMS))
    careful = rng.random() < 0.35
    accounts = [market.seller() for _ in range(max(2, size // rng.randint(2, 5)))]
    phones = [_kz_phone(rng) if careful else _foreign_phone(rng)
              for _ in range(len(accounts) if careful else rng.randint(1, 3))]  # fmt: skip
    devices = [f"{rng.getrandbits(64):016x}" for _ in range(1 if not careful else len(accounts))]
    base = [_photo(rng) for _ in range(3)]
    scheme = rng.choice(SCHEMES)
    for n in range(size):
        account = accounts[n % len(accounts)]
        item, price = rng.choice(ITEMS[category])
        words = {k: rng.choice(v) for k, v in WORDS.items()}
        text = scheme.format(item=item, phone=_kz_phone(rng), **words)
        if rng.random() < 0.5:
            text = text.translate(LOOKALIKE)
        if rng.random() < 0.3:
            text = "🔥 " + text.upper()
        phone = phones[n % len(phones)] if not careful else phones[accounts.index(account)]
        device = devices[n % len(devices)] if not careful else devices[accounts.index(account)]
        images = [_retouch(rng, p, rng.randint(0, 5 if careful else 2))
                  for p in rng.sample(base, rng.randint(1, 3))]  # fmt: skip
        factor = rng.uniform(0.3, 0.55)
        market.ad(account, category, item, price * factor, text, phone, _ip(rng), device,
                  images, ring=name)  # fmt: skip


def generate_ads(out: Path, *, ads: int = 100_000, seed: int = 1) -> dict[str, int]:
    """Write ``ads.csv`` and ``labels.csv`` to ``out``; returns counts."""
    market = _Market(random.Random(seed))
    ring_ads = max(12, ads // 40)
    rings = 0
    while sum(1 for r in market.labels.values() if r) < ring_ads:
        rings += 1
        _ring(market, f"ring-{rings:03d}", market.rng.randint(3, 40))
    _honest(market, ads)
    market.rows.sort(key=lambda r: r["created_at"])
    out.mkdir(parents=True, exist_ok=True)
    with (out / "ads.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(market.rows[0]))
        writer.writeheader()
        writer.writerows(market.rows)
    with (out / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        labels = csv.writer(handle)
        labels.writerow(("ad_id", "ring"))
        labels.writerows(market.labels.items())
    planted = sum(1 for r in market.labels.values() if r)
    return {"ads": len(market.rows), "rings": rings, "ring_ads": planted}
