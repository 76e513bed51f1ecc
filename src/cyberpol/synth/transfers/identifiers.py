"""Identifiers built as byte matrices with numpy, then handed to Arrow without Python strings.

A matrix of ASCII codes, one row per value, is exactly the data buffer of an Arrow string
array of fixed width, so millions of IBANs or transfer ids cost a few numpy operations.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from cyberpol.synth.transfers.banks import KAZAKH_BANKS

_HEX = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)


def text_columns(text: str, rows: int) -> np.ndarray:
    """``text`` repeated on ``rows`` rows, as an ASCII matrix."""
    return np.broadcast_to(np.frombuffer(text.encode("ascii"), dtype=np.uint8), (rows, len(text)))


def digit_columns(numbers: np.ndarray, width: int) -> np.ndarray:
    """Non-negative ``numbers`` as zero-padded decimal, one row each (``width`` <= 18)."""
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (np.asarray(numbers, dtype=np.int64)[:, None] // powers % 10 + 48).astype(np.uint8)


def hex_columns(numbers: np.ndarray, width: int) -> np.ndarray:
    """Non-negative ``numbers`` as zero-padded upper-case hexadecimal, one row each."""
    shifts = 4 * np.arange(width - 1, -1, -1, dtype=np.int64)
    return _HEX[(np.asarray(numbers, dtype=np.int64)[:, None] >> shifts) & 15]


def join_columns(*parts: np.ndarray) -> np.ndarray:
    """Matrices with the same rows, side by side."""
    return np.ascontiguousarray(np.hstack(parts))


def string_array(matrix: np.ndarray) -> pa.StringArray:
    """An Arrow string array whose values are the rows of an ASCII ``matrix``."""
    rows, width = matrix.shape
    data = np.ascontiguousarray(matrix, dtype=np.uint8)
    offsets = np.arange(0, (rows + 1) * width, width, dtype=np.int32)
    return pa.StringArray.from_buffers(rows, pa.py_buffer(offsets), pa.py_buffer(data))


def ibans(country: str, bban: np.ndarray) -> np.ndarray:
    """IBANs of ``country`` with ISO 13616 mod-97 check digits over each BBAN row."""
    rows = bban.shape[0]
    remainder = np.zeros(rows, dtype=np.int64)
    # The check digits make BBAN + country + "00", letters read as 10..35, equal 1 modulo 97.
    tail = text_columns(country + "00", rows)
    for column in np.hstack([bban, tail]).T.astype(np.int64):
        letter = column >= 65
        value = np.where(letter, column - 55, column - 48)
        remainder = (remainder * np.where(letter, 100, 10) + value) % 97
    check = digit_columns(98 - remainder, 2)
    return join_columns(text_columns(country, rows), check, bban)


def unique_numbers(rng: np.random.Generator, count: int, upper: int) -> np.ndarray:
    """``count`` distinct integers in [0, upper), in random order."""
    if count > upper:
        raise ValueError(f"Cannot draw {count} distinct numbers below {upper}")
    drawn = np.unique(rng.integers(0, upper, size=count + count // 8 + 8, dtype=np.int64))
    while drawn.size < count:
        more = rng.integers(0, upper, size=count - drawn.size + 8, dtype=np.int64)
        drawn = np.union1d(drawn, more)
    return rng.permutation(drawn)[:count]


def kazakh_ibans(rng: np.random.Generator, bank: np.ndarray) -> pa.StringArray:
    """A distinct Kazakh IBAN for each account, shaped like the account numbers of its bank."""
    bban = np.empty((bank.size, 16), dtype=np.uint8)
    for b, spec in enumerate(KAZAKH_BANKS):
        at = np.flatnonzero(bank == b)
        numbers = digit_columns(unique_numbers(rng, at.size, 10**spec.digits), spec.digits)
        bban[at] = join_columns(
            text_columns(spec.code + spec.prefix, at.size),
            numbers,
            text_columns(spec.suffix, at.size),
        )
    return string_array(ibans("KZ", bban))
