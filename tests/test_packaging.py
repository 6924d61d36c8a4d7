"""The shipped prompts pack is found both from the repository and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
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
    with zipfile.ZipFile(next(wheels.glob("softlanding-*.whl"))) as wheel:
        shipped = set(wheel.namelist())
    for name in ("pattern_model", "safety_model"):  # the weights, and the copy processes read
        assert {f"softlanding/analysis/{name}.{ext}" for ext in ("json", "table")} <= shipped
    assert "softlanding/data/regexes.marshal" in shipped  # the first run parses no regex
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


def test_first_run_uses_the_compiled_copy_shipped_beside_the_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel carries the compiled pack, so the first run needs no pydantic; a stale one is
    ignored."""
    from softlanding.pack import loader

    shipped = tmp_path / "data" / "prompts.yaml"
    shipped.parent.mkdir()
    shipped.write_bytes((ROOT / "data" / "prompts.yaml").read_bytes())
    monkeypatch.setattr(paths, "shipped_prompts_path", lambda: shipped)
    monkeypatch.setenv("SOFTLANDING_HOME", str(tmp_path / "first-run"))
    monkeypatch.delenv("SOFTLANDING_PROMPTS", raising=False)
    compiled = loader.compiled_shipped()
    compiled["analysis"]["bid_fallback"] = "marker from the shipped copy"
    beside = shipped.with_name(loader.SHIPPED_COMPILED)
    import json

    beside.write_text(json.dumps(compiled), encoding="utf-8")
    assert loader.load_data()["analysis"]["bid_fallback"] == "marker from the shipped copy"
    assert not list((tmp_path / "first-run").rglob("pack-*.json"))  # nothing built per user
    shipped.write_bytes(shipped.read_bytes() + b"\n# edited\n")  # now the copy is stale
    assert loader.load_data()["analysis"]["bid_fallback"] != "marker from the shipped copy"
