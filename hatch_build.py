"""Build hook: compile the shipped prompts pack into the wheel, and the opcodes of its regexes,
so the first run after install starts as fast as every later one (no pydantic or YAML, no regex
parsing at start-up)."""

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
    "from softlanding.pack import fast_copy\n"
    "from softlanding.pack.loader import compiled_shipped\n"
    "data = compiled_shipped()\n"
    "with open(sys.argv[1], 'w', encoding='utf-8') as fh:\n"
    "    json.dump(data, fh, ensure_ascii=False)\n"
    "with open(sys.argv[2], 'wb') as fh:  # read instead when the same Python version runs it\n"
    "    fh.write(fast_copy.dumps(data))\n"
    "from softlanding.scripts.reflect import shipped_regexes\n"
    "with open(sys.argv[3], 'wb') as fh:  # opcodes: used when the same Python version runs it\n"
    "    fh.write(shipped_regexes(data))\n"
)


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # a development install reads the pack from the source tree
        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="softlanding-build-")) / "prompts.compiled.json"
        # the build environment's own packages (pydantic, PyYAML) must stay importable
        search = os.pathsep.join([str(root / "src"), *filter(None, sys.path)])
        env = {**os.environ, "PYTHONPATH": search}
        fast = out.with_name("prompts.compiled.marshal")
        regexes = out.with_name("regexes.marshal")
        done = subprocess.run(
            [sys.executable, "-c", COMPILE, str(out), str(fast), str(regexes)],
            env=env,
            check=False,
        )
        if (
            done.returncode == 0
        ):  # without it the first run compiles the pack itself: slower, not broken
            build_data["force_include"][str(out)] = "softlanding/data/prompts.compiled.json"
            build_data["force_include"][str(fast)] = "softlanding/data/prompts.compiled.marshal"
            build_data["force_include"][str(regexes)] = "softlanding/data/regexes.marshal"
