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
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy
from datasketch import MinHash, MinHashLSH

from cyberpol.kernel.detection import RuleResult, noisy_or
from cyberpol.monitoring.domain.ads import Ad, KnownBad, Ring, RingMember

NUM_PERM = 64
TEXT_THRESHOLD = 0.45  # estimated Jaccard of shingles for two texts to be the same text
PHOTO_BITS = 8  # perceptual hashes this close are the same photo, re-encoded or retouched
PHOTO_PROBES = 20  # bit-sampling probes: photos 4 bits apart meet in one 997 times in 1000
PHOTO_PROBE_BITS = 18
PHOTO_WINDOW = 24  # neighbours each photo is compared with in a probe's order
MAX_SELLERS_PER_VALUE = 8  # an IP, phone or device more sellers share is a crowd's
MAX_SELLERS_PER_IP = 4
MAX_SELLERS_PER_PHOTO = 12  # stock photos many honest sellers use link nobody
MAX_SELLERS_PER_SHINGLE = 25  # words and pairs more sellers write are the language's
LOW_PRICE = 0.6  # below this share of the same item's median price
GIVEAWAY = 0.05  # and below this share, given away
ROBBED = 1.3  # an ad sharing a ring's photos at this share of its prices is the one robbed
MIN_RING_ADS = 3
ESTABLISHED = 8  # ads of one seller that make it a shop or an agency, unless it looks a scam
MERGING = frozenset({"photo", "phone", "link"})
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
    # What counts as the language's grows with the market: at a million ads a ring's
    # wording is shared by more honest sellers than at twenty thousand.
    most = max(MAX_SELLERS_PER_SHINGLE, len({ad.seller_id for ad in ads}) // 2000)
    users: dict[bytes, set[str]] = defaultdict(set)
    for ad, shingles in zip(ads, sets, strict=True):
        for shingle in shingles:
            if len(users[shingle]) <= most:
                users[shingle].add(ad.seller_id)
    common = {g for g, who in users.items() if len(who) > most}
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

    Photos are compared only with their neighbours among photos keyed on the same bits at
    PHOTO_PROBES sets of PHOTO_PROBE_BITS positions (bit-sampling hashing): two photos a few
    bits apart agree on some set almost always, so every probe is a handful of numpy passes
    even at a million ads. A photo more sellers share than a ring has accounts is a stock
    picture's, and links nobody; so is a bucket too many sellers crowd.
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
        [seller_code.setdefault(ads[i].seller_id, len(seller_code)) for i in owner_list],
        dtype=numpy.int64,
    )
    most = _most_sellers_per_photo(len(seller_code))
    found_a: list[numpy.ndarray] = []
    found_b: list[numpy.ndarray] = []
    crowded = numpy.zeros(len(values), dtype=bool)
    for positions in _probes():
        keys = numpy.zeros(len(values), dtype=numpy.int64)
        for place, bit in enumerate(positions):
            keys |= ((values >> numpy.uint64(bit)) & numpy.uint64(1)).astype(numpy.int64) << place
        order = numpy.argsort(keys, kind="stable")
        key, value, seller = keys[order], values[order], sellers_of[order]
        crowded[order[_crowded(key, seller, 8 * most)]] = True
        for step in range(1, PHOTO_WINDOW + 1):
            near = numpy.flatnonzero(
                (key[step:] == key[:-step])
                & (seller[step:] != seller[:-step])
                & (numpy.bitwise_count(value[step:] ^ value[:-step]) <= PHOTO_BITS)
            )
            found_a.append(order[near])
            found_b.append(order[near + step])
    a, b = numpy.concatenate(found_a), numpy.concatenate(found_b)
    keep = ~(crowded[a] | crowded[b])
    a, b = a[keep], b[keep]
    # Sellers who posted each photo (by its exact hash) or one close to it.
    photo = numpy.concatenate((values[a], values[b], values[a], values[b]))
    who = numpy.concatenate((sellers_of[a], sellers_of[b], sellers_of[b], sellers_of[a]))
    pairs = numpy.unique(numpy.stack((photo.view(numpy.int64), who)), axis=1)
    photos, counts = numpy.unique(pairs[0], return_counts=True)
    shared_by = numpy.maximum(
        counts[numpy.searchsorted(photos, values[a].view(numpy.int64))],
        counts[numpy.searchsorted(photos, values[b].view(numpy.int64))],
    )
    # A photo few sellers share links two ads by itself. One a crowd shares (a stock
    # picture; a big ring's too) links them only with a second shared photo: a ring's
    # accounts post the same set of pictures, stock users one picture beside their own.
    ends = numpy.sort(numpy.stack((owners[a], owners[b])), axis=0)
    rare = shared_by <= most
    common = (shared_by <= 4 * most) & ~rare
    linked = numpy.unique(ends[:, rare], axis=1)
    twice, seen = numpy.unique(
        numpy.unique(numpy.stack((ends[0, common], ends[1, common], a[common])), axis=1)[:2],
        axis=1,
        return_counts=True,
    )
    linked = numpy.unique(numpy.concatenate((linked, twice[:, seen >= 2]), axis=1), axis=1)
    return [_Link(x, y, "photo") for x, y in zip(linked[0].tolist(), linked[1].tolist(),
                                                   strict=True)]  # fmt: skip


