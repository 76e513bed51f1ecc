"""User-facing texts of the public check and of errors, as message ids for the catalogs."""

from __future__ import annotations

from cyberpol.detect.mules import FEATURE_REASONS, RULES
from cyberpol.web.i18n import N_

VERDICT_TEXT = {
    "unknown": N_("Not in the registry"),
    "reported": N_("Reported as fraud"),
    "confirmed": N_("Confirmed fraud"),
    "blocked": N_("Blocked fraud"),
    "dismissed": N_("Checked: no fraud found"),
    "invalid": N_("Not a recognisable value"),
}

ADVICE = {
    "unknown": N_(
        "We have no reports about this. That does not make it safe: never pay in advance "
        "and never tell anyone an SMS code."
    ),
    "reported": N_(
        "Citizens have reported this as fraud. Do not pay, do not share card details or codes; "
        "the police are checking it."
    ),
    "confirmed": N_(
        "The police have confirmed this is used by fraudsters. Do not pay or call back."
    ),
    "blocked": N_("This is used by fraudsters and has been blocked. Do not pay or call back."),
    "dismissed": N_("Analysts checked the reports about this and found no fraud."),
    "invalid": N_(
        "Enter a phone number, card number, IBAN, link, e-mail, crypto wallet or messenger handle."
    ),
}

ERROR_TITLES = {
    "invalid_input": N_("The request is not valid"),
    "invalid_indicator": N_("This value is not a recognisable indicator"),
    "too_large": N_("The request is too large"),
    "not_authenticated": N_("Sign-in required"),
    "forbidden": N_("Not allowed for your role"),
    "not_found": N_("Not found"),
    "conflict": N_("Conflicts with the current state"),
    "invalid_transition": N_("This step is not allowed in the current state"),
    "rate_limited": N_("Too many requests, try again later"),
    "error": N_("Something went wrong"),
}

# Why an account looks like a drop: rule reasons by code, model inputs as feature:<name>.
MULE_REASONS = {
    **{rule.code: N_(rule.reason) for rule in RULES},
    **{f"feature:{name}": N_(text) for name, text in FEATURE_REASONS.items()},
}
