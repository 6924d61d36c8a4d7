"""The shipped pattern weights load and carry the settings tools/train_patterns.py trains with."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from softlanding.analysis import model as pattern_model

ROOT = Path(__file__).resolve().parents[1]


def _trainer_constants() -> dict[str, object]:
    """EPOCHS, L2, MIN_COUNT, STEM, CONTEXT, HARD_WEIGHT as the trainer first sets them (read,
    not imported: it trains)."""
    tree = ast.parse((ROOT / "tools" / "train_patterns.py").read_text(encoding="utf-8"))
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("CONTEXT", "HARD_WEIGHT") and name not in found:
                found[name] = ast.literal_eval(node.value)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
            names = [getattr(t, "id", "") for t in node.targets[0].elts]
            if "EPOCHS" in names:
                return found | dict(zip(names, ast.literal_eval(node.value), strict=True))
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
    assert raw["threshold"] == settings["threshold"] and raw["veto"] == settings["veto"]
    assert len(raw["threshold"]) == len(raw["veto"]) == len(raw["kinds"]) == 4
    assert settings["context"] == want["CONTEXT"] and settings["hard"] == want["HARD_WEIGHT"]
    loaded = pattern_model.PatternModel.load({})
    assert loaded is not None and loaded.stem == settings["stem"]
    assert len(loaded.rows) > 5000 and loaded.settings == settings


def test_stems_are_features_only_when_asked() -> None:
    words = ["you", "pathetic", "_laugh"]
    plain = set(pattern_model.clause_features(words))
    stemmed = set(pattern_model.clause_features(words, 5))
    assert "pathe~" not in plain and "pathe~" in stemmed
    assert stemmed - plain == {"pathe~"}  # markers like _laugh are never cut


def test_context_features_cross_the_rules_findings() -> None:
    """Quoted or reported words, third parties and teasing are features, each crossed with what
    the rules found, so the model can overrule a rule there and nowhere else."""
    quoted = pattern_model.context_features(["my", "mum", "said", "_quote"], ["contempt"])
    assert {"ctx:quote", "ctx:report", "ctx:third", "rule:contempt&quote"} <= set(quoted)
    teasing = pattern_model.context_features(["you", "dork", "_laugh", "love", "you", "x"], [])
    praise = pattern_model.context_features(["so", "proud", "of", "you"], ["criticism"])
    assert {"ctx:praise", "rule:criticism&praise"} <= set(praise)
    assert {"ctx:tease", "ctx:affection", "ctx:tease_love"} <= set(teasing)
    assert not any(f.startswith("rule:") for f in teasing)
    plain = pattern_model.context_features(["you", "never", "listen"], ["criticism"])
    assert plain == []


def test_a_rule_is_overruled_sooner_in_context() -> None:
    """Out of context a rule's finding stands unless the model is sure; where the words are
    quoted, reported, about a third party, teasing or praise, the in-context bar applies."""
    loaded = pattern_model.PatternModel.load({})
    assert loaded is not None
    for i in range(len(loaded.kinds)):
        assert loaded.bar(i, ruled=False) == loaded.threshold[i]
        assert loaded.bar(i, ruled=True) == loaded.veto[i] <= -3.0
        assert loaded.bar(i, ruled=True, context=True) == loaded.veto_context[i]
    assert pattern_model.has_context(["ctx:quote"]) and pattern_model.has_context(["ctx:tease"])
    assert not pattern_model.has_context(["ctx:affection", "ctx:pause", "rule:contempt"])
