"""Write what the analyzer says about every message in tests/data/*.jsonl to a file, one JSON line
per message (patterns with spans, bid, rewrite, question, safety, live hints, `bid()`, the
thought check), so two versions of the code can be compared with `cmp`:

    PYTHONPATH=<tree A>/src python tools/compare_analysis.py /tmp/a.jsonl
    PYTHONPATH=<tree B>/src python tools/compare_analysis.py /tmp/b.jsonl
    cmp /tmp/a.jsonl /tmp/b.jsonl

Nothing is printed: the held-out and sealed rows' texts stay in the file you name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(out_path: str) -> int:
    from softlanding.analysis.analyzer import Analyzer
    from softlanding.pack.loader import load_data

    data = load_data()
    analyzer, resources = Analyzer.from_pack(data), data["safety"]["resources"]
    count = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                text = json.loads(line).get("text") if line.strip() else None
                if not isinstance(text, str):
                    continue
                found = analyzer.analyze(text).to_json(resources)
                hints = [(f.kind, f.start, f.end) for f in analyzer.hints(text)]
                said = [
                    found,
                    hints,
                    analyzer.bid(text),
                    analyzer.is_thought_not_feeling(text),
                    analyzer.safety(text).categories,
                ]
                out.write(json.dumps(said, ensure_ascii=False) + "\n")
                count += 1
    print(f"{count} messages written to {out_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
