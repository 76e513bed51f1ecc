"""The one error tree of CyberPol; each entrypoint maps it to an HTTP status or exit code once.

    CyberPolError
    ├── InvalidInput            bad value or request (400)
    │   ├── InvalidIndicator    a value that is no phone, card, IBAN, URL ... (400)
    │   └── TooLarge            a body, text or batch over its limit (413)
    ├── NotAuthenticated        no or unknown token (401)
    ├── Forbidden               the role may not do this (403)
    ├── NotFound                no such id (404)
    ├── Conflict                a state change that is not allowed (409)
    │   └── InvalidTransition   a step the object's state machine refuses (409)
    └── RateLimited             too many requests from one client (429)

Messages are user-facing: they name the offending value (masked where it is personal data)
and are translated at the edge through the message id in ``code``.
"""

from __future__ import annotations


class CyberPolError(Exception):
    """Base of every error CyberPol raises on purpose."""

    code = "error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class InvalidInput(CyberPolError):
    code = "invalid_input"


class InvalidIndicator(InvalidInput):
    code = "invalid_indicator"


class TooLarge(InvalidInput):
    code = "too_large"


class NotAuthenticated(CyberPolError):
    code = "not_authenticated"


class Forbidden(CyberPolError):
    code = "forbidden"


class NotFound(CyberPolError):
    code = "not_found"


class Conflict(CyberPolError):
    code = "conflict"


class InvalidTransition(Conflict):
    """The message names the current state, so the caller knows why the step was refused."""

    code = "invalid_transition"


class DuplicateSubmission(Conflict):
    """Another request with the same idempotency key won the race; replay its result."""

    code = "conflict"


class RateLimited(CyberPolError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, **params: object) -> None:
        super().__init__(message, **params)
        self.retry_after = retry_after
