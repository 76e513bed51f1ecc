"""Scam rings among marketplace ads: one organiser behind several seller accounts.

Ads are linked when different sellers post
- near-duplicate texts (MinHash LSH over word shingles, after folding look-alike letters
  and dropping digits, so a reworded text with new phone numbers still matches),
- the same photos (64-bit perceptual hashes within a few bits, found through 16-bit bands),
- the same phone (as the seller's or written in the text), device, link, or an IP few
  sellers share (a carrier's NAT address, shared by hundreds, links nobody).
Linked ads form groups; a group is a ring when it also carries what scams carry: prices far
below the same item's, foreign phones, phones or links the registry already holds. So a
household on one IP, an agency's agents with one set of photos or sellers pasting the
maker's blurb are linked but not accused.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy
from datasketch import MinHash, MinHashLSH

from cyberpol.kernel.detection import RuleResult, noisy_or
from cyberpol.monitoring.domain.ads import Ad, KnownBad, Ring, RingMember

NUM_PERM = 64
TEXT_THRESHOLD = 0.45  # estimated Jaccard of shingles for two texts to be the same text
PHOTO_BITS = 8  # perceptual hashes this close are the same photo, re-encoded or retouched
MAX_SELLERS_PER_VALUE = 8  # an IP, phone or device more sellers share is a crowd's
MAX_SELLERS_PER_IP = 4
MAX_SELLERS_PER_PHOTO = 12  # stock photos many honest sellers use link nobody
MAX_SELLERS_PER_SHINGLE = 25  # words and pairs more sellers write are the language's
LOW_PRICE = 0.6  # below this share of the same item's median price
MIN_RING_ADS = 3
ESTABLISHED = 8  # ads of one seller that make it a shop or an agency, unless it looks a scam
MERGING = frozenset({"photo", "phone", "device", "link"})
FLAG_AT = 0.5
# What each kind of link says on its own, once present between sellers' ads.
W_LINK = {"text": 0.2, "photo": 0.5, "phone": 0.5, "device": 0.25, "link": 0.5, "ip": 0.1}
W_LOW_PRICE = 0.75
W_FOREIGN = 0.5
W_KNOWN_BAD = 0.9
# Latin and Cyrillic letters that look alike, folded to one, so "хаcки" with a Latin c and
# "хаски" are one word.
_FOLD = str.maketrans("аеорсхукмтнвёіАЕОРСХУКМТНВЁІ", "aeopcxykmthbeiAEOPCXYKMTHBEI")
_NOT_WORD = re.compile(r"[^\w]+|[\d_]+")


def fold_text(text: str) -> list[str]:
    """Words of ``text`` as ring detection compares them: lower case, look-alike letters
    folded, digits and punctuation (prices, phones, emoji) dropped."""
    return [w for w in _NOT_WORD.split(text.translate(_FOLD).lower()) if len(w) > 1]


def _shingles(ad: Ad) -> set[bytes]:
    words = fold_text(f"{ad.title} {ad.text}")
    grams = set(words) | {f"{a} {b}" for a, b in pairwise(words)}
    return {g.encode() for g in grams}


class _Groups:
    """Union-find over ad positions, remembering which kinds of link joined them."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


@dataclass(frozen=True, slots=True)
class _Link:
    a: int
    b: int
    kind: str


def text_links(ads: Sequence[Ad]) -> list[_Link]:
    """Pairs of different sellers' ads whose texts are near-duplicates, on the words few
    sellers use: "продаю в связи с переездом" is everyone's, a ring's script is its own."""
    sets = [_shingles(ad) for ad in ads]
    users: dict[bytes, set[str]] = defaultdict(set)
    for ad, shingles in zip(ads, sets, strict=True):
        for shingle in shingles:
            if len(users[shingle]) <= MAX_SELLERS_PER_SHINGLE:
                users[shingle].add(ad.seller_id)
    common = {g for g, who in users.items() if len(who) > MAX_SELLERS_PER_SHINGLE}
    sets = [shingles - common for shingles in sets]
    hashes = MinHash.bulk(list(sets), num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=TEXT_THRESHOLD, num_perm=NUM_PERM)
    links: list[_Link] = []
    for i, minhash in enumerate(hashes):
        if not sets[i]:
            continue
        for j in lsh.query(minhash):
            if (
                ads[j].seller_id != ads[i].seller_id
                and hashes[j].jaccard(minhash) >= TEXT_THRESHOLD
            ):
                links.append(_Link(j, i, "text"))
        lsh.insert(i, minhash)
    return links


