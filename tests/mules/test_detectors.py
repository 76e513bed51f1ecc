"""Drop-account rules: reasons are RuleResults and the score is their noisy-OR."""

from __future__ import annotations

import numpy as np
import pytest

from cyberpol.kernel.detection import RuleResult, noisy_or
from cyberpol.mules.detectors import RULES, reason_result, render_reason, rule_scores
from cyberpol.mules.store.features import FEATURE_NAMES
from cyberpol.platform.i18n import gettext


def test_noisy_or() -> None:
    assert noisy_or([]) == 0.0
    assert noisy_or([0.5, 0.5]) == pytest.approx(0.75)
    assert noisy_or([1.0, 0.2]) == 1.0


def test_rule_scores_are_the_noisy_or_of_the_reasons_they_give() -> None:
    rng = np.random.default_rng(3)
    n = 200
    features = {name: rng.uniform(0, 8, n) for name in FEATURE_NAMES}
    for share in ("pass_through", "fast_share", "cash_share", "crypto_share", "foreign_share"):
        features[share] = rng.uniform(0, 1, n)
    scores, reasons = rule_scores(features)
    assert any(reasons)
    for score, fired in zip(scores.tolist(), reasons, strict=True):
        assert all(isinstance(r, RuleResult) for r in fired)
        assert [r.weight for r in fired] == sorted((r.weight for r in fired), reverse=True)
        assert score == pytest.approx(noisy_or(r.weight for r in fired))


def test_stored_reasons_get_their_rules_weight_back() -> None:
    rule = RULES[0]
    assert reason_result(rule.code, 7.0) == RuleResult(rule.code, 7.0, rule.weight)
    assert reason_result("feature:in_count", 3.0).weight == 0.0


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_model_input_reads_as_words_in_every_language(language: str) -> None:
    # An analyst sees why the model flagged an account: never a column name.
    for name in FEATURE_NAMES:
        text = render_reason(f"feature:{name}", 0.42, lambda m: gettext(m, language))
        assert name not in text, text
        assert "{" not in text, text
    sender = render_reason("feature:sender_pass_through", 0.9, lambda m: gettext(m, "ru"))
    assert sender == "его отправители в среднем: передаёт дальше полученное (90%)"
