"""Write the table copies of the shipped model weights: `python tools/write_tables.py`.

The trainers write them with the JSON; this rewrites them from the JSON as it stands (after a
hand edit, or to check that the committed copies agree: tests/test_feature_table.py does).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from softlanding.analysis import feature_table, model, safety_model  # noqa: E402


def main() -> int:
    for path, k in ((model.WEIGHTS, 0), (safety_model.WEIGHTS, len(safety_model.HEADS))):
        data = json.loads(path.read_text(encoding="utf-8"))
        out = feature_table.write(path, data, k or len(data["kinds"]))
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