def photo_links(ads: Sequence[Ad]) -> list[_Link]:
    """Pairs of different sellers' ads sharing a photo (within PHOTO_BITS bits).

    Two photos that close agree on at least one of their four 16-bit quarters whenever they
    differ in three bits or fewer, and most often when they differ in more; so photos are
    compared only within a quarter's bucket, each bucket at once with numpy. A bucket
    crowded with sellers is a stock picture's, and links nobody.
    """
    owner_list: list[int] = []
    hash_list: list[int] = []
    for i, ad in enumerate(ads):
        for image in ad.images:
            owner_list.append(i)
            hash_list.append(image)
    if not hash_list:
        return []
    owners = numpy.array(owner_list, dtype=numpy.int64)
    values = numpy.array(hash_list, dtype=numpy.uint64)
    seller_code: dict[str, int] = {}
    sellers_of = numpy.array(
        [seller_code.setdefault(ads[i].seller_id, len(seller_code)) for i in owner_list]
    )
    pairs: set[tuple[int, int]] = set()  # positions in hash_list of photos this close
    crowded: set[int] = set()  # photos in a bucket too many sellers share: stock pictures
    for band in range(4):
        keys = (values >> numpy.uint64(16 * band)) & numpy.uint64(0xFFFF)
        order = numpy.argsort(keys, kind="stable")
        cuts = numpy.flatnonzero(numpy.diff(keys[order])) + 1
        for members in numpy.split(order, cuts):
            if len(members) < 2:
                continue
            if len(set(sellers_of[members].tolist())) > 2 * MAX_SELLERS_PER_PHOTO:
                crowded.update(hash_list[m] for m in members.tolist())
                continue
            found = members[_close(values[members])]
            pairs.update(zip(found[:, 0].tolist(), found[:, 1].tolist(), strict=True))
    # A photo many sellers post (a stock picture, a maker's image) links nobody.
    sellers: dict[int, set[int]] = defaultdict(set)  # by the photo's hash, wherever posted
    for x, y in pairs:
        both = (int(sellers_of[x]), int(sellers_of[y]))
        sellers[hash_list[x]].update(both)
        sellers[hash_list[y]].update(both)
    links = {
        (min(owners[x], owners[y]), max(owners[x], owners[y])) for x, y in pairs
        if sellers_of[x] != sellers_of[y]
        and hash_list[x] not in crowded and hash_list[y] not in crowded
        and len(sellers[hash_list[x]]) <= MAX_SELLERS_PER_PHOTO
        and len(sellers[hash_list[y]]) <= MAX_SELLERS_PER_PHOTO
    }  # fmt: skip
    return [_Link(int(a), int(b), "photo") for a, b in links]


_BITS = numpy.array([bin(n).count("1") for n in range(256)], dtype=numpy.uint8)


def _close(photos: numpy.ndarray) -> numpy.ndarray:
    """Index pairs (i < j) of photos within PHOTO_BITS bits of each other."""
    differ = photos[:, None] ^ photos[None, :]
    bits = _BITS[differ.view(numpy.uint8)].reshape(len(photos), len(photos), 8).sum(axis=2)
    return numpy.argwhere(numpy.triu(bits <= PHOTO_BITS, k=1))


def value_links(ads: Sequence[Ad]) -> list[_Link]:
    """Ads of different sellers that carry the same phone, device, link or a rare IP."""
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ad in enumerate(ads):
        values: set[tuple[str, str]] = {("phone", p) for p in ad.text_phones}
        values |= {("link", u) for u in ad.text_links}
        if ad.phone:
            values.add(("phone", ad.phone))
        if ad.device_id and ad.device_id.strip("0-"):
            values.add(("device", ad.device_id.lower()))
        if ad.ip:
            values.add(("ip", ad.ip))
        for value in values:
            holders[value].append(i)
    links: list[_Link] = []
    for (kind, _value), members in holders.items():
        sellers = {ads[i].seller_id for i in members}
        cap = MAX_SELLERS_PER_IP if kind == "ip" else MAX_SELLERS_PER_VALUE
        if not 2 <= len(sellers) <= cap:
            continue
        first = members[0]
        links += [_Link(first, i, kind) for i in members[1:]]
    return links


def reference_prices(ads: Sequence[Ad]) -> list[float | None]:
    """What each ad's item usually costs: the median of ads of the same category whose
    titles start with the same two words, else of the category."""
    by_item: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_category: dict[str, list[float]] = defaultdict(list)
    keys = []
    for ad in ads:
        key = (ad.category, " ".join(fold_text(ad.title)[:2]))
        keys.append(key)
        if ad.price_kzt and ad.price_kzt > 1:
            by_item[key].append(ad.price_kzt)
            by_category[ad.category].append(ad.price_kzt)
    item_median = {k: statistics.median(v) for k, v in by_item.items() if len(v) >= 5}
    category_median = {k: statistics.median(v) for k, v in by_category.items() if v}
    return [item_median.get(key) or category_median.get(ad.category)
            for ad, key in zip(ads, keys, strict=True)]  # fmt: skip


def is_foreign(phone: str | None) -> bool:
    """Not a Kazakh mobile or city number (+7 7xx): Russia's +7 9xx is foreign here."""
    return bool(phone) and not (phone or "").startswith(("+77", "+71"))


