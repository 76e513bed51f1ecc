"""Crypto wallets, checksum-validated: BTC (base58check, bech32/bech32m), ETH (EIP-55), TRON."""

from __future__ import annotations

import re

import base58
import bech32
from Crypto.Hash import keccak

from cyberpol.kernel.errors import InvalidIndicator

_BASE58 = re.compile(r"[1-9A-HJ-NP-Za-km-z]{25,35}")
_ETH = re.compile(r"0x[0-9a-fA-F]{40}")


def _keccak_hex(text: str) -> str:
    return keccak.new(digest_bits=256, data=text.encode()).hexdigest()


def eip55(address_hex: str) -> str:
    """The EIP-55 mixed-case checksum form of a 40-hex-digit Ethereum address."""
    lower = address_hex.lower()
    digest = _keccak_hex(lower)
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(lower, digest[:40], strict=True)
    )


def _base58check_payload(text: str) -> bytes | None:
    if not _BASE58.fullmatch(text):
        return None
    try:
        return base58.b58decode_check(text)
    except ValueError:
        return None


def normalize_wallet(raw: str) -> tuple[str, str]:
    """(canonical address, chain) for a BTC, ETH or TRON address; raises when the checksum fails."""
    text = raw.strip()
    if _ETH.fullmatch(text):
        body = text[2:]
        canonical = eip55(body)
        mixed = body != body.lower() and body != body.upper()
        if mixed and canonical != "0x" + body:
            raise InvalidIndicator(
                f"Ethereum address fails its EIP-55 checksum: {text!r}", value=text
            )
        return canonical, "ethereum"
    if text[:3].lower() == "bc1":
        lower = text.lower()
        if text != lower and text != text.upper():
            raise InvalidIndicator(f"Mixed-case bech32 address: {text!r}", value=text)
        version, program = bech32.decode("bc", lower)
        if version is None or program is None:
            raise InvalidIndicator(
                f"Bitcoin address fails its bech32 checksum: {text!r}", value=text
            )
        return lower, "bitcoin"
    payload = _base58check_payload(text)
    if payload is not None and len(payload) == 21:
        if payload[0] in (0x00, 0x05):
            return text, "bitcoin"
        if payload[0] == 0x41:
            return text, "tron"
    raise InvalidIndicator(f"Not a valid BTC, ETH or TRON wallet address: {text!r}", value=text)


def looks_like_wallet(text: str) -> bool:
    """Cheap shape test used before the checksum is computed."""
    first = text[:1]
    if first == "0":
        return _ETH.fullmatch(text) is not None
    if text[:3].lower() == "bc1":
        return 14 <= len(text) <= 90
    return first in "13T" and _BASE58.fullmatch(text) is not None
