"""The shipped pattern weights load and carry the settings tools/train_patterns.py trains with."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from softlanding.analysis import model as pattern_model

ROOT = Path(__file__).resolve().parents[1]


def _trainer_constants() -> dict[str, object]:
    """EPOCHS, L2, MIN_COUNT, STEM as the trainer sets them (read, not imported: it trains)."""
    tree = ast.parse((ROOT / "tools" / "train_patterns.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
            names = [getattr(t, "id", "") for t in node.targets[0].elts]
            if "EPOCHS" in names:
                return dict(zip(names, ast.literal_eval(node.value), strict=True))
    raise AssertionError("tools/train_patterns.py sets no EPOCHS")


def test_shipped_pattern_weights_match_their_training() -> None:
    raw = json.loads(pattern_model.WEIGHTS.read_text(encoding="utf-8"))
    settings = raw["settings"]
    want = _trainer_constants()
    assert (settings["epochs"], settings["l2"], settings["min_count"], settings["stem"]) == (
        want["EPOCHS"],
        want["L2"],
        want["MIN_COUNT"],
        want["STEM"],
    )
    assert settings["rules"] is True
    assert raw["threshold"] == [settings["threshold"]] * 4 and raw["veto"] == [settings["veto"]] * 4
    loaded = pattern_model.PatternModel.load({})
    assert loaded is not None and loaded.stem == settings["stem"]
    assert len(loaded.rows) > 5000 and loaded.settings == settings


def test_stems_are_features_only_when_asked() -> None:
    words = ["you", "pathetic", "_laugh"]
    plain = set(pattern_model.clause_features(words))
    stemmed = set(pattern_model.clause_features(words, 5))
    assert "pathe~" not in plain and "pathe~" in stemmed
    assert stemmed - plain == {"pathe~"}  # markers like _laugh are never cut
