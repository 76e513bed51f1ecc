"""Does a domain pass itself off as a protected brand's? Typos, bit flips, homoglyphs,
combosquats, the brand on another TLD or in a subdomain, and the path of a URL.

The brands' permutations (dnstwist's fuzzers) are made once, so a typo is a dictionary
look-up; edit distances are computed by rapidfuzz in C; homoglyphs are found by folding a
name to its *skeleton* (Unicode's confusables, accents stripped, then the ASCII look-alikes
``0 1 5 rn nn vv cl``) and comparing skeletons, so every homoglyph of a protected name is caught
whether it arrives as Unicode or as punycode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import dnstwist
import idna
import numpy
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist, extractOne

from cyberpol.kernel.detection import RuleResult, noisy_or
from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.normalize.web import (
    normalize_host,
    normalize_url,
    refang,
    registrable_domain,
    url_host,
)
from cyberpol.monitoring.detectors.lures import CARD_PATH, CHEAP_TLDS, LOGIN_PATH, LURE_WORDS
from cyberpol.monitoring.detectors.skeleton import (
    ANY_ASCII_LOOKALIKE,
    scripts,
    skeleton,
)
from cyberpol.monitoring.domain.brands import BrandList, LookalikeScore

FLAG_AT = 0.5

# Weights of the rules; a domain is flagged at FLAG_AT on the noisy-or of those that fired.
W_HOMOGLYPH = 0.97
W_TYPO = 0.9
W_EDIT_1 = 0.85
W_EDIT_2 = 0.7
W_OTHER_TLD = 0.9
W_OTHER_TLD_SHORT = 0.45  # olx.com, bcc.com: a short label has owners everywhere
W_COMBO = 0.9
W_COMMON_COMBO = 0.8
W_BRAND_WORD = 0.55
W_COMMON_WORD = 0.2
W_SUBDOMAIN = 0.85
W_CHEAP_TLD = 0.35
W_PATH = 0.3
W_MIXED = 0.5
MIN_TYPO_LENGTH = 5  # one letter off a three-letter name is half the internet
# dnstwist's homoglyph fuzzer is left out: skeletons cover it, its c/e, m/n and u/v swaps
# make ordinary words, and two levels of swaps make thousands of names per brand.
_FUZZERS = (
    "addition", "bitsquatting", "hyphenation", "insertion", "omission", "repetition",
    "replacement", "transposition", "vowel-swap", "plural",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    brand_domain: str  # the real domain it stands for
    common: bool


@dataclass(frozen=True, slots=True)
class _Hit:
    brand: str
    rules: tuple[RuleResult, ...]


class LookalikeScorer:
    """Scores domains (or URLs) against a list of protected brands; build once, reuse."""

    def __init__(self, brands: BrandList) -> None:
        self._protected: frozenset[str] = frozenset(d for b in brands.brands for d in b.domains)
        words: dict[str, _Word] = {}
        labels: dict[str, str] = {}  # a real domain's own label -> that domain
        common: set[str] = set()
        for brand in brands.brands:
            common.update(brand.common)
            for domain in brand.domains:
                label = domain.split(".", 1)[0]
                labels.setdefault(label, domain)
                words.setdefault(label, _Word(label, domain, label in brand.common))
            for name in brand.names:
                words.setdefault(name, _Word(name, brand.domains[0], common=False))
            for name in brand.common:
                words[name] = _Word(name, brand.domains[0], common=True)
        self._words = words
        self._labels = labels
        self._common_labels = frozenset(x for x in labels if x in common)
        self._skeleton_words = {skeleton(w): word for w, word in words.items()}
        self._typos = self._permutations(labels)
        self._long_labels = [x for x in labels if len(x) >= MIN_TYPO_LENGTH]
        self._long_shapes = [skeleton(x) for x in self._long_labels]
        self._fillers = LURE_WORDS | frozenset(words)
        self._any_word = _alternation(words)
        self._any_skeleton_word = _alternation(self._skeleton_words)

    def _permutations(self, labels: dict[str, str]) -> dict[str, tuple[str, str]]:
        typos: dict[str, tuple[str, str]] = {}
        for label, domain in labels.items():
            if len(label) < MIN_TYPO_LENGTH:
                continue
            fuzzer = dnstwist.Fuzzer(f"{label}.kz")
            for fuzz in _FUZZERS:
                method = getattr(fuzzer, "_" + fuzz.replace("-", "_"))
                for variant in method():
                    if variant not in labels and variant not in self._words and variant.isascii():
                        typos.setdefault(variant, (domain, fuzz.replace("-", "_")))
        return typos

    @property
    def protected(self) -> frozenset[str]:
        return self._protected

    def is_protected(self, host: str) -> bool:
        """``host`` is a protected domain or under one."""
        if host in self._protected:
            return True
        dot = host.find(".")
        while dot != -1:
            if host[dot + 1 :] in self._protected:
                return True
            dot = host.find(".", dot + 1)
        return False

    def score_batch(self, raws: Sequence[str]) -> list[LookalikeScore | None]:
        """Score many names at once (None where a name is no domain or URL).

        Most names in a feed imitate nobody; they are cleared together (edit distances to
        every brand in one rapidfuzz call, then a look-up and a search each) and only the
        rest go through ``score``.
        """
        parsed: list[tuple[str, str] | None] = []
        for raw in raws:
            try:
                host = normalize_host(raw) if "/" not in raw and ":" not in raw else None
                parsed.append((host, registrable_domain(host)) if host else None)
            except InvalidIndicator:
                parsed.append(None)
        labels = [p[1].partition(".")[0] if p else "" for p in parsed]
        near = cdist(labels, self._long_labels, scorer=Levenshtein.distance, score_cutoff=2,
                     dtype=numpy.int32, workers=1)  # fmt: skip
        close = cast(list[bool], (near <= 2).any(axis=1).tolist())
        out: list[LookalikeScore | None] = []
        for raw, item, label, is_close in zip(raws, parsed, labels, close, strict=True):
            if item is not None and not is_close and self._plain(item[0], label):
                out.append(LookalikeScore(item[0], 0.0, "", False, ()))
                continue
            try:
                out.append(self.score(raw))
            except InvalidIndicator:
                out.append(None)
        return out

    def _plain(self, host: str, label: str) -> bool:
        """An ASCII name with no brand's word in it, as written or as it looks, and no typo."""
        return (
            "xn--" not in host
            and label not in self._typos
            and self._any_skeleton_word.search(host) is None
            and (
                ANY_ASCII_LOOKALIKE.search(host) is None
                or self._any_skeleton_word.search(skeleton(host)) is None
            )
        )

    def score(self, raw: str) -> LookalikeScore:
        """One domain, host name or URL; raises InvalidIndicator for what is neither."""
        host, path = _host_and_path(raw)
        if self.is_protected(host):
            return LookalikeScore(host, 0.0, "", False, ())
        registrable = registrable_domain(host)
        label, _, suffix = registrable.partition(".")
        subdomain = host[: -len(registrable)].rstrip(".")
        shown = ""
        if "xn--" in host:
            shown = _decode(host)
            label = _decode(label)
            subdomain = _decode(subdomain) if subdomain else ""
        hits = self._label_hits(label, suffix)
        if subdomain:
            hits.extend(self._subdomain_hits(subdomain, host))
        if not hits:
            if not label.isascii() and len(scripts(label)) > 1:
                mixed = RuleResult("mixed_script", float(len(scripts(label))), W_MIXED)
                return LookalikeScore(host, W_MIXED, "", W_MIXED >= FLAG_AT, (mixed,), shown)
            return LookalikeScore(host, 0.0, "", False, (), shown)
        best = max(hits, key=lambda h: noisy_or(r.weight for r in h.rules))
        rules = list(best.rules)
        if _tld(suffix) in CHEAP_TLDS:
            rules.append(RuleResult("cheap_tld", 1.0, W_CHEAP_TLD))
        if "xn--" in host:
            rules.append(RuleResult("punycode", 1.0, 0.0))
        if path and LOGIN_PATH.search(path):
            rules.append(RuleResult("login_path", 1.0, W_PATH))
        if path and CARD_PATH.search(path):
            rules.append(RuleResult("payment_path", 1.0, W_PATH))
        score = round(noisy_or(r.weight for r in rules), 4)
        flagged = score >= FLAG_AT
        # A name that merely borrows a brand's word keeps its reasons but imitates nobody.
        brand = best.brand if flagged else ""
        return LookalikeScore(host, score, brand, flagged, tuple(rules), shown)

    def _label_hits(self, label: str, suffix: str) -> list[_Hit]:
        hits: list[_Hit] = []
        typo = self._typos.get(label)
        if typo is not None:
            real = typo[0]
            weight = W_TYPO
            if real.split(".", 1)[0] in self._common_labels and _foreign_country(suffix):
                weight = W_OTHER_TLD_SHORT  # a common word's typo abroad is someone's name
            hits.append(_Hit(real, (RuleResult(f"typo_{typo[1]}", 1.0, weight),)))
        elif label not in self._words:
            # A Unicode name is compared as it looks: "kӭspi" is one letter off "kaspi".
            text, choices = (
                (label, self._long_labels)
                if label.isascii()
                else (skeleton(label), self._long_shapes)
            )
            near = extractOne(text, choices, scorer=Levenshtein.distance, score_cutoff=2)
            if near is not None and _close_enough(text, near[0], int(near[1])):
                weight = W_EDIT_1 if near[1] == 1 else W_EDIT_2
                real = self._labels[self._long_labels[near[2]]]
                if self._long_labels[near[2]] in self._common_labels and _foreign_country(suffix):
                    weight = W_OTHER_TLD_SHORT
                rule = RuleResult("edit_distance", float(near[1]), weight)
                hits.append(_Hit(real, (rule,)))
        hits.extend(self._word_hits(label, suffix))
        return hits

    def _word_hits(self, label: str, suffix: str) -> list[_Hit]:
        """The brand's words in the label: as it is, and (homoglyphs) as it looks."""
        shape = skeleton(label)
        if shape == label and self._any_skeleton_word.search(label) is None:
            return []  # most names: no brand's word, as written or as it looks
        found = self._words_in(label, self._any_word, self._words, suffix)
        if found:
            return found
        seen = self._words_in(
            shape, self._any_skeleton_word, self._skeleton_words, suffix, shaped=True
        )
        glyph = RuleResult("homoglyph", 1.0, W_HOMOGLYPH)
        if not label.isascii() and len(scripts(label)) > 1:
            glyph = RuleResult("homoglyph_mixed_script", float(len(scripts(label))), W_HOMOGLYPH)
        return [_Hit(h.brand, (glyph, *h.rules)) for h in seen]

    def _words_in(self, label: str, pattern: re.Pattern[str], words: dict[str, _Word],
                  suffix: str, *, shaped: bool = False) -> list[_Hit]:  # fmt: skip
        if pattern.search(label) is None:
            return []
        exact = words.get(label)
        if exact is not None:
            if exact.brand_domain.partition(".")[2] == suffix:
                # Only a look-alike of the brand's own name reaches here (the real domain is
                # protected): the homoglyph rule the caller adds says it all.
                return [_Hit(exact.brand_domain, ())] if shaped else []
            weight = W_OTHER_TLD
            if len(label) < MIN_TYPO_LENGTH or exact.common or _foreign_country(suffix):
                weight = W_OTHER_TLD_SHORT  # olx.com, homecredit.ph, pochta.ru: owned abroad
            rule = RuleResult("brand_on_other_tld", 1.0, weight)
            return [_Hit(exact.brand_domain, (rule,))]
        hits: list[_Hit] = []
        for match in pattern.finditer(label):
            word = words[match.group()]
            before, after = label[: match.start()], label[match.end() :]
            filler_before, filler_after = self._filler(before), self._filler(after)
            starts = filler_before or _boundary(before, at_end=True)
            if not (starts and (filler_after or _boundary(after, at_end=False))):
                continue  # inside another word: "bolxoz", "postroy", "kaspiy-tour"
            if filler_before and filler_after:
                weight = W_COMMON_COMBO if word.common else W_COMBO
                rule = RuleResult("combosquat", 1.0, weight)
            else:
                weight = W_COMMON_WORD if word.common else W_BRAND_WORD
                rule = RuleResult("brand_word", 1.0, weight)
            hits.append(_Hit(word.brand_domain, (rule,)))
        return hits

    def _subdomain_hits(self, subdomain: str, host: str) -> list[_Hit]:
        """``kaspi.kz.login-verify.top``, ``egov.kz-vyplata.com``, ``krisha-kz.pay.live``."""
        dotted = "." + host
        for domain in self._protected:
            at = dotted.find("." + domain)
            if at != -1 and dotted[at + len(domain) + 1 : at + len(domain) + 2] in ".-":
                return [_Hit(domain, (RuleResult("brand_domain_in_host", 1.0, W_SUBDOMAIN),))]
        hits: list[_Hit] = []
        for part in subdomain.split("."):
            for hit in self._word_hits(part, ""):
                strongest = max(r.weight for r in hit.rules) if hit.rules else 0.0
                if strongest >= W_COMMON_COMBO:  # a combosquat or the brand's own name
                    rule = RuleResult("brand_in_subdomain", 1.0, W_SUBDOMAIN)
                    hits.append(_Hit(hit.brand, (rule,)))
        return hits

    def _filler(self, rest: str) -> bool:
        """``rest`` is nothing but lure words, brand words, digits and hyphens
        ("-bonus2024", "securepay", "2fa", "-kgd")."""
        return _made_of(rest, self._fillers)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words``, longest first, laid out as a trie: Python's
    regex engine tries a flat alternation word by word at every position, a trie once."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(pattern(trie))


