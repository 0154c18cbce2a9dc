"""Distributing a caseload over several receiving coaches (pure: no Django).

A coordinator moves a leaving coach's files to colleagues. "Balanced" gives each file, in the
given order, to the receiver with the fewest files at that moment (their caseload before, plus
what they got so far); ties go to the receiver named first. Greedy least-loaded is optimal for
files of equal weight: no other distribution gives the busiest receiver fewer files.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

F = TypeVar("F", bound=Hashable)
C = TypeVar("C", bound=Hashable)


def balanced(files: Sequence[F], loads: Mapping[C, int]) -> dict[F, C]:
    """Each file to a receiver (the keys of ``loads``, in their order), least loaded first.

    ``loads`` holds each receiver's current caseload. With no receivers, nothing is assigned.
    """
    if not loads:
        return {}
    current = dict(loads)
    order = {coach: i for i, coach in enumerate(current)}
    plan: dict[F, C] = {}
    for file in files:
        coach = min(current, key=lambda c: (current[c], order[c]))
        plan[file] = coach
        current[coach] += 1
    return plan
