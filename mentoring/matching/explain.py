"""Explanations of a match in plain words, built only from the stored components of a pair."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Reason:
    """One line of an explanation: `kind` picks the sentence, `params` fill it in."""

    kind: str
    params: dict
    weight: float = 0.0


@dataclass(frozen=True)
class Explanation:
    level: str  # "very_good", "good", "reasonable": a coarse label, never a percentage
    reasons: list[Reason]
    good_to_know: Reason | None


def fit_level(total: float) -> str:
    if total >= 0.7:
        return "very_good"
    if total >= 0.5:
        return "good"
    return "reasonable"


def explain(components: Mapping, audience: str) -> Explanation:
    """At most three reasons, biggest contribution first, and one "good to know" line, for the
    mentee (`audience="mentee"`) or the mentor; built only from the stored components."""
    values = components.get("values", {})
    weights = components.get("weights", {})

    def contribution(c: str) -> float:
        return float(weights.get(c, 0)) * float(values.get(c, 0))

    candidates: list[Reason] = []
    covered, wanted = components.get("covered", []), components.get("wanted", [])
    if covered:
        candidates.append(
            Reason(
                "coverage",
                {"themes": covered, "count": len(covered), "of": len(wanted)},
                contribution("coverage"),
            )
        )
    learns = components.get("mentor_learns", [])
    shared = [
        t for t in components.get("shared_themes", []) if t not in covered and t not in learns
    ]
    if audience == "mentor" and learns:
        candidates.append(
            Reason("mentee_teaches", {"themes": learns}, contribution("shared") + 1e-6)
        )
    elif shared:
        candidates.append(Reason("shared", {"themes": shared}, contribution("shared")))
    slots, in_person = components.get("common_slots", []), components.get("meet_in_person")
    region = components.get("region", "")
    manners = components.get("manners", ["either", "either"])
    if slots or (in_person and region) or manners[0] == manners[1] == "online":
        manner = "in_person" if in_person else ("online" if "online" in manners else "either")
        candidates.append(
            Reason(
                "logistics",
                {"slots": slots, "manner": manner, "region": region},
                contribution("logistics"),
            )
        )
    if components.get("bonds"):
        candidates.append(Reason("bonds", {"bonds": components["bonds"]}, contribution("bonds")))
    sectors = components.get("sectors", ["", ""])
    if sectors[0] and sectors[0] == sectors[1]:
        candidates.append(Reason("sector", {"sector": sectors[0]}, contribution("sector")))
    candidates.sort(key=lambda r: -r.weight)
    reasons = [r for r in candidates if r.weight > 0][:3]

    good: Reason | None = None
    if audience == "mentee" and learns:
        good = Reason("mentor_learns", {"themes": learns})
    elif sectors[0] and sectors[1] and sectors[0] != sectors[1]:
        good = Reason(
            "other_sector",
            {
                "mine": sectors[0 if audience == "mentee" else 1],
                "theirs": sectors[1 if audience == "mentee" else 0],
            },
        )
    elif components.get("uncovered"):
        good = Reason("uncovered", {"themes": components["uncovered"]})
    return Explanation(fit_level(float(components.get("total", 0))), reasons, good)
