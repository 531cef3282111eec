"""How often each kind of adoption proposal matched the true outcome on revisions nobody tuned on, so that a
reviewer knows which proposals to check hardest; and how often the comments the analysis set aside for each
off-topic reason were off-topic on comment sets nobody tuned on, for the staff who moderate them.

A proposal's kind is the code of its reason (`not_found`, `added_as_asked`, `kept`…: `adoption.propose`).
`data/reliability.json` holds, for each code, how many proposals the held-out revision sets of
`tests/analysis/fixtures/adoption_heldout` received and how many of them matched the outcome their labels give.
It also holds, for each off-topic reason (`unrelated`, `empty`…: `offtopic.classify`), how many comments of the
held-out comment sets of `tests/analysis/fixtures/heldout` the analysis set aside for it and how many of them their
labels call off-topic. It is written by `python benchmarks/measure_heldout.py --write-reliability` from the code as
it stands, and
`tests/analysis/test_measure_heldout.py` fails when it no longer matches what the code proposes, so the figures a
reviewer reads are the current engine's. No figure of a tuning set is in it: those are the sets the engine was
fitted on, and they flatter it.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Fewer proposals (or comments set aside) of a kind than this tell too little to show (a share of 20 is known to
# about ±0.11).
MIN_PROPOSALS = 20


@dataclass(frozen=True)
class Measured:
    """How proposals of one kind fared on the held-out revisions."""

    right: int
    proposals: int

    @property
    def share(self) -> float:
        return self.right / self.proposals


@cache
def _stored() -> dict:
    text = resources.files("legislink.analysis").joinpath("data/reliability.json").read_text("utf-8")
    return json.loads(text)


@cache
def overall() -> Measured:
    """All proposals of the held-out revisions together."""
    codes = _stored()["codes"].values()
    return Measured(sum(c["right"] for c in codes), sum(c["proposals"] for c in codes))


def measured(code: str | None) -> Measured | None:
    """How proposals whose reason is `code` fared, or None when too few were measured to say."""
    return _measured("codes", "proposals", code)


def offtopic_measured(reason: str | None) -> Measured | None:
    """How the comments set aside for the off-topic `reason` fared, or None when too few were measured to say."""
    return _measured("offtopic", "set_aside", reason)


def _measured(section: str, counted: str, key: str | None) -> Measured | None:
    found = _stored()[section].get(key or "")
    if found is None or found[counted] < MIN_PROPOSALS:
        return None
    return Measured(found["right"], found[counted])
