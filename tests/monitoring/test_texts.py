"""Scam texts: how texts are read (however typed), which language they are in, what the
shipped model says and why, and the command line and the API around it."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from cyberpol.bootstrap import Runtime
from cyberpol.entrypoints.http import create_app
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.errors import InvalidInput, TooLarge
from cyberpol.monitoring.detectors.lookalike import LookalikeScorer
from cyberpol.monitoring.detectors.text_language import LanguageGuesser
from cyberpol.monitoring.detectors.text_tokens import tokenize, word_key
from cyberpol.monitoring.detectors.texts import TextClassifier, TextModel, link_judge
from cyberpol.monitoring.domain.texts import MAX_TEXT_LENGTH, TEXT_SCHEMES
from cyberpol.monitoring.store.brands import load_brands
from cyberpol.monitoring.store.text_model import SHIPPED, load_text_model, save_text_model
from cyberpol.synth.scam_texts import families, generate
from cyberpol.synth.text_model import held_out_names, measure, train
from tests.factories import TEST_SECRET, bearer, token_for

Done = subprocess.CompletedProcess[str]


@cache
def _scorer() -> LookalikeScorer:
    return LookalikeScorer(load_brands())


@cache
def _classifier() -> TextClassifier:
    return TextClassifier(load_text_model(), _scorer())


def _keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text, link_judge(_scorer()))]


# Reading texts -------------------------------------------------------------------------------


def test_kazakh_reads_the_same_in_its_letters_in_russian_ones_and_in_latin() -> None:
    assert {word_key(w) for w in ("Сіздің", "Сиздин", "sizdin", "sızdıñ", "SIZDIN")} == {"sizdin"}
    assert word_key("қоңырау") == word_key("коныраy") == word_key("qongyrau")
    assert word_key("жіберіңіз") == word_key("jiberiniz")


def test_look_alike_letters_and_doubled_letters_fold_away() -> None:
    assert word_key("пеpевoд") == word_key("перевод") == "perevod"  # Latin p and o inside
    assert word_key("Кaspi") == word_key("Kaspi") == "kaspi"  # a Cyrillic К in a Latin word
    assert word_key("срооочно") == word_key("срочно")


def test_links_phones_cards_and_sums_become_marks() -> None:
    keys = _keys(
        "Перевод 150 000 тг с карты *4412, звоните +7 (701) 555-12-34, код 4821, "
        "выплата 2,5 млн тенге: https://egov-vyplata.kz-gov.site/get и egov.kz, 30% в месяц"
    )
    assert "<money:m>" in keys
    assert "<money:l>" in keys
    assert "<card>" in keys
    assert "<phone>" in keys
    assert "<code>" in keys
    assert "<pct>" in keys
    assert "<link:real>" in keys  # egov.kz is the brand's own
    assert keys.count("<link:real>") == 1
    assert "<link:fake>" in keys or "<link:cheap>" in keys
    assert "<link:short>" in _keys("bit.ly/3xYz")
    assert "<link:chat>" in _keys("t.me/invest_kz")
    assert _keys("kaspi-bonus.top") == ["<link:fake>"]


# Language --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Сәлеметсіз бе, сіздің картаңыз бұғатталды", "kk"),
        ("Салеметсиз бе, сиздин картаныз бугатталды, кодты айтыныз", "kk"),  # Russian letters
        ("Salem, sizdin kartanyz bugattaldy, kodty aitynyz", "kk"),  # informal Latin
        ("Здравствуйте, ваша карта заблокирована, позвоните в банк", "ru"),
        ("Zdravstvuite, vasha karta zablokirovana, pozvonite nam", "ru"),
        ("Мам скинь 2000 на такси пж", "ru"),
        ("Hello, your card has been blocked, please call us", "en"),
        ("Congrats u won a prize txt WIN to claim", "en"),
    ],
)
def test_language_of_a_text_however_it_was_typed(text: str, language: str) -> None:
    assert LanguageGuesser().guess(text, tokenize(text)) == language


# The shipped model --------------------------------------------------------------------------


def test_the_shipped_model_loads_small_and_knows_every_scheme() -> None:
    model = load_text_model()
    assert model.schemes == TEXT_SCHEMES
    assert 10_000 < len(model.features) <= 120_000
    assert model.card["held_out_all_macro_f1"] >= 0.8  # type: ignore[operator]
    assert any("CC BY 4.0" in s for s in model.card["sources"])  # type: ignore[attr-defined]
    size = sum(p.stat().st_size for p in SHIPPED.iterdir())
    assert size < 4 * 1024 * 1024


def test_a_model_saved_and_read_again_judges_alike(tmp_path: Path) -> None:
    model = load_text_model()
    save_text_model(model, tmp_path)
    again = load_text_model(tmp_path)
    texts = ["Ваша карта заблокирована, позвоните 87071234567", "Купи хлеба по дороге"]
    first, second = TextClassifier(model).classify(texts), TextClassifier(again).classify(texts)
    assert [v.scheme for v in first] == [v.scheme for v in second]
    assert np.allclose([v.probability for v in first], [v.probability for v in second])


def test_a_damaged_model_is_refused_with_its_folder(tmp_path: Path) -> None:
    (tmp_path / "card.json").write_text("{}")
    (tmp_path / "model.npz").write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match=str(tmp_path)):
        load_text_model(tmp_path)


@pytest.mark.parametrize(
    ("text", "scheme", "words"),
    [
        ("Здравствуйте, это служба безопасности Halyk Bank. По вашей карте подозрительный "
         "перевод, продиктуйте код из СМС для отмены", "fake_bank_call", {"безопасности", "код"}),
        ("Сізге 42 500 теңге әлеуметтік төлем тағайындалды, алу үшін egov-tolem.kz-gov.site "
         "сілтемесіне өтіп, карта деректерін енгізіңіз", "phishing_link",
         {"egov-tolem.kz-gov.site", "деректерін"}),
        ("Congratulations! Your number won a Toyota Camry in our anniversary draw. Pay the "
         "delivery fee to claim your prize", "prize_lottery", {"won", "prize", "Congratulations"}),
        ("Код: 4821. Никому не сообщайте этот код, даже сотрудникам банка. Kaspi.kz", "ham",
         set()),
    ],
)  # fmt: skip
def test_the_scheme_and_the_words_that_weighed(text: str, scheme: str, words: set[str]) -> None:
    verdict = _classifier().classify([text])[0]
    assert verdict.scheme == scheme
    assert verdict.is_scam is (scheme != "ham")
    assert (verdict.probability >= 0.5) is verdict.is_scam
    assert [s for s, _ in verdict.scores] == list(TEXT_SCHEMES)
    assert sum(p for _, p in verdict.scores) == pytest.approx(1.0, abs=1e-3)
    weights = [w for _, w in verdict.top_words]
    assert weights == sorted(weights, reverse=True)
    assert all(w > 0 for w in weights)
    assert all(word in text for word, _ in verdict.top_words)  # as written, not as folded
    assert not words or words & {word for word, _ in verdict.top_words[:4]}


def test_a_text_with_no_known_word_is_ordinary_and_names_no_word() -> None:
    verdict = _classifier().classify(["🙂🙂🙂", "zzqx"])[0]
    assert verdict.scheme == "ham"
    assert verdict.top_words == ()


# The generator and a small held-out measure ----------------------------------------------------


def test_the_generator_is_the_same_per_seed_and_every_lure_is_in_every_language() -> None:
    first = generate(5, per_family=3)
    assert first == generate(5, per_family=3)
    assert first != generate(6, per_family=3)
    names = Counter(family.split("/", 1)[1] for family in families())
    assert set(names.values()) == {3}  # one lure, three languages
    assert {f.split("/")[1] for f in families()} == set(TEXT_SCHEMES)
    kazakh = [t.text for t in generate(5, per_family=20) if t.lang == "kk"]
    latin = sum(not any("\u0400" <= c <= "\u04ff" for c in t) for t in kazakh)
    assert 0.05 < latin / len(kazakh) < 0.3  # some Kazakh is typed in Latin


@pytest.mark.slow
def test_families_left_out_of_training_are_still_told_apart() -> None:
    out = held_out_names(7)
    inside = [f for f in families() if f.split("/", 1)[1] not in out]
    outside = [f for f in families() if f.split("/", 1)[1] in out]
    judge = link_judge(_scorer())
    model = train(generate(7, per_family=6, only=inside), judge)
    scores = measure(TextClassifier(model, _scorer()), generate(8, per_family=10, only=outside))
    print("held-out families:", scores)
    assert scores["all_macro_f1"] >= 0.7
    assert scores["all_scam_f1"] >= 0.9


# Front doors ---------------------------------------------------------------------------------


def test_the_service_refuses_too_many_or_too_long_texts(sqlite_runtime: Runtime) -> None:
    monitoring = sqlite_runtime.monitoring
    with pytest.raises(TooLarge, match="1,001 given"):
        monitoring.classify_texts(actor=CONSOLE, texts=["a"] * 1001)
    with pytest.raises(TooLarge, match="Text 2 has"):
        monitoring.classify_texts(actor=CONSOLE, texts=["a", "b" * (MAX_TEXT_LENGTH + 1)])


@pytest.fixture
def api(sqlite_runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_runtime)) as client:
        yield client


def test_the_api_judges_texts_in_order(api: TestClient, sqlite_runtime: Runtime) -> None:
    analyst = bearer(token_for(sqlite_runtime, "a.nurlanova", Role.ANALYST))
    texts = ["Ваша карта заблокирована! Срочно позвоните +7 701 555 12 34",
             "Мама, купи хлеба по дороге"]  # fmt: skip
    answer = api.post("/api/v1/monitoring/texts/classify", headers=analyst,
                      json={"texts": texts})  # fmt: skip
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["scheme"] for r in results] == ["fake_bank_call", "ham"]
    assert [r["language"] for r in results] == ["ru", "ru"]
    assert results[0]["is_scam"] is True
    assert set(results[0]["scores"]) == set(TEXT_SCHEMES)
    assert results[0]["top_words"][0]["word"] in texts[0]


def test_the_api_refuses_bad_bodies_and_strangers(api: TestClient, sqlite_runtime: Runtime) -> None:
    analyst = bearer(token_for(sqlite_runtime, "a.nurlanova", Role.ANALYST))
    url = "/api/v1/monitoring/texts/classify"
    too_long = api.post(url, headers=analyst, json={"texts": ["x" * (MAX_TEXT_LENGTH + 1)]})
    assert too_long.status_code == 422
    assert str(MAX_TEXT_LENGTH) in too_long.text
    assert api.post(url, headers=analyst, json={"texts": ["a"] * 1001}).status_code == 422
    assert api.post(url, headers=analyst, json={"texts": []}).status_code == 422
    assert api.post(url, json={"texts": ["a"]}).status_code == 401
    bank = bearer(token_for(sqlite_runtime, "bank-halyk", Role.BANK, organisation="HSBKKZKX"))
    assert api.post(url, headers=bank, json={"texts": ["a"]}).status_code == 403


def _cli(
    tmp_path: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CYBERPOL_DATA_DIR": str(tmp_path / "data"),
           "CYBERPOL_SECRET_KEY": TEST_SECRET, "NO_COLOR": "1", "COLUMNS": "120"}  # fmt: skip
    env.pop("CYBERPOL_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "cyberpol", "texts", "classify", *args],
                          input=stdin, capture_output=True, env=env, cwd=tmp_path, timeout=120,
                          check=False)  # fmt: skip
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())  # fmt: skip


def test_the_command_line_judges_a_text_and_a_file(tmp_path: Path) -> None:
    one = _cli(tmp_path, "Поздравляем! Вы выиграли автомобиль, оплатите налог 15 000 тг")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["scheme"] == "prize_lottery"
    rows = ["text", "Сіздің атыңызға несие рәсімделді, жою үшін 87071234567 хабарласыңыз",
            "=HYPERLINK(\"x\") see you at 7", "Салем, кешке келесің бе?"]  # fmt: skip
    source = tmp_path / "sms.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r] for r in rows)
    written = _cli(tmp_path, "--file", str(source), "--out", str(tmp_path / "out.csv"))
    assert written.returncode == 0, written.stderr
    assert "3 texts, 1 scams" in written.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        out = list(csv.DictReader(handle))
    assert [r["line"] for r in out] == ["2", "3", "4"]
    assert [r["scheme"] for r in out] == ["loan_in_victim_name", "ham", "ham"]
    assert out[1]["text"].startswith("'=")  # a spreadsheet would run it as a formula
    assert out[0]["language"] == "kk"


def test_the_command_line_refuses_bad_input_with_a_message(tmp_path: Path) -> None:
    missing = _cli(tmp_path, "--file", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert "nope.txt" in missing.stderr
    both = _cli(tmp_path, "text", "--file", "x.txt")
    assert both.returncode == 2
    assert "not both" in both.stderr
    broken = _cli(tmp_path, stdin=b"\xff\xfe broken")
    assert broken.returncode == 2
    assert "UTF-8" in broken.stderr
    assert "Traceback" not in broken.stderr + missing.stderr


def test_random_noise_never_breaks_the_reader() -> None:
    rng = random.Random(3)
    alphabet = "aбқ1 .,:/@+*%₸$€-_\n\t🙂ӘІ"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    verdicts = _classifier().classify(texts)
    assert len(verdicts) == len(texts)
    assert all(v.scheme in TEXT_SCHEMES for v in verdicts)


def test_a_model_with_weights_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        TextModel(("w:a",), np.ones(1), np.zeros((2, 2)), np.zeros(2), ("ham", "romance"))
