"""Kansrijke koppeling: assigning households to municipalities (or affiliates) — optimal, checked.

Plain data in (:class:`Problem`: cases × destinations, weights, what is allowed, sizes in
children/adults/seniors, capacities in persons or per category), an assignment out with what is
proven about it (:class:`Solution`: objective, bound, LP relaxation, gap) and a :class:`RunReport`
that checks it independently and compares it with a greedy and a random feasible assignment.

* :func:`solve_exact` — one MILP, HiGHS, ``mip_rel_gap=0``: the proven optimum (the HIAS instances,
  a municipality's or a week's batch);
* :func:`solve_by_region` — national batches: regions first (LP by column generation, rounding,
  an exact MILP for the households the LP split), then municipalities within each region;
* :func:`hard_constraints` — the rules engine decides whether a job is a hard criterion, and with
  which radius; this package turns that into allowed destinations;
* :func:`run` — solve, check, compare, report.

Nothing here decides: a run proposes, a person decides (see the README).
"""

from werkpad.core.koppeling.baselines import greedy, random_feasible
from werkpad.core.koppeling.check import violations
from werkpad.core.koppeling.criteria import (
    Anchor,
    AnchorKind,
    CriterionOutcome,
    HouseholdCriteria,
    UnknownPolicy,
    apply_hard_criteria,
    hard_constraints,
)
from werkpad.core.koppeling.decompose import solve_by_region
from werkpad.core.koppeling.geo import distance_km
from werkpad.core.koppeling.hias import HiasInstance, InstanceError, load_hias
from werkpad.core.koppeling.milp import SolverSettings
from werkpad.core.koppeling.model import (
    CATEGORIES,
    UNPLACED,
    CapacityMode,
    HardConstraint,
    Problem,
    Violations,
)
from werkpad.core.koppeling.municipalities import (
    Municipalities,
    load_municipalities,
    proportional_quotas,
)
from werkpad.core.koppeling.report import Method, QuotaUse, RunReport, run
from werkpad.core.koppeling.solve import Solution, Stage, solve_exact

__all__ = [
    "CATEGORIES",
    "UNPLACED",
    "Anchor",
    "AnchorKind",
    "CapacityMode",
    "CriterionOutcome",
    "HardConstraint",
    "HiasInstance",
    "HouseholdCriteria",
    "InstanceError",
    "Method",
    "Municipalities",
    "Problem",
    "QuotaUse",
    "RunReport",
    "Solution",
    "SolverSettings",
    "Stage",
    "UnknownPolicy",
    "Violations",
    "apply_hard_criteria",
    "distance_km",
    "greedy",
    "hard_constraints",
    "load_hias",
    "load_municipalities",
    "proportional_quotas",
    "random_feasible",
    "run",
    "solve_by_region",
    "solve_exact",
    "violations",
]