def find_rings(
    ads: Sequence[Ad], known: KnownBad = KnownBad()
) -> tuple[list[Ring], list[RingMember]]:
    """Rings among ``ads``, strongest first, and one row per ad in a ring."""
    links = text_links(ads) + photo_links(ads) + value_links(ads)
    prices = reference_prices(ads)
    suspect = set(_suspects(ads, prices, known))
    groups = _Groups(len(ads))
    for link in links:
        # Only suspects are grouped, so a shop whose photos two rings stole joins neither.
        # Texts (a scheme's wording is every copycat's) and addresses (a household, a VPN)
        # back a link; photos, phones, devices and links make one.
        if link.kind in MERGING and link.a in suspect and link.b in suspect:
            groups.join(link.a, link.b)
    links = [k for k in links if groups.find(k.a) == groups.find(k.b)]
    kinds: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for link in links:
        kinds[groups.find(link.a)][link.kind] += 1
    members: dict[int, list[int]] = defaultdict(list)
    for i in suspect:
        root = groups.find(i)
        if root in kinds:
            members[root].append(i)
    rings: list[Ring] = []
    for root, positions in members.items():
        positions.sort()
        ring = _judge(ads, positions, kinds[root], prices, known)
        if ring is not None:
            rings.append(ring)
    rings.sort(key=lambda r: (-r.score, r.ring))
    rows = [RingMember(ad_id, r.ring, r.score, r.reasons) for r in rings for ad_id in r.ads]
    return rings, rows


def _suspects(ads: Sequence[Ad], prices: list[float | None], known: KnownBad) -> list[int]:
    """The ads that may be a ring's: every ad but those of established sellers (a shop or
    an agency: many ads, none below the item's price, no foreign or known phone). A shop
    whose photos two rings stole would otherwise join both rings into one."""
    by_seller: dict[str, list[int]] = defaultdict(list)
    for i, ad in enumerate(ads):
        by_seller[ad.seller_id].append(i)
    kept: list[int] = []
    for own in by_seller.values():
        if len(own) < ESTABLISHED or _scam_signs(ads, own, prices, known):
            kept += own
    return kept


def _scam_signs(ads: Sequence[Ad], own: list[int], prices: list[float | None],
                known: KnownBad) -> bool:  # fmt: skip
    return (
        _low_share(_priced(ads, own, prices)) >= 1 / 3
        or any(is_foreign(ads[i].phone) for i in own)
        or any(_known(ads[i], known) for i in own)
    )


def _known(ad: Ad, known: KnownBad) -> bool:
    return bool(
        (ad.phone and ad.phone in known.phones)
        or known.phones.intersection(ad.text_phones)
        or known.links.intersection(ad.text_links)
    )


def _priced(ads: Sequence[Ad], positions: Iterable[int],
            prices: list[float | None]) -> list[tuple[float, float]]:  # fmt: skip
    """(price, the item's usual price) of the ads that have both."""
    out: list[tuple[float, float]] = []
    for i in positions:
        price, usual = ads[i].price_kzt, prices[i]
        if price is not None and price > 1 and usual:
            out.append((price, usual))
    return out


def _low_share(priced: list[tuple[float, float]]) -> float:
    return sum(p < LOW_PRICE * r for p, r in priced) / len(priced) if priced else 0.0


def _judge(ads: Sequence[Ad], positions: list[int], kinds: dict[str, int],
           prices: list[float | None], known: KnownBad) -> Ring | None:  # fmt: skip
    """The group as a ring, with its reasons; None when it is not one."""
    sellers = tuple(sorted({ads[i].seller_id for i in positions}))
    if len(sellers) < 2 or len(positions) < MIN_RING_ADS:
        return None
    reasons = [RuleResult(f"same_{kind}", float(count), W_LINK[kind])
               for kind, count in sorted(kinds.items())]  # fmt: skip
    low = _low_share(_priced(ads, positions, prices))
    if low >= 0.3:
        reasons.append(RuleResult("price_far_below", round(low, 2), W_LOW_PRICE * low))
    phones = [ads[i].phone for i in positions if ads[i].phone]
    foreign = sum(is_foreign(p) for p in phones) / len(phones) if phones else 0.0
    if foreign >= 0.2:
        reasons.append(RuleResult("foreign_phone", round(foreign, 2), W_FOREIGN * foreign))
    bad = sum(_known(ads[i], known) for i in positions)
    if bad:
        reasons.append(RuleResult("known_bad", float(bad), W_KNOWN_BAD))
    strong = {k for k in kinds if k in ("photo", "phone", "link")}
    if not strong and not bad and low < 0.5:
        # Texts alone (a scheme's wording, a maker's blurb), one tablet in a family, a
        # relative's number abroad, a cheap sale: not a ring.
        return None
    score = round(noisy_or(r.weight for r in reasons), 4)
    if score < FLAG_AT:
        return None
    phones_seen = tuple(sorted({p for p in phones if p}))
    first = ads[positions[0]]
    return Ring(f"RING-{first.ad_id}", score, sellers, first.platform,
                tuple(ads[i].ad_id for i in positions), tuple(reasons), phones_seen)  # fmt: skip


def flatten(rows: Iterable[RingMember]) -> list[tuple[str, str, float, str]]:
    """(ad_id, ring, score, reasons) rows, as the CSV output writes them."""
    return [(r.ad_id, r.ring, r.score, ";".join(x.code for x in r.reasons)) for r in rows]
