"""The shipped prompts pack is found both from the repository and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from softlanding import paths

ROOT = Path(__file__).resolve().parents[1]


def test_pack_found_from_the_repository() -> None:
    assert paths.shipped_prompts_path() == ROOT / "data" / "prompts.yaml"


@pytest.mark.slow
def test_pack_found_from_an_installed_wheel(tmp_path: Path) -> None:
    """`pip install .` into a fresh venv, then run from another folder."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(next(wheels.glob("softlanding-*.whl"))),
        ],
        check=True,
        timeout=300,
    )
    # Dependencies come from the test environment; softlanding itself only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "SOFTLANDING_HOME": str(tmp_path / "home"), "PYTHONPATH": ""}
    result = subprocess.run(
        [str(python), "-m", "softlanding", "prompts", "path"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    shipped = result.stdout.splitlines()[0].split(":", 1)[1].strip()
    assert str(env_dir) in shipped and shipped.endswith("softlanding/data/prompts.yaml")
    check = subprocess.run(
        [str(python), "-m", "softlanding", "prompts", "check"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert sys.prefix != str(env_dir)
