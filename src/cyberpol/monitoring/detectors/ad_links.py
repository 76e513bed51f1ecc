"""Links between marketplace ads of different sellers, the evidence rings are built from:
near-duplicate texts (MinHash LSH over word shingles, after folding look-alike letters and
dropping digits, so a reworded text with new phone numbers still matches), the same photos
(64-bit perceptual hashes a few bits apart, found by bit-sampling), and the same phone (the
seller's or written in the text), device, link, or an IP few sellers share (a carrier's NAT
address, shared by hundreds, links nobody)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy
from datasketch import MinHash, MinHashLSH

from cyberpol.monitoring.domain.ads import Ad

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


@dataclass(frozen=True, slots=True)
class Link:
    a: int
    b: int
    kind: str


def text_links(ads: Sequence[Ad], among: Collection[int] | None = None) -> list[Link]:
    """Pairs of different sellers' ads whose texts are near-duplicates, on the words few
    sellers use: "продаю в связи с переездом" is everyone's, a ring's script is its own.
    With ``among``, only pairs of those ads are compared (the words still counted over all):
    a market's templated honest texts would make hundreds of millions of pairs."""
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
    chosen = range(len(ads)) if among is None else sorted(among)
    kept = [(i, sets[i] - common) for i in chosen]
    kept = [(i, shingles) for i, shingles in kept if shingles]
    hashes = MinHash.bulk([shingles for _i, shingles in kept], num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=TEXT_THRESHOLD, num_perm=NUM_PERM)
    links: list[Link] = []
    for n, ((i, _words), minhash) in enumerate(zip(kept, hashes, strict=True)):
        for m in lsh.query(minhash):
            j = kept[m][0]
            if (
                ads[j].seller_id != ads[i].seller_id
                and hashes[m].jaccard(minhash) >= TEXT_THRESHOLD
            ):
                links.append(Link(j, i, "text"))
        lsh.insert(n, minhash)
    return links


def photo_links(ads: Sequence[Ad]) -> list[Link]:
    """Pairs of different sellers' ads sharing a photo (within PHOTO_BITS bits).

    Photos are compared only with their neighbours among photos keyed on the same bits at
    PHOTO_PROBES sets of PHOTO_PROBE_BITS positions (bit-sampling hashing): two photos a few
    bits apart agree on some set almost always, so every probe is a handful of numpy passes
    even at a million ads. A photo more sellers share than a ring has accounts is a stock
    picture's: it links two ads only beside a second shared photo, and a crowd's not at all.
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
    # The most sellers in a bucket each photo fell in: a stock picture's re-encodings fill
    # their buckets in most probes, while the window below sees only a few of them.
    crowd = numpy.zeros(len(values), dtype=numpy.int64)
    for positions in _probes():
        keys = numpy.zeros(len(values), dtype=numpy.int64)
        for place, bit in enumerate(positions):
            keys |= ((values >> numpy.uint64(bit)) & numpy.uint64(1)).astype(numpy.int64) << place
        order = numpy.argsort(keys, kind="stable")
        key, value, seller = keys[order], values[order], sellers_of[order]
        crowd[order] = numpy.maximum(crowd[order], _bucket_sellers(key, seller, most))
        for step in range(1, PHOTO_WINDOW + 1):
            near = numpy.flatnonzero(
                (key[step:] == key[:-step])
                & (seller[step:] != seller[:-step])
                & (numpy.bitwise_count(value[step:] ^ value[:-step]) <= PHOTO_BITS)
            )
            found_a.append(order[near])
            found_b.append(order[near + step])
    a, b = numpy.concatenate(found_a), numpy.concatenate(found_b)
    keep = numpy.maximum(crowd[a], crowd[b]) <= 4 * most  # a crowd's picture links nobody
    a, b = a[keep], b[keep]
    # Sellers who posted each photo (by its exact hash) or one close to it.
    photo = numpy.concatenate((values[a], values[b], values[a], values[b]))
    who = numpy.concatenate((sellers_of[a], sellers_of[b], sellers_of[b], sellers_of[a]))
    pairs = numpy.unique(numpy.stack((photo.view(numpy.int64), who)), axis=1)
    photos, counts = numpy.unique(pairs[0], return_counts=True)
    shared_by = numpy.maximum.reduce([
        counts[numpy.searchsorted(photos, values[a].view(numpy.int64))],
        counts[numpy.searchsorted(photos, values[b].view(numpy.int64))],
        crowd[a], crowd[b],
    ])  # fmt: skip
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
    return [Link(x, y, "photo") for x, y in zip(linked[0].tolist(), linked[1].tolist(),
                                                   strict=True)]  # fmt: skip


def _bucket_sellers(key: numpy.ndarray, seller: numpy.ndarray, most: int) -> numpy.ndarray:
    """For each photo (in the sorted order), how many sellers posted into its bucket; for
    buckets of at most ``most`` photos, their size (the same verdict, without the count)."""
    starts = numpy.concatenate(([0], numpy.flatnonzero(numpy.diff(key)) + 1))
    sizes = numpy.diff(numpy.concatenate((starts, [len(key)])))
    found: numpy.ndarray = numpy.repeat(sizes, sizes)
    big = numpy.flatnonzero(found > most)
    if len(big):
        both = numpy.unique((key[big] << 40) | seller[big])  # keys < 24 bits, sellers < 40
        keys, counts = numpy.unique(both >> 40, return_counts=True)
        found[big] = counts[numpy.searchsorted(keys, key[big])]
    return found


def _most_sellers_per_photo(sellers: int) -> int:
    """More sellers than this posting one photo make it a stock picture: a ring's accounts
    are a few dozen at most, and stock pictures spread with the market."""
    return max(MAX_SELLERS_PER_PHOTO, sellers // 2000)


def _probes() -> list[list[int]]:
    """The bit positions each probe keys on: fixed, so the same ads give the same links."""
    rng = numpy.random.default_rng(20261005)
    return [sorted(rng.choice(64, PHOTO_PROBE_BITS, replace=False).tolist())
            for _ in range(PHOTO_PROBES)]  # fmt: skip


def value_links(ads: Sequence[Ad]) -> list[Link]:
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
    links: list[Link] = []
    for (kind, _value), members in holders.items():
        sellers = {ads[i].seller_id for i in members}
        cap = MAX_SELLERS_PER_IP if kind == "ip" else MAX_SELLERS_PER_VALUE
        if not 2 <= len(sellers) <= cap:
            continue
        first = members[0]
        links += [Link(first, i, kind) for i in members[1:]]
    return links


_NUMBER_PATH = re.compile(r"https?://([^/]+)/\+?\d{4,}\S*")


def _own_links(links: Sequence[str]) -> set[str]:
    """The links an ad links by: a chat link to a number (``wa.me/7701...`` and its typos)
    is that number's, and its host alone says nothing of who wrote it."""
    hosts = {m.group(1) for u in links if (m := _NUMBER_PATH.fullmatch(u))}
    return {u for u in links if u not in hosts}
