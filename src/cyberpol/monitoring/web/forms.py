"""What every form on the monitoring desk does first: the signed-in actor and the posted
form, or where to send the visitor instead."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from cyberpol.kernel.access import Actor
from cyberpol.kernel.labels import N_
from cyberpol.platform.web import csrf_valid, form_text, sign_in_first, signed_in, translated

EXPIRED = N_("The form has expired. Reload the page and try again.")


async def posted_form(request: Request, here: str) -> tuple[Actor, FormData] | Response:
    """The signed-in actor and the form; else where to send them (to sign in, or back to
    ``here`` saying the form expired)."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    form = await request.form(max_files=0, max_fields=10)
    if not csrf_valid(request, form_text(form, "csrf_token", 100)):
        return RedirectResponse(f"{here}?refused=expired", status_code=303)
    return actor, form


def expired(request: Request, refused: str) -> str:
    """The expired-form message when the address says so (only a known code comes through
    an address: a link must not put words on the page)."""
    return translated(request, EXPIRED) if refused == "expired" else ""
