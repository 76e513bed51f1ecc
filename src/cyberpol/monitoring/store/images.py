"""Photos sent as files beside an export: their 64-bit perceptual hashes (imagehash's pHash),
the form ring detection compares, so a platform may send pictures instead of hashes."""

from __future__ import annotations

import warnings
from pathlib import Path

import imagehash
from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # larger claims are decompression bombs, not ad photos


def photo_hashes(names: object, folder: Path) -> tuple[list[str], list[str]]:
    """The pHashes (16 hex digits) of the photos ``names`` lists (';'-joined or a list) in
    ``folder``, and what could not be read, by name. Names reaching outside the folder are
    refused: the export speaks only for its own files."""
    items = names if isinstance(names, list | tuple) else str(names or "").split(";")
    root = folder.resolve()
    hashes: list[str] = []
    problems: list[str] = []
    for raw in items:
        name = str(raw).strip()
        if not name:
            continue
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            problems.append(f"{name}: no such photo beside the export")
            continue
        try:
            hashes.append(str(_phash(path)))
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            problems.append(f"{name}: not a readable picture")
    return hashes, problems


def _phash(path: Path) -> imagehash.ImageHash:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(path) as picture:
            picture.draft("L", (256, 256))  # JPEGs decode at a fraction of their size
            return imagehash.phash(picture)
