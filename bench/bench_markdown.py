"""Benchmark: learner Markdown of 50,000 characters, pathological and ordinary (not a test;
prints a table). Issue 11: each pathological input renders within 100 ms.

Run: `.venv/bin/python bench/bench_markdown.py` (or `make bench`). Each time is the best of five
runs in CPU time (other work on the machine does not count); exit status 1 if one is over.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logbook.render import markdown_html, render_markdown  # noqa: E402
from tests.test_markdown_rendering import PATHOLOGICAL, N, ordinary_entry  # noqa: E402

TARGET_MS = 100.0
RUNS = 5


def best_time_ms(text: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        start = time.process_time()
        render_markdown(text)
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> int:
    inputs = {**PATHOLOGICAL, "ordinary entry (reference)": ordinary_entry(N)}
    print(f"{'input':30} {'chars':>7} {'as':>9} {'ms':>7}")
    over = []
    for name, text in inputs.items():
        ms = best_time_ms(text)
        shown = "markdown" if markdown_html(text)[1] else "plain"
        flag = "" if ms <= TARGET_MS else "  over"
        print(f"{name:30} {len(text):7,} {shown:>9} {ms:7.1f}{flag}")
        if ms > TARGET_MS and name in PATHOLOGICAL:
            over.append(name)
    if over:
        print(f"over {TARGET_MS:.0f} ms: {', '.join(over)}")
        return 1
    print(f"every pathological input within {TARGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
