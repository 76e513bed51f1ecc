"""The drop model CyberPol ships: what it was built from, and that it can be built again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cyberpol.kernel.errors import InvalidInput
from cyberpol.mules.store.model import DEFAULT_MODELS, MuleModel
from cyberpol.synth.mule_model import SHIPPED_INPUTS


def test_the_shipped_model_fits_todays_features_and_says_how_good_it_is() -> None:
    model = MuleModel.load(DEFAULT_MODELS)
    assert model is not None
    card = json.loads((DEFAULT_MODELS / f"mule-{model.version}.json").read_text())
    assert card["features"] == list(SHIPPED_INPUTS) == list(model.inputs)
    # Measured on a synthetic seed it never saw, against the rules alone.
    assert card["metrics"]["held_out_seed"] != 1
    assert card["metrics"]["held_out_f1"] >= 0.9
    assert card["metrics"]["held_out_f1"] > card["metrics"]["held_out_rules_f1"]


def test_a_model_reading_features_that_no_longer_exist_is_refused(tmp_path: Path) -> None:
    model = MuleModel.load(DEFAULT_MODELS)
    assert model is not None
    model.save(tmp_path)
    card = tmp_path / f"mule-{model.version}.json"
    text = json.loads(card.read_text())
    text["features"][0] = "in_count_v0"
    card.write_text(json.dumps(text))
    with pytest.raises(InvalidInput, match="other features"):
        MuleModel.load(tmp_path)


@pytest.mark.slow
def test_the_same_seed_builds_the_same_file(tmp_path: Path) -> None:
    files = []
    for run in ("a", "b"):
        out = tmp_path / run
        built = subprocess.run(
            [sys.executable, "-m", "cyberpol", "synth", "mule-model",
             "--out", str(out), "--transfers", "20000", "--seed", "5"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert built.returncode == 0, built.stderr
        files.append((out / "mule-synth-s5-n20000.txt").read_bytes())
        assert (out / "current").read_text() == "synth-s5-n20000"
    assert files[0] == files[1]
