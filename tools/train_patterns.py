"""Train the pattern model (plain Python, no numpy): `.venv/bin/python tools/train_patterns.py`.

Learns from the old labelled set and the blind sets' development half only (never held-out),
writes src/softlanding/analysis/pattern_model.json. `--cv` scores training on one blind set's dev
half against the other's, to choose settings without touching held-out messages.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
os.environ["SOFTLANDING_HOME"] = tempfile.mkdtemp(prefix="sl-train-")
os.environ.pop("SOFTLANDING_PROMPTS", None)

from eval_patterns import KINDS, prf, rows_of  # noqa: E402
from pattern_families import generate  # noqa: E402

from softlanding.analysis.model import WEIGHTS, PatternModel  # noqa: E402

SHORTHAND: dict[str, str] = {}
MODEL = PatternModel({"kinds": KINDS, "bias": [], "threshold": [], "weights": ""}, SHORTHAND)

RULES = "--no-rules" not in sys.argv  # read before argparse: examples() is called early
Example = tuple[list[str], list[int]]


def dev_examples() -> list[dict[str, Any]]:
    """The hand-written development examples of tests/test_analysis.py (per linguistic family)."""
    import ast

    source = (ROOT / "tests" / "test_analysis.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "DEV":
            rows = ast.literal_eval(node.value)
            return [{"text": t, "patterns": sorted(k)} for t, k, _safe in rows]
    return []


def normaliser() -> Any:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    data = load_data()
    words = data["analysis"]["normalise"]["words"]
    SHORTHAND.update({str(k): str(v) for k, v in words.items()})
    return Analyzer.from_pack(data)


def examples(rows: list[dict[str, Any]], norm: Any) -> list[Example]:
    out = []
    for r in rows:
        text = r["text"]
        n = norm._normalise(text)
        ruled: set[str] = set()
        if RULES:
            from softlanding.analysis.analyzer import _inside
            from softlanding.analysis.model import quotations
            from softlanding.analysis.text import Doc

            quoted = quotations(text, SHORTHAND)
            found = norm._rule_findings(text, n, Doc(n.text))
            ruled = {f.kind for f in found if not _inside(quoted, f)}
        feats = MODEL.feature_list(text, ruled)
        out.append((feats, [int(k in r["patterns"]) for k in KINDS]))
    return out


def train(data: list[Example], epochs: int, l2: float, min_count: int, seed: int = 7) -> dict:
    counts = Counter(f for feats, _ in data for f in feats)
    vocab = {f for f, c in counts.items() if c >= min_count}
    k = len(KINDS)
    w: dict[str, list[float]] = {f: [0.0] * k for f in vocab}
    g2: dict[str, list[float]] = {f: [1e-8] * k for f in vocab}
    bias, bg2 = [0.0] * k, [1e-8] * k
    pos = [sum(y[i] for _, y in data) for i in range(k)]
    cw = [(len(data) - p) / max(p, 1) for p in pos]  # balance each pattern against the rest
    cw = [min(3.0, max(1.0, c**0.5)) for c in cw]
    rnd = random.Random(seed)
    order = list(range(len(data)))
    lr = 0.3
    for _ in range(epochs):
        rnd.shuffle(order)
        for j in order:
            feats, y = data[j]
            fs = [f for f in feats if f in vocab]
            for i in range(k):
                z = bias[i] + sum(w[f][i] for f in fs)
                p = 1.0 / (1.0 + math.exp(-max(-30, min(30, z))))
                g = (p - y[i]) * (cw[i] if y[i] else 1.0)
                bg2[i] += g * g
                bias[i] -= lr * g / math.sqrt(bg2[i])
                for f in fs:
                    gf = g + l2 * w[f][i]
                    g2[f][i] += gf * gf
                    w[f][i] -= lr * gf / math.sqrt(g2[f][i])
    return {"kinds": list(KINDS), "bias": bias, "threshold": [0.0] * k, "weights": w}


def predict(model: dict, feats: list[str]) -> list[float]:
    s = list(model["bias"])
    for f in feats:
        v = model["weights"].get(f)
        if v:
            for i in range(len(s)):
                s[i] += v[i]
    return s


def evaluate(
    model: dict, data: list[Example], thresholds: list[float], veto: float
) -> tuple[float, float]:
    k = len(KINDS)
    c = [[0, 0, 0] for _ in range(k)]
    clean = alarms = 0
    for feats, y in data:
        s = predict(model, feats)
        got = [s[i] >= (veto if "rule:" + KINDS[i] in feats else thresholds[i]) for i in range(k)]
        for i in range(k):
            if got[i] and y[i]:
                c[i][0] += 1
            elif got[i]:
                c[i][1] += 1
            elif y[i]:
                c[i][2] += 1
        clean += not any(y)
        alarms += not any(y) and any(got)
    return sum(prf(*x)[2] for x in c) / k, alarms / max(clean, 1)


def packed(model: dict) -> dict:
    """The shipped form: feature names in one string, weights as int8 steps (fast to load)."""
    import base64

    weights = model["weights"]
    top = max((abs(x) for v in weights.values() for x in v), default=1.0)
    scale = top / 127
    rows = {f: [round(x / scale) for x in v] for f, v in weights.items()}
    rows = {f: v for f, v in sorted(rows.items()) if any(v)}
    steps = bytes((x + 256) % 256 for v in rows.values() for x in v)
    return {
        "kinds": model["kinds"],
        "bias": model["bias"],
        "threshold": model["threshold"],
        "veto": model["veto"],
        "scale": scale,
        "features": "\n".join(rows),
        "weights": base64.b64encode(steps).decode("ascii"),
    }


def cross_validate(dev: list[Example], rest: list[Example], args: argparse.Namespace) -> None:
    """5-fold over the blind dev half (old set and our families always train): settings only."""
    folds = [[e for i, e in enumerate(dev) if i % 5 == f] for f in range(5)]
    models = []
    for f in range(5):
        others = [e for g in range(5) if g != f for e in folds[g]]
        models.append(train(rest + others, args.epochs, args.l2, args.min_count))
    for t in (0.25, 0.75, 1.0):
        for v in (-3.0, -5.0, -99.0):
            got = [evaluate(models[f], folds[f], [t] * len(KINDS), v) for f in range(5)]
            f1, fa = (sum(x[i] for x in got) / 5 for i in (0, 1))
            print(f"threshold {t:.2f} veto {v:.2f}: 5-fold dev macro-F1 {f1:.3f} clean FA {fa:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cv", action="store_true", help="5-fold scores for a grid of thresholds")
    ap.add_argument("--no-rules", action="store_true", help="leave the rules' findings out")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--l2", type=float, default=0.002)
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=1.0, help="log-odds to add a pattern")
    ap.add_argument("--veto", type=float, default=-3.0, help="log-odds to overrule a rule")
    args = ap.parse_args()
    norm = normaliser()
    old = rows_of("labelled_messages.jsonl") + generate() + dev_examples()
    blind = rows_of("patterns_blind_a.jsonl", "dev") + rows_of("patterns_blind_b.jsonl", "dev")
    if args.cv:
        cross_validate(examples(blind, norm), examples(old, norm), args)
        return 0
    model = train(examples(old + blind, norm), args.epochs, args.l2, args.min_count)
    model["threshold"] = [args.threshold] * len(KINDS)
    model["veto"] = [args.veto] * len(KINDS)
    WEIGHTS.write_text(json.dumps(packed(model), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {WEIGHTS} ({len(model['weights'])} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
