"""Benchmark: one matching round of 3,000 mentees and 1,200 mentors (not a test; prints the time).

Run: `.venv/bin/python bench/bench_matching.py` (or `make bench`). The target is under one second
for scoring, filters, the assignment, runner-ups and the reasons of everyone left unmatched.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentoring.matching import SLOTS, Profile, run_round  # noqa: E402

THEMES = [f"theme-{i}" for i in range(13)]
LANGUAGES = ["nl", "en", "fr", "de", "ar", "tr"]
REGIONS = ["Amsterdam", "Utrecht", "Rotterdam", "Gent", "Antwerpen", "Brussel", ""]
SECTORS = ["retail", "hospitality", "crafts", "care", "it", "services", ""]
HOBBIES = ["tennis", "chess", "cycling", "choir", "gardening", "cooking", "hiking"]


def person(rng: random.Random, person_id: int, mentor: bool) -> Profile:
    return Profile(
        person_id=person_id,
        wants={t: rng.randint(1, 3) for t in rng.sample(THEMES, rng.randint(1, 5))},
        offers=frozenset(rng.sample(THEMES, rng.randint(2, 6) if mentor else rng.randint(0, 3))),
        languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 2))),
        manner=rng.choice(["online", "in_person", "either", "either"]),
        region=rng.choice(REGIONS),
        availability=frozenset(rng.sample(SLOTS, rng.randint(1, 4))),
        bonds=tuple(("hobbies", h) for h in rng.sample(HOBBIES, rng.randint(0, 2))),
        sector=rng.choice(SECTORS),
        capacity=rng.choice([2, 3, 3, 4]) if mentor else 0,
    )


def main() -> None:
    rng = random.Random(7)
    mentees = [person(rng, i, mentor=False) for i in range(1, 3001)]
    mentors = [person(rng, 10_000 + i, mentor=True) for i in range(1, 1201)]
    excluded = {(rng.choice(mentees).person_id, rng.choice(mentors).person_id) for _ in range(300)}
    slots = sum(m.capacity for m in mentors)
    # Three rounds: the first includes NumPy's warm-up. CPU time shows the work itself when
    # other jobs share the machine; wall time is what staff wait.
    for attempt in (1, 2, 3):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run_round(mentees, mentors, excluded=excluded)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"round {attempt}: 3,000 mentees x 1,200 mentors ({slots} places): "
            f"{len(result.proposals)} proposals, {len(result.unmatched)} unmatched, "
            f"in {wall:.2f} s ({cpu:.2f} s CPU)"
        )


if __name__ == "__main__":
    main()
