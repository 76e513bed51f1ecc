"""Every JSON answer masks card numbers in its strings, so no endpoint echoes one in full.

Stored fields are masked on the way into the database, but an answer may be built from
what the caller sent (a bank's name, a case number in the path, a checked value). Only
strings are masked: a number in the JSON stays a number, so the body stays valid.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from cyberpol.platform.db.masked import mask_json


class MaskedJSONResponse(JSONResponse):
    """The application's default response class."""

    def render(self, content: Any) -> bytes:
        return super().render(mask_json(content))
