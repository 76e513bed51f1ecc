"""User-facing texts of the public check, as message ids for the catalogs."""

from __future__ import annotations

from cyberpol.kernel.labels import N_

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
