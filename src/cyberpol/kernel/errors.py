"""The one error tree of CyberPol; each class carries its HTTP status and CLI exit code.

    CyberPolError               something CyberPol refused on purpose (400, exit 1)
    ├── InvalidInput            bad value or request (400, exit 2)
    │   ├── InvalidIndicator    a value that is no phone, card, IBAN, URL ... (400, exit 2)
    │   ├── NotListed           an appeal about a value the registry does not list (400, exit 2)
    │   └── TooLarge            a body, text or batch over its limit (413, exit 2)
    ├── NotAuthenticated        no or unknown token (401, exit 5)
    │   └── SecondFactorMissing an administrator with no TOTP yet (401, exit 5)
    ├── Forbidden               the role may not do this (403, exit 5)
    ├── NotFound                no such id (404, exit 3)
    ├── Conflict                a state change that is not allowed (409, exit 4)
    │   ├── InvalidTransition   a step the object's state machine refuses (409, exit 4)
    │   └── DuplicateSubmission another request with the same key won the race (409, exit 4)
    └── RateLimited             too many requests from one client (429, exit 6)

Entrypoints read ``status`` and ``exit_code`` from the class, so mapping an error is one
line in each. Messages are user-facing: they name the offending value (masked where it is
personal data); ``title`` is the English message id the entrypoint translates.
"""

from __future__ import annotations

from typing import ClassVar


class CyberPolError(Exception):
    """Base of every error CyberPol raises on purpose."""

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400
    exit_code: ClassVar[int] = 1
    title: ClassVar[str] = "Something went wrong"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class InvalidInput(CyberPolError):
    """A value or request that cannot be used as it is."""

    code = "invalid_input"
    exit_code = 2
    title = "The request is not valid"


class InvalidIndicator(InvalidInput):
    """A value that is no phone, card, IBAN, URL, e-mail, wallet or handle."""

    code = "invalid_indicator"
    title = "This value is not a recognisable indicator"


class NotListed(InvalidInput):
    """An appeal about a value the registry does not list as fraud."""

    code = "not_listed"
    title = "This value is not listed as fraud, so there is nothing to appeal"


class TooLarge(InvalidInput):
    """A body, text, file or batch over its limit."""

    code = "too_large"
    status = 413
    title = "The request is too large"


class NotAuthenticated(CyberPolError):
    """No token, or one that is unknown or revoked."""

    code = "not_authenticated"
    status = 401
    exit_code = 5
    title = "Sign-in required"


class SecondFactorMissing(NotAuthenticated):
    """An administrator without a second factor: refused until one is set."""

    code = "second_factor_missing"
    title = "A second factor is required"


class Forbidden(CyberPolError):
    """The actor's role may not do this."""

    code = "forbidden"
    status = 403
    exit_code = 5
    title = "Not allowed for your role"


class NotFound(CyberPolError):
    """No such id, or one the actor may not know exists."""

    code = "not_found"
    status = 404
    exit_code = 3
    title = "Not found"


class Conflict(CyberPolError):
    """A change that conflicts with the stored state."""

    code = "conflict"
    status = 409
    exit_code = 4
    title = "Conflicts with the current state"


class InvalidTransition(Conflict):
    """The message names the current state, so the caller knows why the step was refused."""

    code = "invalid_transition"
    title = "This step is not allowed in the current state"


class DuplicateSubmission(Conflict):
    """Another request with the same idempotency key won the race; replay its result."""


class RateLimited(CyberPolError):
    """Too many requests from one client; ``retry_after`` says how many seconds to wait."""

    code = "rate_limited"
    status = 429
    exit_code = 6
    title = "Too many requests, try again later"

    def __init__(self, message: str, *, retry_after: int, **params: object) -> None:
        super().__init__(message, **params)
        self.retry_after = retry_after


def error_classes() -> list[type[CyberPolError]]:
    """Every class of the tree, base first (the module docstring must name each one)."""
    found: list[type[CyberPolError]] = []
    pending: list[type[CyberPolError]] = [CyberPolError]
    while pending:
        cls = pending.pop(0)
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def title_for(code: str) -> str:
    """The English title of an error code (``error``'s for codes no class uses)."""
    return next((c.title for c in error_classes() if c.code == code), CyberPolError.title)
