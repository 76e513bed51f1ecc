"""Personal data sealed at rest with AES-256-GCM under a key from the settings.

A sealed value is ``seal1:`` and the base64 of nonce, ciphertext and tag. The context (a
column and a row id) is authenticated with it, so a sealed contact copied onto another
report does not open there. A value without the prefix was stored before sealing existed
and is returned as it is.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from Crypto.Cipher import AES

PREFIX = "seal1:"
_NONCE, _TAG = 12, 16


class SealError(RuntimeError):
    """A sealed value did not open: the key changed or the stored value was altered."""


class Sealer:
    """Seals and opens short texts with one key (derived, so any 32+ character secret works)."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"cyberpol-seal-key:" + secret).digest()

    def seal(self, plain: str, *, context: str) -> str:
        nonce = secrets.token_bytes(_NONCE)
        cipher = AES.new(self._key, AES.MODE_GCM, nonce=nonce, mac_len=_TAG)
        cipher.update(context.encode())
        sealed, tag = cipher.encrypt_and_digest(plain.encode())
        return PREFIX + base64.b64encode(nonce + sealed + tag).decode("ascii")

    def open(self, stored: str, *, context: str) -> str:
        if not stored.startswith(PREFIX):
            return stored
        raw = base64.b64decode(stored[len(PREFIX) :])
        cipher = AES.new(self._key, AES.MODE_GCM, nonce=raw[:_NONCE], mac_len=_TAG)
        cipher.update(context.encode())
        try:
            return cipher.decrypt_and_verify(raw[_NONCE:-_TAG], raw[-_TAG:]).decode()
        except ValueError:
            raise SealError(
                f"A sealed {context.split(':')[0]} does not open: was CYBERPOL_CONTACT_KEY changed?"
            ) from None
