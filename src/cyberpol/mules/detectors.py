"""Drop-account rules: each gives a result with a reason; together a score (a typology).

Rules work alone when nobody has labelled drops yet, and explain the model's scores in
words afterwards. The score is a noisy-OR (``kernel.detection.noisy_or``) of the weights of
the rules that fire, so two weak signals together count for more than either, and the score
stays in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from cyberpol.kernel.detection import RuleResult

Columns = Mapping[str, np.ndarray]


@dataclass(frozen=True, slots=True)
class MuleRule:
    """A drop-account rule: when it fires, how much it counts and how it reads."""

    code: str
    weight: float
    reason: str  # English template; {value} is the account's own figure
    value: str  # the feature shown in the reason
    fires: Callable[[Columns], np.ndarray]


RULES: tuple[MuleRule, ...] = (
    MuleRule(
        "fan_in",
        0.35,
        "money from many unrelated senders ({value:.0f})",
        "in_senders",
        lambda f: (f["in_senders"] >= 5) & (f["pass_through"] >= 0.7),
    ),
    MuleRule(
        "pass_through",
        0.45,
        "forwards what arrives within hours ({value:.0%} of outflow within 6 h)",
        "fast_share",
        lambda f: (f["fast_share"] >= 0.7) & (f["pass_through"] >= 0.8) & (f["in_count"] >= 2),
    ),
    MuleRule(
        "cash_out",
        0.3,
        "cashes out most of the money ({value:.0%})",
        "cash_share",
        lambda f: (f["cash_share"] >= 0.5) & (f["in_senders"] >= 2),
    ),
    MuleRule(
        "crypto",
        0.35,
        "sends money to crypto exchanges ({value:.0%})",
        "crypto_share",
        lambda f: f["crypto_share"] >= 0.3,
    ),
    MuleRule(
        "foreign",
        0.2,
        "sends money abroad ({value:.0%})",
        "foreign_share",
        lambda f: (f["foreign_share"] >= 0.5) & (f["in_senders"] >= 3),
    ),
    MuleRule(
        "young_account",
        0.25,
        "account opened shortly before the money moved ({value:.0f} days)",
        "age_days",
        lambda f: (f["age_days"] >= 0) & (f["age_days"] < 30) & (f["in_count"] >= 2),
    ),
    MuleRule(
        "many_banks",
        0.2,
        "holder has accounts at many banks ({value:.0f})",
        "holder_banks",
        lambda f: f["holder_banks"] >= 3,
    ),
    MuleRule(
        "foreign_holder",
        0.1,
        "holder is a foreign national",
        "foreign_holder",
        lambda f: f["foreign_holder"] >= 1,
    ),
    MuleRule(
        "shared_device",
        0.3,
        "device or address shared with other accounts ({value:.0f})",
        "device_accounts",
        lambda f: (f["device_accounts"] >= 3) | (f["shared_with_known"] >= 1),
    ),
    MuleRule(
        "near_known_drop",
        0.4,
        "trades with confirmed drops ({value:.0f})",
        "known_neighbours",
        lambda f: f["known_neighbours"] >= 1,
    ),
    MuleRule(
        "reported",
        0.5,
        "named in citizens' fraud reports",
        "reported",
        lambda f: f["reported"] >= 1,
    ),
)


# What each model input means when it pushed a score up (English; catalogs translate).
FEATURE_REASONS = {
    "in_count": "{value:.0f} incoming transfers",
    "in_amount": "received {value:,.0f} in all",
    "out_count": "{value:.0f} outgoing transfers",
    "out_amount": "sent {value:,.0f} in all",
    "out_receivers": "pays {value:.0f} different accounts",
    "in_senders": "money from many unrelated senders ({value:.0f})",
    "max_daily_senders": "many senders on one day ({value:.0f})",
    "fast_share": "forwards money within hours ({value:.0%} of outflow)",
    "pass_through": "passes on what it receives ({value:.0%})",
    "mean_dwell_h": "money stays only {value:.1f} h on average",
    "cash_share": "cashes out ({value:.0%})",
    "crypto_share": "sends to crypto exchanges ({value:.0%})",
    "foreign_share": "sends abroad ({value:.0%})",
    "age_days": "young account ({value:.0f} days)",
    "holder_banks": "holder banks at {value:.0f} banks",
    "holder_accounts": "holder has {value:.0f} accounts",
    "foreign_holder": "foreign holder",
    "device_accounts": "device shared with {value:.0f} accounts",
    "ip_accounts": "address shared with {value:.0f} accounts",
    "shared_with_known": "device or address shared with confirmed drops",
    "known_neighbours": "trades with confirmed drops ({value:.0f})",
    "known_second": "two steps from confirmed drops ({value:.0f})",
    "known_proximity": "money paths lead to confirmed drops ({value:.2f})",
    "reported": "named in citizens' fraud reports",
    "night_share": "active at night ({value:.0%})",
    "in_per_day": "{value:.1f} incoming transfers a day",
    "out_per_day": "{value:.1f} outgoing transfers a day",
    "senders_per_day": "{value:.2f} new senders a day",
    "receivers_per_day": "{value:.2f} new receivers a day",
    "in_amount_per_day": "receives {value:,.0f} a day",
    "out_amount_per_day": "sends {value:,.0f} a day",
    "in_mean": "receives {value:,.0f} a transfer on average",
    "out_mean": "sends {value:,.0f} a transfer on average",
    "active_share": "active on {value:.0%} of days",
    "income_share": "incoming money is {value:.0%} of all it moves",
    "in_count_rank": "receives more transfers than {value:.0%} of accounts",
    "out_count_rank": "sends more transfers than {value:.0%} of accounts",
    "in_amount_rank": "receives more money than {value:.0%} of accounts",
    "out_amount_rank": "sends more money than {value:.0%} of accounts",
    "in_senders_rank": "more senders than {value:.0%} of accounts",
    "out_receivers_rank": "more receivers than {value:.0%} of accounts",
    "in_min_rank": "smallest receipt larger than {value:.0%} of accounts' smallest",
    "out_min_rank": "smallest payment larger than {value:.0%} of accounts' smallest",
    "in_min": "smallest receipt {value:,.0f}",
    "in_max": "largest receipt {value:,.0f}",
    "out_min": "smallest payment {value:,.0f}",
    "out_max": "largest payment {value:,.0f}",
    "in_min_max": "receipts of even size (smallest is {value:.0%} of largest)",
    "out_max_share": "one payment took {value:.0%} of what came in",
    "counterparties_per_active_day": "{value:.1f} counterparties on each active day",
    "max_day_transfers": "{value:.0f} transfers on its busiest day",
    "max_daily_receivers": "paid {value:.0f} accounts on one day",
    "in_out_day_share": "money in and out on the same day ({value:.0%} of active days)",
    "max_3day_senders": "{value:.0f} senders within three days",
    "forwarded_share": "sends on the same day {value:.0%} of what it receives",
    "max_day_forwarded_share": "forwarded {value:.0%} of its income on one day",
    "forward_day_share": "forwards half or more of a day's income ({value:.0%} of active days)",
    "forward_days": "forwards half or more of a day's income on {value:.0f} days",
    "in_repeat_share": "{value:.0%} of receipts from senders seen before",
    "out_repeat_share": "{value:.0%} of payments to receivers seen before",
    "in_same_day_share": "{value:.0%} of receipts come twice a day from one sender",
    "out_same_day_share": "{value:.0%} of payments go twice a day to one receiver",
    "two_way_share": "{value:.0%} of counterparties both pay it and are paid",
}
# A neighbour feature (``sender_<name>``, ``receiver_<name>``) reads as its own feature's
# words about the account's senders or receivers, on average.
NEIGHBOUR_REASONS = {
    "sender": "its senders on average: {what}",
    "receiver": "its receivers on average: {what}",
}


# Reasons that come from where an account's money comes from, not from its own features.
CHAIN_REASONS = {
    "fed_by_drops": "took {value:.0%} of its incoming money from accounts flagged as drops",
}

_RULE_REASONS = {rule.code: rule.reason for rule in RULES} | CHAIN_REASONS
_RULE_WEIGHTS = {rule.code: rule.weight for rule in RULES}

# Why an account looks like a drop, as catalog message ids: rules by code, model inputs as
# feature:<name>.
MULE_REASONS = {
    **_RULE_REASONS,
    **{f"feature:{name}": text for name, text in FEATURE_REASONS.items()},
    **{f"neighbour:{who}": text for who, text in NEIGHBOUR_REASONS.items()},
}


def _neighbour(code: str) -> tuple[str, str] | None:
    """(sender|receiver, feature) for a neighbour feature's code, else None."""
    who, _, name = code.removeprefix("feature:").partition("_")
    if code.startswith("feature:") and who in NEIGHBOUR_REASONS and name in FEATURE_REASONS:
        return who, name
    return None


