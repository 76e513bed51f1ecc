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

# The schemes in use now, with what to do: the home page's list and the bot's advice.
SCHEMES = (
    N_(
        'A call "from the bank" or "from the police" about a suspicious transfer. Hang up and '
        "call the number on your card yourself."
    ),
    N_(
        'A seller or buyer on a marketplace sends a link to "receive the money". Never enter '
        "card details on a link from a chat."
    ),
    N_(
        "Investments with a guaranteed high income. Nobody guarantees income; a licence can be "
        "checked on the regulator's site."
    ),
    N_("A request for an SMS code. Nobody, not even the bank, may ask you for it."),
    N_(
        "A relative writes from a new number and asks for money urgently. Call them on the "
        "number you know."
    ),
)
