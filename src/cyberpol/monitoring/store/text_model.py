"""The scam-text model on disk: ``model.npz`` (features, idf, weights, intercepts and scheme
names as plain arrays, read without pickle) and ``card.json`` (version, threshold, how it
was trained and measured). CyberPol ships one in ``monitoring/text_model``; ``cyberpol synth
text-model`` rebuilds it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from cyberpol.kernel.errors import InvalidInput
from cyberpol.monitoring.detectors.texts import TextModel

SHIPPED = Path(__file__).resolve().parent.parent / "text_model"
_ARRAYS = "model.npz"
_CARD = "card.json"


def _joined(words: tuple[str, ...]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _split(blob: np.ndarray) -> tuple[str, ...]:
    return tuple(blob.tobytes().decode("utf-8").split("\n"))


def save_text_model(model: TextModel, folder: Path) -> None:
    """Write ``model`` into ``folder`` (created if missing), replacing what is there."""
    folder.mkdir(parents=True, exist_ok=True)
    # Half precision keeps the file small; the weights need no more than three digits.
    np.savez_compressed(
        folder / _ARRAYS,
        features=_joined(model.features),
        idf=model.idf.astype(np.float32),
        weights=model.weights.astype(np.float16),
        intercepts=model.intercepts.astype(np.float64),
        schemes=_joined(model.schemes),
    )
    card = {"version": model.version, "threshold": model.threshold} | model.card
    (folder / _CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")  # fmt: skip


def load_text_model(folder: Path | None = None) -> TextModel:
    """The model in ``folder`` (the shipped one by default); InvalidInput if unreadable."""
    source = folder or SHIPPED
    try:
        card: dict[str, Any] = json.loads((source / _CARD).read_text(encoding="utf-8"))
        with np.load(source / _ARRAYS, allow_pickle=False) as arrays:
            model = TextModel(
                features=_split(arrays["features"]),
                idf=arrays["idf"].astype(np.float32),
                weights=arrays["weights"].astype(np.float32),
                intercepts=arrays["intercepts"].astype(np.float64),
                schemes=_split(arrays["schemes"]),
                threshold=float(card.get("threshold", 0.5)),
                version=str(card.get("version", "")),
                card={k: v for k, v in card.items() if k not in ("version", "threshold")},
            )
    except (OSError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise InvalidInput(f"Cannot read the scam-text model in {source}: {exc}") from None
    return model
