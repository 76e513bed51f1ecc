"""Lookalike domains: each way a name is made to pass for a protected one, and the names
that merely resemble a brand."""

from __future__ import annotations

from functools import cache

import idna
import pytest
from confusable_homoglyphs import confusables

from cyberpol.kernel.errors import InvalidIndicator, InvalidInput
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.skeleton import skeleton
from cyberpol.monitoring.store.brands import load_brands


@cache
def scorer() -> LookalikeScorer:
    return LookalikeScorer(load_brands())


@pytest.mark.parametrize(
    ("name", "brand", "reason"),
    [
        ("kaspii.kz", "kaspi.kz", "typo_addition"),
        ("kapsi.kz", "kaspi.kz", "typo_transposition"),
        ("halykbamk.kz", "halykbank.kz", "typo_replacement"),
        ("homebnk.kz", "homebank.kz", "typo_omission"),
        ("kasph.kz", "kaspi.kz", "typo_bitsquatting"),
        ("k-aspi.kz", "kaspi.kz", "typo_hyphenation"),
        ("kаspi.kz", "kaspi.kz", "homoglyph_mixed_script"),  # Cyrillic а
        ("xn--kspi-53d.kz", "kaspi.kz", "homoglyph_mixed_script"),  # the same, as punycode
        ("оlx.kz", "olx.kz", "homoglyph_mixed_script"),  # Cyrillic о in a short name
        ("0lx.kz", "olx.kz", "homoglyph"),
        ("eg0v.kz", "egov.kz", "homoglyph"),
        ("hornebank.kz", "homebank.kz", "homoglyph"),  # rn for m
        ("kaspi-bonus.top", "kaspi.kz", "combosquat"),
        ("kaspibonus.com", "kaspi.kz", "combosquat"),
        ("egov-kompensaciya.site", "egov.kz", "combosquat"),
        ("halyk-bonus.kz", "halykbank.kz", "combosquat"),
        ("kgd-nalog.top", "kgd.gov.kz", "combosquat"),
        ("halykbank.com", "halykbank.kz", "brand_on_other_tld"),
        ("kaspi.kz.login-verify.top", "kaspi.kz", "brand_domain_in_host"),
        ("egov.kz-vyplata.com", "egov.kz", "brand_domain_in_host"),
        ("kaspi.secure-login.top", "kaspi.kz", "brand_in_subdomain"),
        ("https://secure-halyk.top/login/card", "halykbank.kz", "login_path"),
    ],
)
def test_lookalikes_are_flagged_with_the_brand_and_the_reason(
    name: str, brand: str, reason: str
) -> None:
    score = scorer().score(name)
    assert score.flagged, score
    assert score.brand == brand
    assert reason in {r.code for r in score.reasons}
    assert 0.5 <= score.score <= 1.0


@pytest.mark.parametrize(
    "name",
    [
        "kaspi.kz", "pay.kaspi.kz", "KASPI.KZ.", "kgd.gov.kz", "www.egov.kz",
        "kaspiy-tour.kz", "kaspian-hotel.kz", "halyk-gazeti.kz", "halykmedia.kz",
        "krisha-remont.kz", "kolesa-shinomontazh.kz", "postroy.kz", "poster-print.kz",
        "forte-piano.kz", "bolxoz.kz", "bereke-market.kz", "altyn-jewel.kz", "bcd.kz",
        "olk.kz", "google.com", "tengrinews.kz", "rnail.ru", "policeacademy.edu.kz",
        "homecredit.ph", "pochta.ru", "jusan-honey.kz", "krisha.ru",
    ],
)  # fmt: skip
def test_real_domains_and_names_that_merely_resemble_a_brand_pass(name: str) -> None:
    score = scorer().score(name)
    assert not score.flagged, score
    assert score.brand == ""


def test_a_short_name_on_another_tld_alone_is_not_enough() -> None:
    # olx.com, olx.ua and olx.pl are OLX's own; a cheap TLD or a lure word tips the balance.
    assert not scorer().score("olx.com").flagged
    assert scorer().score("olx.top").flagged
    assert scorer().score("olx-kz.com").flagged


