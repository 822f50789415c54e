"""Run every benchmark in turn (`make bench`); each prints its own medians and ratios.

Benchmarks measure, they never fail a build: a slow number is for a person to read. Pass
script names to run only some: `python benchmarks/run_all.py bench_lookup bench_ingest`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = set(sys.argv[1:])
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not wanted or p.stem in wanted)
    failed = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"   ({time.perf_counter() - start:.0f} s, exit {code})\n", flush=True)
        if code:
            failed.append(script.stem)
    if failed:
        print("benchmarks that did not run to the end: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
