"""Build hook: compile the shipped prompts pack into the wheel, so the first run after install
starts as fast as every later one (no pydantic or YAML at start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILE = (
    "import json, sys\n"
    "from softlanding.pack.loader import compiled_shipped\n"
    "with open(sys.argv[1], 'w', encoding='utf-8') as fh:\n"
    "    json.dump(compiled_shipped(), fh, ensure_ascii=False)\n"
)


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="softlanding-build-")) / "prompts.compiled.json"
        env = {**os.environ, "PYTHONPATH": str(root / "src")}
        subprocess.run([sys.executable, "-c", COMPILE, str(out)], env=env, check=True)
        build_data["force_include"][str(out)] = "softlanding/data/prompts.compiled.json"