def test_text_that_is_no_domain_is_refused() -> None:
    for text in ("not a domain", "", "xn--zz.kz", "http://", "=cmd|x"):
        with pytest.raises(InvalidIndicator):
            scorer().score(text)


def _registered(name: str) -> str | None:
    """The label as it is registered (IDNA maps case and compatibility forms), or None."""
    try:
        return str(idna.decode(idna.encode(name, uts46=True)))
    except (idna.IDNAError, UnicodeError):
        return None


def _passes_for(glyph: str, letter: str) -> bool:
    """Unicode's confusables list says ``glyph`` passes for ``letter``."""
    data = confusables.confusables_data
    return any(e["c"].lower() == letter for e in data.get(glyph, [])) or any(
        e["c"] == glyph for e in data.get(letter, []) + data.get(letter.upper(), [])
    )


def test_every_unicode_homoglyph_of_a_protected_domain_is_caught() -> None:
    """Each letter of each protected name swapped for every character Unicode lists as its
    look-alike, as the name would be registered (IDNA lower-cases it first)."""
    checked = 0
    missed: list[str] = []
    protected = scorer().protected
    glyphs = {
        letter: {e["c"] for e in confusables.confusables_data.get(letter, []) if len(e["c"]) == 1}
        for letter in "abcdefghijklmnopqrstuvwxyz0123456789"
    }
    for brand in load_brands().brands:
        for domain in brand.domains:
            label, _, suffix = domain.partition(".")
            for i, letter in enumerate(label):
                for glyph in glyphs.get(letter, ()):
                    registered = _registered(label[:i] + glyph + label[i + 1 :])
                    if registered is None or registered == label:
                        continue  # not registrable, or IDNA maps it to the real name
                    seen = registered[i] if len(registered) == len(label) else ""
                    if not seen or not _passes_for(seen, letter):
                        continue  # lower-casing made it another character ("Ϲ" -> "σ")
                    name = f"{registered}.{suffix}"
                    if any(name.endswith(p) for p in protected if p != domain):
                        continue  # under gov.kz: only the state registers there
                    checked += 1
                    score = scorer().score(name)
                    if not score.flagged or score.brand != domain:
                        missed.append(name)
    assert checked > 1000
    assert missed == []


@pytest.mark.parametrize(("ascii_glyph", "letter"), [("0", "o"), ("1", "l"), ("1", "i"),
    ("l", "i"), ("rn", "m"), ("cl", "d"), ("5", "s")])  # fmt: skip
def test_every_ascii_homoglyph_of_a_protected_domain_is_caught(
    ascii_glyph: str, letter: str
) -> None:
    checked = 0
    for brand in load_brands().brands:
        for domain in brand.domains:
            label, _, suffix = domain.partition(".")
            for i, char in enumerate(label):
                if char != letter:
                    continue
                name = f"{label[:i]}{ascii_glyph}{label[i + 1 :]}.{suffix}"
                if scorer().is_protected(name):
                    continue
                checked += 1
                score = scorer().score(name)
                assert score.flagged, score
                assert score.brand == domain, score
    assert checked > 0


def test_skeleton_folds_scripts_accents_and_ascii_lookalikes() -> None:
    assert skeleton("kаspі") == skeleton("kaspi")  # Cyrillic а and і
    assert skeleton("káspí") == skeleton("kaspi")
    assert skeleton("rnvvcl") == "mwd"
    assert skeleton("egoν") == "egov"  # Greek nu


def test_a_brand_list_that_is_not_one_is_refused(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    cases = {
        "not-json.json": "{",
        "no-list.json": '{"brands": 3}',
        "no-domain.json": '{"brands": [{"brand": "X", "domains": []}]}',
        "bad-domain.json": '{"brands": [{"brand": "X", "domains": ["not a host"]}]}',
        "twice.json": '{"brands": [{"brand": "X", "domains": ["x.kz"]},'
        ' {"brand": "Y", "domains": ["x.kz"]}]}',
    }
    for name, text in cases.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InvalidInput):
            load_brands(path)