def _tld(suffix: str) -> str:
    return suffix.rsplit(".", 1)[-1]


def _foreign_country(suffix: str) -> bool:
    """Another country's TLD: a group's sister company lives there (homecredit.ph)."""
    tld = _tld(suffix)
    return len(tld) == 2 and tld != "kz" and tld not in CHEAP_TLDS


def _close_enough(label: str, brand_label: str, distance: int) -> bool:
    """One edit off a name of five letters or more, two off one of eight or more."""
    if distance == 1:
        return len(brand_label) >= MIN_TYPO_LENGTH and len(label) >= MIN_TYPO_LENGTH - 1
    return len(brand_label) >= 8 and len(label) >= 7


def _boundary(rest: str, *, at_end: bool) -> bool:
    """The brand's word ends (or starts) at a hyphen, a digit or the label's edge."""
    if not rest:
        return True
    char = rest[-1] if at_end else rest[0]
    return char == "-" or char.isdigit()


@lru_cache(maxsize=65536)
def _made_of(rest: str, words: frozenset[str]) -> bool:
    """``rest`` splits into ``words``, digits and hyphens."""
    text = rest.replace("-", "")
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        if text[end - 1].isdigit():
            reachable[end] = reachable[end - 1]
            continue
        reachable[end] = any(
            reachable[start] and text[start:end] in words for start in range(max(0, end - 16), end)
        )
    return reachable[-1]


def _decode(text: str) -> str:
    try:
        return str(idna.decode(text))
    except (idna.IDNAError, UnicodeError):
        return text


def _host_and_path(raw: str) -> tuple[str, str]:
    text = refang(raw)
    if "/" in text or ":" in text.partition("/")[0].rpartition("]")[2]:
        url = normalize_url(text)
        host = url_host(url)
        path = url.partition("://")[2].partition("/")[2]
        if not host or (host[0].isdigit() and host.replace(".", "").isdigit()):
            raise InvalidIndicator(f"Not a domain name: {raw!r}", value=raw)
        return host, path
    return normalize_host(text), ""
