"""A fresh clone works as the README says: nothing machine-specific is tracked, `make demo` runs.

The first test reads the index: a tracked symlink, virtual environment or cache is one
machine's state, and breaks the next machine (a tracked `.venv` symlink made `make demo` fail
with "File exists: .venv"). The second clones the committed HEAD and runs the README's first
command in the clone as a real process. It works offline: the clone's fresh environment sees
this environment's packages through PYTHONPATH, so pip finds every pin of the lock already
satisfied (PIP_NO_INDEX=1 forbids any download) and builds the editable install without
isolation. CI (.ci/run) runs the same commands on a fresh clone with the package registry.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path, PurePosixPath

import pytest
from packaging.requirements import Requirement

from tests.conftest import REPO_ROOT
from tests.support.flashback_process import run_to_end

# Directories that only ever hold one machine's state.
MACHINE_DIRS = {
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "node_modules",
    ".tox",
}
MACHINE_FILES = {"pyvenv.cfg", ".env", ".installed", "heartbeat.json"}
MACHINE_SUFFIXES = (".pyc", ".pyo", ".db", ".egg-info")


def _git(*args: str, cwd: Path = REPO_ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _tracked() -> list[tuple[str, PurePosixPath]]:
    """(mode, path) of every file in the index."""
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    entries = []
    for line in _git("ls-files", "--stage", "-z").split("\0"):
        if line:
            meta, path = line.split("\t", 1)
            entries.append((meta.split()[0], PurePosixPath(path)))
    return entries


def machine_state(entries: list[tuple[str, PurePosixPath]]) -> list[str]:
    """The tracked paths that are symlinks, environments, caches or local data."""
    found = []
    for mode, path in entries:
        if mode == "120000":
            found.append(f"{path} (a symlink)")
        elif MACHINE_DIRS & set(path.parts[:-1]) or path.parts[0] in {"data", "dist", "build"}:
            found.append(f"{path} (inside an environment, cache or data directory)")
        elif path.name in MACHINE_FILES or path.name.endswith(MACHINE_SUFFIXES):
            found.append(f"{path} (one machine's file)")
    return found


def test_the_checker_sees_what_broke_the_fresh_clone() -> None:
    broken = [
        ("120000", PurePosixPath(".venv")),
        ("100644", PurePosixPath(".venv/pyvenv.cfg")),
        ("100644", PurePosixPath("bot/__pycache__/app.cpython-311.pyc")),
        ("100644", PurePosixPath(".mypy_cache/3.11/bot.json")),
        ("100644", PurePosixPath("data/flashback.db")),
        ("100644", PurePosixPath("bot/app.py")),
    ]
    assert len(machine_state(broken)) == 5


def test_no_symlink_environment_or_cache_is_tracked() -> None:
    assert machine_state(_tracked()) == []


def test_ci_runs_the_readme_commands_without_preparing_the_clone() -> None:
    script = (REPO_ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip().startswith("make")]
    assert commands == ["make demo", "make test"]
    assert "rm " not in script
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme


@pytest.mark.slow
def test_a_fresh_clone_runs_make_demo(tmp_path: Path) -> None:
    _tracked()  # skips outside a git checkout
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO_ROOT), str(clone)], check=True)
    _git("checkout", "--quiet", _git("rev-parse", "HEAD").strip(), cwd=clone)
    ours = os.pathsep.join(
        sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env.update(
        PYTHONPATH=ours,
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    base_python = getattr(sys, "_base_executable", sys.executable)
    done = run_to_end(["make", "demo", f"PYTHON={base_python}"], env, clone, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Ingested 5 reports" in done.stdout
    assert "--- posted to #console ---" in done.stdout
    assert (clone / ".venv").is_dir() and not (clone / ".venv").is_symlink()
    # The README's command changed nothing tracked and left nothing that git would pick up.
    assert _git("status", "--porcelain", cwd=clone) == ""


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lock: str) -> dict[str, str]:
    """name -> version of every pinned line of a lock file."""
    text = (REPO_ROOT / lock).read_text("utf-8")
    return {
        _canonical(m["name"]): m["version"]
        for m in re.finditer(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)", text, re.M)
    }


def test_the_locks_pin_every_declared_dependency() -> None:
    # A dependency added to pyproject.toml without `make lock` would install nowhere.
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    runtime = {_canonical(Requirement(r).name) for r in project["dependencies"]}
    dev = {_canonical(Requirement(r).name) for r in project["optional-dependencies"]["dev"]}
    lock, dev_lock = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert runtime - set(lock) == set(), "run `make lock`"
    assert (runtime | dev) - set(dev_lock) == set(), "run `make lock`"
    # The image and development run the same versions of what they share.
    assert {name: lock[name] for name in lock} == {name: dev_lock[name] for name in lock}
