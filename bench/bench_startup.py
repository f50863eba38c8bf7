"""How long `create_app` takes: with an empty content cache (the first start after a change) and
with a warm one (every other start). CPU seconds, which a busy machine disturbs less than the
wall clock; both are printed. `python bench/bench_startup.py [--runs 3]`."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
wall = time.perf_counter()
from app import create_app
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:", "SECRET_KEY": "x" * 40,
            "PUBLIC_URL": "https://herstart.example.org", "CONTENT_CACHE_DIR": sys.argv[1]})
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def start(cache: str) -> dict[str, float]:
    """One start in a new interpreter (imports included, as a worker pays them)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a deployed worker has its .pyc files
    out = subprocess.run(
        [sys.executable, "-c", CHILD, cache],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    start(tempfile.mkdtemp())  # writes the .pyc files, so the cold runs measure content only
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(start(cache))
            warm.append(start(cache))
    for name, found in (("empty cache", cold), ("warm cache", warm)):
        cpu = statistics.median(r["cpu"] for r in found)
        wall = statistics.median(r["wall"] for r in found)
        print(f"create_app, {name}: {cpu:.2f} s CPU, {wall:.2f} s wall (median of {runs})")


if __name__ == "__main__":
    main()
