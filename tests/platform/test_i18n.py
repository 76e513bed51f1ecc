import re
from pathlib import Path

from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.errors import error_classes
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.labels import CATEGORY_NAMES, KIND_NAMES, REGION_NAMES
from cyberpol.mules.detectors import MULE_REASONS
from cyberpol.platform.i18n import LANGUAGES, catalog, gettext, negotiate
from cyberpol.platform.i18n.extract import code_messages, template_messages
from cyberpol.registry.messages import ADVICE, VERDICT_TEXT

ERROR_TITLES = {error.code: error.title for error in error_classes()}

_KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.I)


def _all_messages() -> list[str]:
    tables = (
        VERDICT_TEXT,
        ADVICE,
        ERROR_TITLES,
        KIND_NAMES,
        CATEGORY_NAMES,
        REGION_NAMES,
        MULE_REASONS,
    )
    pages = (*template_messages(), *code_messages())
    return [m for table in tables for m in table.values()] + list(pages)


def test_every_message_is_translated_into_russian_and_kazakh() -> None:
    for language in ("ru", "kk"):
        missing = [m for m in _all_messages() if m not in catalog(language)]
        assert not missing, f"{language}: no translation for {missing}"


def test_pages_have_texts_to_translate() -> None:
    assert "Report a scam" in template_messages()
    assert "Please describe what happened." in code_messages()


def test_kazakh_catalog_is_kazakh_not_russian() -> None:
    sentences = [gettext(m, "kk") for m in ADVICE.values()]
    assert all(_KAZAKH_LETTERS.search(s) for s in sentences)


def test_every_category_region_and_kind_has_a_name() -> None:
    assert set(CATEGORY_NAMES) == {c.value for c in ScamCategory}
    assert set(REGION_NAMES) == {r.value for r in Region}
    assert set(KIND_NAMES) == {k.value for k in IndicatorKind}
    assert len(REGION_NAMES) == 20  # 17 regions and 3 cities of republican significance


def test_language_negotiation() -> None:
    assert negotiate("kk-KZ,kk;q=0.9,ru;q=0.8") == "kk"
    assert negotiate("en-US,en;q=0.9") == "en"
    assert negotiate("de-DE") == "ru"
    assert negotiate(None) == "ru"
    assert negotiate("ru", explicit="en") == "en"
    assert set(LANGUAGES) == {"ru", "kk", "en"}


def test_catalog_files_are_committed_for_all_languages() -> None:
    root = (
        Path(__file__).resolve().parents[2] / "src" / "cyberpol" / "platform" / "i18n" / "locales"
    )
    assert {p.parent.parent.name for p in root.glob("*/LC_MESSAGES/messages.po")} == set(LANGUAGES)


def test_drop_reasons_keep_their_figures_in_every_language() -> None:
    for template in MULE_REASONS.values():
        for language in ("ru", "kk"):
            translated = gettext(template, language)
            assert re.findall(r"{value[^}]*}", translated) == re.findall(r"{value[^}]*}", template)
            translated.format(value=0.5, what="x")
