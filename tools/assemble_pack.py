"""Development only: join data/parts/*.yaml into data/prompts.yaml (text parts merged by screen)."""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ROOT / "data" / "parts"

chunks: list[str] = []
for name in ("core.yaml", "analysis.yaml"):
    if (PARTS / name).is_file():
        chunks.append((PARTS / name).read_text(encoding="utf-8").rstrip() + "\n")
if not (PARTS / "analysis.yaml").is_file():
    chunks.append('analysis:\n  source: "placeholder until the analyzer part exists"\n')
text: dict[str, dict[str, str]] = {}
for part in sorted(PARTS.glob("text_*.yaml")):
    for screen, labels in (yaml.safe_load(part.read_text(encoding="utf-8")) or {})["text"].items():
        block = text.setdefault(screen, {})
        clash = set(block) & set(labels)
        if clash:
            sys.exit(
                f"{part.name}: text.{screen} ids already used by another part: {sorted(clash)}"
            )
        block.update(labels)
chunks.append(
    "# Words on screens and keys, by screen.\n"
    + yaml.safe_dump({"text": text}, sort_keys=False, allow_unicode=True, width=100)
)
(ROOT / "data" / "prompts.yaml").write_text("\n".join(chunks), encoding="utf-8")
print("wrote data/prompts.yaml from", sorted(p.name for p in PARTS.glob("*.yaml")))
