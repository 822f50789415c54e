"""The Docker image's own install and start commands, run without Docker.

No Docker engine runs here, so this test does what the Dockerfile does, with the same
scripts: docker/install.sh builds the wheel from this checkout and installs it into a fresh
virtual environment (the builder stage), docker/entrypoint.sh starts `flashback run` from it
(ENTRYPOINT + CMD), and `flashback health` (HEALTHCHECK) must then pass; SIGTERM (STOPSIGNAL)
must end it cleanly. A first test pins the Dockerfile to those scripts, so they cannot drift.

Offline: the fresh environment gets a .pth file naming the test environment's site-packages,
so pip finds every dependency already satisfied (PIP_NO_INDEX=1 forbids any download) and
the wheel's build backend without build isolation (PIP_NO_BUILD_ISOLATION=0, which pip reads
as "off"). A path listed in a .pth file is added as is, without running the .pth files inside
it, so the test environment's editable install of this checkout stays invisible: the bot that
runs is the one installed from the wheel. The image runs Python 3.12, this test the Python of
the test environment.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.support import flashback_process

pytestmark = pytest.mark.slow

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text("utf-8")


def _json_form(instruction: str) -> list[str]:
    """The exec-form argument list of the last Dockerfile line starting with ``instruction``."""
    joined = DOCKERFILE.replace("\\\n", " ")  # continuation lines
    lines = re.findall(rf"^{instruction}\s+(.*)$", joined, re.M)
    assert lines, f"no {instruction} in Dockerfile"
    return list(json.loads(lines[-1][lines[-1].index("[") :]))


def test_the_dockerfile_runs_these_scripts() -> None:
    assert "RUN sh docker/install.sh /src /opt/flashback" in DOCKERFILE
    assert "COPY docker/entrypoint.sh /usr/local/bin/flashback-entrypoint" in DOCKERFILE
    assert _json_form("ENTRYPOINT") == ["flashback-entrypoint"]
    assert _json_form("CMD") == ["run"]
    assert _json_form("HEALTHCHECK") == ["flashback", "health"]
    assert "STOPSIGNAL SIGTERM" in DOCKERFILE
    assert re.search(r"^ARG PYTHON_IMAGE=python:3\.12\.\d+-slim-\w+$", DOCKERFILE, re.M)
    assert re.search(r"^USER 10001:10001$", DOCKERFILE, re.M)
    assert "FLASHBACK_DATA_DIR=/data" in DOCKERFILE and 'VOLUME ["/data"]' in DOCKERFILE
    # The final stage works in /, so .env.example's relative `data` is the volume as well.
    assert DOCKERFILE.rsplit("FROM ", 1)[1].count("WORKDIR") == 1
    assert re.search(r"^WORKDIR /$", DOCKERFILE, re.M)


def test_the_image_installs_the_lock_and_ships_no_pip() -> None:
    assert "requirements.lock" in DOCKERFILE
    install = (REPO_ROOT / "docker" / "install.sh").read_text("utf-8")
    assert '--requirement "$src/requirements.lock"' in install
    assert "--no-deps" in install and "uninstall --yes --quiet pip" in install
    runtime = DOCKERFILE.rsplit("FROM ", 1)[1]
    assert "pip uninstall --yes" in runtime
    assert "--start-interval=" in DOCKERFILE
    # Engines before 25 parse --start-interval only through the BuildKit frontend.
    assert DOCKERFILE.startswith("# syntax=docker/dockerfile:1\n")


def _fresh_venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=120)
    site = Path(
        subprocess.run(
            [
                str(path / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_flashback_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return path


def test_install_start_health_and_stop_like_the_image(tmp_path: Path) -> None:
    venv = _fresh_venv(tmp_path / "opt-flashback")
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    installed = subprocess.run(
        ["sh", str(REPO_ROOT / "docker" / "install.sh"), str(REPO_ROOT), str(venv)],
        env=offline,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert not (venv / "bin" / "pip").exists()  # the runtime environment installs nothing

    # The wheel, not the checkout, is what runs; its corpus and templates are inside it.
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import bot, bot.paths as p; print(bot.__file__); "
            "print(p.shipped_corpus_dir()); print(p.shipped_templates_dir())",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert all(line.startswith(str(venv)) for line in where), where
    assert len(list(Path(where[1]).iterdir())) >= 5  # the shipped reports
    assert any(Path(where[2]).rglob("*.j2"))

    # As the container starts it: PATH has the venv, FLASHBACK_DATA_DIR is the volume.
    data = tmp_path / "data"
    env = flashback_process.bot_env(data)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    entrypoint = REPO_ROOT / "docker" / "entrypoint.sh"
    command = ["sh", str(entrypoint), *_json_form("CMD")]

    def healthcheck() -> int:
        return subprocess.run(
            _json_form("HEALTHCHECK"), env=env, cwd=tmp_path, capture_output=True
        ).returncode

    with flashback_process.running(command, env, tmp_path) as process:
        flashback_process.wait_until_healthy(process, lambda: healthcheck() == 0)
        exited = flashback_process.stop(process)
    assert exited.returncode == 0, exited.stderr
    assert "shutdown complete" in exited.stderr
    assert healthcheck() == 1  # a stopped bot is never reported healthy


def test_entrypoint_explains_an_unwritable_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    done = subprocess.run(
        ["sh", str(REPO_ROOT / "docker" / "entrypoint.sh"), "health"],
        env={**os.environ, "FLASHBACK_DATA_DIR": str(blocker / "data")},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert "not writable" in done.stderr and "chown" in done.stderr
