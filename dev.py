#!/usr/bin/env python3
"""Set up a private virtual environment on first use, then run the app or the tests.

python3 dev.py run [ARGS]    run softlanding (ARGS go to the app, e.g. `reflect "..."`)
python3 dev.py test [ARGS]   the gates (ruff, import contracts, mypy), then the whole test suite;
                             with ARGS, only pytest with those ARGS (e.g. one test file)
python3 dev.py gates         the gates alone
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".softlanding-installed"
CONSTRAINTS = ROOT / "constraints.txt"  # pins what draws the snapshots (textual, rich, ...)

# What must hold before the tests count: style, the layers' import contracts, types.
GATES = [
    ["ruff", "check", "src", "tests", "tools"],
    ["lint-imports"],  # contracts in pyproject.toml: the core never reaches Textual, ...
    ["mypy"],  # [tool.mypy] in pyproject.toml: the core strictly, the rest by default
]


def ensure_env() -> None:
    """Create .venv and install softlanding with its test tools when pyproject.toml changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("softlanding needs Python 3.11 or newer.")
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()
    ).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print("Setting up a private environment in .venv (first run only)...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "-c", str(CONSTRAINTS)]
        + ["-e", f"{ROOT}[test]"],
        check=True,
    )
    STAMP.write_text(wanted)


def gates() -> int:
    """Run each gate; the first that fails stops the run with its own message."""
    for gate in GATES:
        print(f"gate: {' '.join(gate)}", flush=True)
        code = subprocess.call([str(BIN / gate[0]), *gate[1:]], cwd=ROOT)
        if code:
            print(f"gate failed: {' '.join(gate)}", file=sys.stderr)
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "gates"):
        print(__doc__)
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "run":
        return subprocess.call([str(PYTHON), "-m", "softlanding", *rest], cwd=ROOT)
    if command == "gates" or not rest:
        code = gates()
        if code or command == "gates":
            return code
    # The whole suite runs on every core; a chosen subset runs plainly.
    spread = [] if rest else ["-n", "auto"]
    return subprocess.call([str(PYTHON), "-m", "pytest", *spread, *rest], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
