"""Development only: join data/parts/*.yaml into data/prompts.yaml (text parts share one `text:`)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ROOT / "data" / "parts"

chunks: list[str] = []
for name in ("core.yaml", "analysis.yaml"):
    if (PARTS / name).is_file():
        chunks.append((PARTS / name).read_text(encoding="utf-8").rstrip() + "\n")
if not (PARTS / "analysis.yaml").is_file():
    chunks.append('analysis:\n  source: "placeholder until the analyzer part exists"\n')
text_parts = sorted(PARTS.glob("text_*.yaml"))
body = ["text:\n"]
for part in text_parts:
    lines = part.read_text(encoding="utf-8").splitlines(keepends=True)
    body += [line for line in lines if line.strip() != "text:"]
    if body and not body[-1].endswith("\n"):
        body[-1] += "\n"
chunks.append("".join(body))
(ROOT / "data" / "prompts.yaml").write_text("\n".join(chunks), encoding="utf-8")
print("wrote data/prompts.yaml from", [p.name for p in PARTS.glob("*.yaml")])
