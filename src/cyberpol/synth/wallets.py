"""Crypto wallets: USDT on TRON first, then Ethereum and Bitcoin addresses."""

from __future__ import annotations

import random

import base58
import bech32

from cyberpol.kernel.indicators.normalize.crypto import eip55


def draw_wallet(rng: random.Random) -> str:
    """A valid address: checksummed TRON, EIP-55 Ethereum, bech32 or legacy Bitcoin."""
    r = rng.random()
    if r < 0.45:  # USDT on TRON, the scammers' favourite
        return base58.b58encode_check(b"\x41" + rng.randbytes(20)).decode()
    if r < 0.65:
        return eip55(f"{rng.getrandbits(160):040x}")
    if r < 0.8:
        program = rng.randbytes(20 if rng.random() < 0.8 else 32)
        address = bech32.encode("bc", 0, program)
        assert address is not None  # a 20- or 32-byte version-0 program always encodes
        return address
    version = b"\x00" if r < 0.93 else b"\x05"
    return base58.b58encode_check(version + rng.randbytes(20)).decode()


def render_wallet(rng: random.Random, wallet: str) -> str:
    if wallet.startswith("0x") and rng.random() < 0.3:
        return wallet.lower()
    return wallet
