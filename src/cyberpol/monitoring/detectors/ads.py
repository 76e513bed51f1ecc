"""Scam rings among marketplace ads: one organiser behind several seller accounts.

Ads are linked (``ad_links``) when different sellers post near-duplicate texts, the same
photos, phones, devices, links or a rare IP. Linked ads form groups; a group is a ring when
it also carries what scams carry: prices far below the same item's, foreign phones, phones
or links the registry already holds. So a household on one IP, an agency's agents with one
set of photos or sellers pasting the maker's blurb are linked but not accused.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from cyberpol.kernel.detection import RuleResult, noisy_or
from cyberpol.monitoring.detectors.ad_links import (
    Link,
    fold_text,
    photo_links,
    text_links,
    value_links,
)
from cyberpol.monitoring.domain.ads import Ad, KnownBad, Ring, RingMember

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
    links = photo_links(ads) + value_links(ads)
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
    # Texts back links within the groups only: they join nobody, so only there they count.
    links += text_links(ads, among={i for own in members.values() for i in own})
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


def _group(ads: Sequence[Ad], links: list[Link]) -> _Groups:
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
    # A seller of many ads joins nobody by photos: rings copy a shop's pictures, and one
    # shop robbed by seven rings would make them one. Its own phones still count.
    posted = Counter(ad.seller_id for ad in ads)
    weight: dict[tuple[int, int], int] = defaultdict(int)
    for link in links:
        if (link.kind == "photo" and posted[ads[link.a].seller_id] < ESTABLISHED
                and posted[ads[link.b].seller_id] < ESTABLISHED):  # fmt: skip
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
        root = groups.find(ra)
        accounts[root] = (accounts.pop(ra, set()) | accounts.pop(rb, set())
                          | {ads[a].seller_id, ads[b].seller_id})  # fmt: skip
        if len(accounts[root]) > 1:
            several.add(root)
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


def _drop_robbed_ads(members: dict[int, list[int]], links: list[Link],
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


def ring_quality(labels: Mapping[str, str | None], found: Mapping[str, str]) -> tuple[float, float]:
    """Recall of the labelled ring ads (``labels``: ad id -> ring or None) among ``found``
    (ad id -> ring found), and pairwise precision: of the pairs of ads put in one ring, the
    share that are one labelled ring."""
    truth = {ad for ad, ring in labels.items() if ring}
    members: dict[str, list[str]] = defaultdict(list)
    for ad, ring in found.items():
        members[ring].append(ad)
    right = wrong = 0
    for ads in members.values():
        counts = Counter(labels.get(ad) for ad in ads)
        same = sum(n * (n - 1) // 2 for label, n in counts.items() if label)
        right, wrong = right + same, wrong + len(ads) * (len(ads) - 1) // 2 - same
    recall = len(truth & found.keys()) / len(truth) if truth else 1.0
    return recall, right / (right + wrong) if right + wrong else 1.0