def reason_template(code: str) -> str:
    """The English template of a reason code (a rule's code or ``feature:<name>``)."""
    if code.startswith("feature:"):
        return FEATURE_REASONS.get(code[8:], code[8:])
    return _RULE_REASONS.get(code, code)


def reason_result(code: str, value: float) -> RuleResult:
    """A reason with its rule's weight; model inputs (``feature:<name>``) weigh 0 here."""
    return RuleResult(code, value, _RULE_WEIGHTS.get(code, 0.0))


def render_reason(code: str, value: float, translate: Callable[[str], str] = str) -> str:
    """One reason in words, through ``translate`` (a catalog lookup) when given."""
    neighbour = _neighbour(code)
    if neighbour is not None:
        who, name = neighbour
        what = translate(FEATURE_REASONS[name]).format(value=value)
        return translate(NEIGHBOUR_REASONS[who]).format(what=what)
    return translate(reason_template(code)).format(value=value)


def rule_scores(features: Columns) -> tuple[np.ndarray, list[list[RuleResult]]]:
    """The rules' score for every account and the rules that fired, strongest first.

    The score is ``noisy_or`` of the fired rules' weights, computed for all accounts at once.
    """
    n = len(next(iter(features.values())))
    keep = np.ones(n)
    fired = []
    for rule in RULES:
        hit = np.asarray(rule.fires(features), dtype=bool)
        keep *= np.where(hit, 1.0 - rule.weight, 1.0)
        fired.append(hit)
    reasons: list[list[RuleResult]] = [[] for _ in range(n)]
    order = sorted(range(len(RULES)), key=lambda i: -RULES[i].weight)
    for i in order:
        rule, hit = RULES[i], fired[i]
        values = features[rule.value]
        for row in np.flatnonzero(hit).tolist():
            reasons[row].append(RuleResult(rule.code, float(values[row]), rule.weight))
    return 1.0 - keep, reasons
