"""Running pandoc (shipped by the pypandoc-binary package) to get a document's JSON AST.

pandoc runs as a child process with ``--sandbox`` (a report cannot make it read other files:
``\\input{/etc/passwd}`` or ``include::`` stay unread), a heap ceiling passed to its runtime
(``+RTS -M``) and a wall-clock timeout; a child that overruns is killed with its group.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from bot.documents.errors import UnreadableReport


class PandocUnavailable(UnreadableReport):
    """pandoc is not installed where pypandoc-binary puts it, nor on PATH."""


@cache
def pandoc_path() -> str:
    """The pandoc binary: pypandoc-binary's copy, else one on PATH."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:
        raise PandocUnavailable(
            f"pandoc is needed for this form but was not found ({exc}); "
            "install the pypandoc-binary package"
        ) from None


def pandoc_ast(
    source: str | bytes,
    form: str,
    *,
    timeout: float,
    memory_mb: int,
    args: tuple[str, ...] = (),
    workdir: Path | None = None,
    budget: float | None = None,
) -> dict[str, Any]:
    """Read ``source`` written in pandoc's input ``form``; return the parsed JSON AST.

    ``timeout`` is what is left of the file's time ``budget`` (named in the message).
    """
    command = [
        pandoc_path(),
        "+RTS",
        f"-M{max(memory_mb, 80)}m",
        "-RTS",
        "--sandbox",
        "-f",
        form,
        "-t",
        "json",
        *args,
    ]
    data = source.encode("utf-8") if isinstance(source, str) else source
    with subprocess.Popen(  # noqa: S603 - a fixed binary and our own arguments
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=workdir,
        start_new_session=True,  # its own group, so a timeout kills it and nothing else
    ) as child:
        try:
            out, err = child.communicate(data, timeout=max(0.1, timeout))
        except subprocess.TimeoutExpired:
            _kill_group(child)
            child.communicate()
            raise UnreadableReport(
                f"reading took longer than {budget or timeout:g} s "
                f"(FLASHBACK_INGEST_TIMEOUT_SECONDS; pandoc's {form} reader was stopped); skipped"
            ) from None
    if child.returncode != 0:
        raise UnreadableReport(_failure(form, child.returncode, err))
    try:
        ast: dict[str, Any] = json.loads(out)
    except ValueError:
        raise UnreadableReport(f"the {form} reader (pandoc) gave no readable output") from None
    return ast


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)


def _failure(form: str, code: int, err: bytes) -> str:
    text = err.decode("utf-8", "replace")
    if "Heap exhausted" in text:
        return f"the {form} reader (pandoc) ran out of its memory budget"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return f"the {form} reader (pandoc) could not parse it: {first[:160] or f'exit {code}'}"
