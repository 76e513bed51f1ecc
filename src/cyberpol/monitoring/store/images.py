"""Photos sent as files beside an export: their 64-bit perceptual hashes (imagehash's pHash),
the form ring detection compares, so a platform may send pictures instead of hashes."""

from __future__ import annotations

import base64
import io
import warnings
from pathlib import Path

import imagehash
from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # larger claims are decompression bombs, not ad photos
MAX_PHOTOS = 20  # an ad's gallery; more is not an ad
MAX_PHOTO_BYTES = 5_000_000


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


def photo_hashes_of_data(items: object) -> tuple[list[str], list[str]]:
    """The pHashes of photos sent inside an ad (base64, as JSON carries them), and what
    could not be read, by place (1 for the first photo)."""
    if not isinstance(items, list | tuple):
        return [], ["images: a list of base64-encoded pictures was expected"]
    hashes: list[str] = []
    problems: list[str] = []
    for place, item in enumerate(items[:MAX_PHOTOS], start=1):
        try:
            data = base64.b64decode(str(item), validate=True)
            if len(data) > MAX_PHOTO_BYTES:
                raise ValueError("too large")
            hashes.append(str(_phash(io.BytesIO(data))))
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            problems.append(f"photo {place}: not a readable picture (base64, at most "
                            f"{MAX_PHOTO_BYTES // 1_000_000} MB)")  # fmt: skip
    if len(items) > MAX_PHOTOS:
        problems.append(f"only the first {MAX_PHOTOS} photos are read")
    return hashes, problems


def _phash(path: Path | io.BytesIO) -> imagehash.ImageHash:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(path) as picture:
            picture.draft("L", (256, 256))  # JPEGs decode at a fraction of their size
            return imagehash.phash(picture)