def _crowded(key: numpy.ndarray, seller: numpy.ndarray, limit: int) -> numpy.ndarray:
    """Positions (in the sorted order) of photos in buckets more than ``limit`` sellers
    share: one stock picture's re-encodings, too many to compare."""
    both = numpy.unique(numpy.stack((key, seller)), axis=1)
    keys, counts = numpy.unique(both[0], return_counts=True)
    full = keys[counts > limit]
    return numpy.flatnonzero(numpy.isin(key, full))


def _most_sellers_per_photo(sellers: int) -> int:
    """More sellers than this posting one photo make it a stock picture: a ring's accounts
    are a few dozen at most, and stock pictures spread with the market."""
    return max(MAX_SELLERS_PER_PHOTO, sellers // 2000)


def _probes() -> list[list[int]]:
    """The bit positions each probe keys on: fixed, so the same ads give the same links."""
    rng = numpy.random.default_rng(20261005)
    return [sorted(rng.choice(64, PHOTO_PROBE_BITS, replace=False).tolist())
            for _ in range(PHOTO_PROBES)]  # fmt: skip


def value_links(ads: Sequence[Ad]) -> list[_Link]:
    """Ads of different sellers that carry the same phone, device, link or a rare IP."""
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ad in enumerate(ads):
        values: set[tuple[str, str]] = {("phone", p) for p in ad.text_phones}
        values |= {("link", u) for u in _own_links(ad.text_links)}
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


_NUMBER_PATH = re.compile(r"https?://([^/]+)/\+?\d{4,}\S*")


def _own_links(links: Sequence[str]) -> set[str]:
    """The links an ad links by: a chat link to a number (``wa.me/7701...`` and its typos)
    is that number's, and its host alone says nothing of who wrote it."""
    hosts = {m.group(1) for u in links if (m := _NUMBER_PATH.fullmatch(u))}
    return {u for u in links if u not in hosts}


def reference_prices(ads: Sequence[Ad], linked: Collection[int] = ()) -> list[float | None]:
    """What each ad's item usually costs: the median of ads of the same category whose
    titles start with the same two words, else of the category. Ads in ``linked`` (sharing
    photos or phones with another seller's) set no price: a ring's dozens of ads would
    otherwise make its bargain the item's usual price."""
    by_item: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_category: dict[str, list[float]] = defaultdict(list)
    keys = []
    skip = set(linked)
    for i, ad in enumerate(ads):
        key = (ad.category, " ".join(fold_text(ad.title)[:2]))
        keys.append(key)
        if ad.price_kzt and ad.price_kzt > 1 and i not in skip:
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
    prices = reference_prices(
        ads, {end for link in links if link.kind in MERGING for end in (link.a, link.b)}
    )
    # Sellers whose phone or device another seller uses are one hand behind two accounts,
    # however many ads they post: never a shop to spare.
    shared = {ads[end].seller_id for link in links if link.kind in ("phone", "device")
              for end in (link.a, link.b)}  # fmt: skip
    suspect = set(_suspects(ads, prices, known, shared))
    groups = _group(ads, [k for k in links if k.a in suspect and k.b in suspect])
    members: dict[int, list[int]] = defaultdict(list)
    for i in suspect:
        members[groups.find(i)].append(i)
    members = {root: own for root, own in members.items() if len(own) > 1}
    _add_accounts_other_ads(ads, members, suspect, prices)
    _drop_robbed_ads(members, links, ads)
    where = {i: root for root, own in members.items() for i in own}
    kinds: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for link in links:
        root = where.get(link.a)
        if root is not None and where.get(link.b) == root:
            kinds[root][link.kind] += 1
    rings: list[Ring] = []
    for root, positions in members.items():
        positions.sort()
        ring = _judge(ads, positions, kinds[root], prices, known)
        if ring is not None:
            rings.append(ring)
    rings.sort(key=lambda r: (-r.score, r.ring))
    rows = [RingMember(ad_id, r.ring, r.score, r.reasons) for r in rings for ad_id in r.ads]
    return rings, rows


def _group(ads: Sequence[Ad], links: list[_Link]) -> _Groups:
    """Ads grouped by what makes a ring: first by the phones and links the accounts share
    (one hand behind them), then by photos. Photos do not join two groups that each have
    several accounts on their own phones: those are two rings that copied the same
    pictures (often from the same honest ad), not one. Texts (a scheme's wording is every
    copycat's), addresses (a household, a VPN) and devices (a family's tablet) back a link
    but make none."""
    groups = _Groups(len(ads))
    for link in links:
        if link.kind in ("phone", "link"):
            groups.join(link.a, link.b)
    accounts: dict[int, set[str]] = defaultdict(set)
    for link in links:
        if link.kind in ("phone", "link"):
            accounts[groups.find(link.a)].update((ads[link.a].seller_id, ads[link.b].seller_id))
    several = {root for root, who in accounts.items() if len(who) > 1}
    weight: dict[tuple[int, int], int] = defaultdict(int)
    for link in links:
        if link.kind == "photo":
            a, b = sorted((groups.find(link.a), groups.find(link.b)))
            if a != b:
                weight[a, b] += 1
    # The strongest photo ties first, so a careful account joins the ring it shares most
    # photos with before a stray copied picture could join it to another.
    for (a, b), _count in sorted(weight.items(), key=lambda item: -item[1]):
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or (ra in several and rb in several):
            continue
        groups.join(ra, rb)
        if ra in several or rb in several:
            several.add(groups.find(ra))
    return groups


def _cheap(ads: Sequence[Ad], positions: Iterable[int], prices: list[float | None]) -> bool:
    """Most of the group's priced ads ask far below the item's price."""
    return _low_share(_priced(ads, positions, prices)) >= 0.5


def _fair(ad: Ad, usual: float | None) -> bool:
    """Asks the item's price, or gives it away: no bargain either way."""
    return bool(ad.price_kzt is not None and usual
                and not GIVEAWAY * usual < ad.price_kzt < LOW_PRICE * usual)  # fmt: skip


def _add_accounts_other_ads(ads: Sequence[Ad], members: dict[int, list[int]],
                            suspect: set[int], prices: list[float | None]) -> None:  # fmt: skip
    """Give each group the other ads its accounts posted in the group's categories, though
    nothing links them: a careful ring writes each ad afresh, with new photos, from the
    account that posted the linked ones. Other categories stay out, as do fair prices in a
    cheap group: the own ads of an honest account a ring took over."""
    by_seller: dict[str, list[int]] = defaultdict(list)
    for i, ad in enumerate(ads):
        by_seller[ad.seller_id].append(i)
    taken = {i for positions in members.values() for i in positions}
    for positions in list(members.values()):
        categories = {ads[i].category for i in positions}
        cheap = _cheap(ads, positions, prices)
        for seller in {ads[i].seller_id for i in positions}:
            for i in by_seller[seller]:
                if (i not in taken and i in suspect and ads[i].category in categories
                        and not (cheap and _fair(ads[i], prices[i]))):  # fmt: skip
                    positions.append(i)
                    taken.add(i)


def _drop_robbed_ads(members: dict[int, list[int]], links: list[_Link],
                     ads: Sequence[Ad]) -> None:  # fmt: skip
    """Take out of a group the ads it holds by photos alone that ask far more than the
    group (or give the thing away): the honest ads whose photos the ring copied."""
    where = {i: root for root, own in members.items() for i in own}
    kinds: dict[int, set[str]] = defaultdict(set)
    for link in links:
        if where.get(link.a) is not None and where.get(link.a) == where.get(link.b):
            kinds[link.a].add(link.kind)
            kinds[link.b].add(link.kind)
    for root, positions in members.items():
        asked = [price for i in positions if (price := ads[i].price_kzt)]
        if len(asked) < 2 * MIN_RING_ADS:
            continue  # too few prices to tell the ring's from another's
        usual = statistics.median(asked)
        by_seller: dict[str, list[int]] = defaultdict(list)
        for i in positions:
            by_seller[ads[i].seller_id].append(i)
        robbed = {
            i for own in by_seller.values()
            if len(own) <= 2  # an ad and its repost
            and all(kinds[i] <= {"photo", "text"} and _apart(ads[i].price_kzt, usual)
                    for i in own)
            for i in own
        }  # fmt: skip
        members[root] = [i for i in positions if i not in robbed]


def _apart(price: float | None, usual: float) -> bool:
    return price is not None and not GIVEAWAY * usual < price < ROBBED * usual


def _suspects(ads: Sequence[Ad], prices: list[float | None], known: KnownBad,
              shared: set[str]) -> list[int]:  # fmt: skip
    """The ads that may be a ring's: every ad but those of established sellers (a shop or
    an agency: many ads, none below the item's price, no foreign or known phone, no phone
    or device another account uses). A shop whose photos two rings stole would otherwise
    join both rings into one."""
    by_seller: dict[str, list[int]] = defaultdict(list)
    for i, ad in enumerate(ads):
        by_seller[ad.seller_id].append(i)
    kept: list[int] = []
    for seller, own in by_seller.items():
        if (len(own) < ESTABLISHED or seller in shared
                or _scam_signs(ads, own, prices, known)):  # fmt: skip
            kept += own
    return kept


def _scam_signs(ads: Sequence[Ad], own: list[int], prices: list[float | None],
                known: KnownBad) -> bool:  # fmt: skip
    # A foreign phone alone does not make a seller of many ads a suspect: Uzbek, Kyrgyz and
    # Russian numbers are a fair share of honest traders. A ring's accounts share phones.
    return _low_share(_priced(ads, own, prices)) >= 1 / 3 or any(_known(ads[i], known) for i in own)


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
        # A price of a few tenge is a giveaway (a kitten for free), not a bargain.
        if price is not None and usual and price > GIVEAWAY * usual:
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
    strong = {k for k in kinds if k in MERGING}
    signs = (
        low >= 0.3 or foreign >= 0.2 or kinds.get("photo", 0) >= 3
        or len(strong | ({"text"} & kinds.keys())) >= 2
    )  # fmt: skip
    if not bad and low < 0.5 and not (strong and signs):
        # Texts alone (a scheme's wording, a maker's blurb), one tablet in a family, a
        # relative's number abroad, a cheap sale, a number two relatives share: not a ring.
        return None
    score = round(noisy_or(r.weight for r in reasons), 4)
    if score < FLAG_AT:
        return None
    phones_seen = tuple(sorted({p for p in phones if p}))
    first = ads[positions[0]]
    return Ring(f"RING-{first.ad_id}", score, sellers, first.platform,
                tuple(ads[i].ad_id for i in positions), tuple(reasons), phones_seen,
                tuple(ads[i].platform for i in positions))  # fmt: skip


def flatten(rows: Iterable[RingMember]) -> list[tuple[str, str, float, str]]:
    """(ad_id, ring, score, reasons) rows, as the CSV output writes them."""
    return [(r.ad_id, r.ring, r.score, ";".join(x.code for x in r.reasons)) for r in rows]
