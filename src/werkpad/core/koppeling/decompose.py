"""Decomposition for national-size batches: regions first, then municipalities within each region.

When chances are known per labour-market region, the 342 municipalities of a region tie for every
household without a hard criterion, and a plain MILP over households × municipalities stalls on
that symmetry. The decomposition removes it:

1. **Regions**. A household whose allowed set and weights are the same in every municipality of a
   region gets one variable per region, using the region's capacity (the sum of its
   municipalities' quotas). A household that a hard criterion ties to a few municipalities (or
   whose weights differ within a region) keeps one variable per usable municipality, using that
   municipality's quota *and* its region's. Size cuts (:func:`size_cuts`) tell each region how
   much of its quota sits in municipalities large enough for large households. Every municipal
   assignment is also a solution of this problem with the same objective, so the LP relaxation —
   solved by column generation (:func:`column_generation`), its value certified by a Lagrangian
   bound computed from the data — is an upper bound on the municipal optimum: the run reports it
   as ``bound`` and ``lp_bound``. At an LP vertex only a few households are split between regions
   (at most one per tight capacity row); those, and any the LP left out, are settled by an exact
   MILP over the capacity the others leave.
2. **Municipalities**, region by region: the households the first stage put in a region are packed
   into its municipalities' quotas (largest household first, into the tightest municipality that
   still fits; hard-criterion households keep the municipality the first stage chose). When a
   region does not pack, a MILP over that region's households × municipalities decides instead.
3. **Repair**: households left over (no room in their region after packing) get a last MILP over
   the quota still free anywhere they are allowed.

The result is feasible by construction and checked independently; the gap to the first stage's
bound is what the decomposition may have lost (integer packing within regions, the repair).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix, vstack

from werkpad.core.koppeling.milp import ColumnLp, SolverSettings, build_matrix, solve_milp
from werkpad.core.koppeling.model import UNPLACED, BoolArray, FloatArray, IntArray, Problem
from werkpad.core.koppeling.solve import Solution, Stage

__all__ = [
    "Relaxation",
    "column_generation",
    "lagrangian_bound",
    "region_uniform",
    "solve_by_region",
]

_TIE = 1e-12


def region_uniform(problem: Problem) -> BoolArray:
    """Cases whose allowed set and weights do not vary within any region."""
    assert problem.regions is not None
    uniform = np.ones(problem.n_cases, dtype=np.bool_)
    for r in range(len(problem.region_ids)):
        members = np.flatnonzero(problem.regions == r)
        if members.size == 0:
            continue
        allowed = problem.allowed[:, members]
        same_allowed = allowed.all(axis=1) | ~allowed.any(axis=1)
        w = np.where(allowed, problem.weights[:, members], np.nan)
        with np.errstate(all="ignore"):
            spread = np.nanmax(np.where(allowed, w, -np.inf), axis=1) - np.nanmin(
                np.where(allowed, w, np.inf), axis=1
            )
        same_weight = ~allowed.any(axis=1) | (spread <= _TIE)
        uniform &= same_allowed & same_weight
    return uniform


def size_cuts(
    problem: Problem, v_case: IntArray, v_target: IntArray, v_region: BoolArray
) -> tuple[csr_matrix, FloatArray]:
    """Valid inequalities that a region's quota cannot hide its municipalities' sizes from.

    A municipality with room for ``c`` persons hosts households of ``s`` or more persons only if
    ``c ≥ s``. So, per region and size ``s ≥ 2``: the persons of households of size ≥ ``s`` placed
    in the region are at most the quota of its municipalities with room for ``s``. Every municipal
    assignment satisfies them, so the bound stays a bound, and the regional answer packs."""
    assert problem.regions is not None
    persons = problem.persons
    room = problem.capacity.sum(axis=1)
    region_of_var = v_target.copy()
    region_of_var[~v_region] = problem.regions[v_target[~v_region]]
    var_persons = persons[v_case]
    largest = int(var_persons.max(initial=1))
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    values: list[FloatArray] = []
    upper: list[float] = []
    row = 0
    for r in range(len(problem.region_ids)):
        members = problem.regions == r
        in_region = np.flatnonzero(region_of_var == r)
        for size in range(2, largest + 1):
            vars_ = in_region[var_persons[in_region] >= size]
            if vars_.size == 0:
                break
            rhs = float(room[members & (room >= size)].sum())
            if rhs >= float(var_persons[vars_].sum()):
                continue  # cannot bind
            rows.append(np.full(vars_.size, row, dtype=np.int64))
            cols.append(vars_)
            values.append(var_persons[vars_].astype(np.float64))
            upper.append(rhs)
            row += 1
    if row == 0:
        return csr_matrix((0, v_case.size)), np.zeros(0)
    matrix = coo_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
        shape=(row, v_case.size),
    ).tocsr()
    return matrix, np.array(upper)


def solve_by_region(
    problem: Problem,
    settings: SolverSettings | None = None,
    *,
    maximise_cases_first: bool = False,
    stage1_share: float = 0.7,
    subproblem_seconds: float = 10.0,
) -> Solution:
    """Regions first, then municipalities (see the module text). ``settings.time_limit`` is the
    whole run's budget; the regional stage may use ``stage1_share`` of it. Each later MILP (a region
    that does not pack, the repair) stops after ``subproblem_seconds`` with its best answer.

    With ``maximise_cases_first`` the weight-only answer is tried first: when it places every
    household that can be placed at all, no answer places more, so it is also the count-first
    answer. Only otherwise is the count-first problem solved (weights + a constant larger than
    their sum), with the time left."""
    if problem.regions is None:
        raise ValueError("the decomposition needs a region per destination")
    settings = settings or SolverSettings()
    if not maximise_cases_first:
        return _solve_by_region(problem, settings, False, stage1_share, subproblem_seconds)
    started = time.perf_counter()
    plain = _solve_by_region(problem, settings, False, stage1_share, subproblem_seconds)
    placeable = int(problem.usable().any(axis=1).sum())
    placed = int((plain.destination >= 0).sum())
    if placed == placeable:
        return replace(
            plain,
            cases_first=placed,
            notes=(
                *plain.notes,
                "as many households as possible first: every household that can be placed is "
                "placed, so the weight answer is also the count-first answer",
            ),
        )
    budget = settings.time_limit
    if budget is not None:
        settings = replace(settings, time_limit=max(budget - (time.perf_counter() - started), 1.0))
    solution = _solve_by_region(problem, settings, True, stage1_share, subproblem_seconds)
    seconds = time.perf_counter() - started
    # The count-first solve has only the time the weight answer left it: when it does not finish
    # (a loaded machine, a half-year batch), it may place fewer households than the weight answer.
    # Never return worse than what is already in hand.
    first = (int((solution.destination >= 0).sum()), solution.objective)
    if first < (placed, plain.objective):
        return replace(
            plain,
            seconds=seconds,
            cases_first=placed,
            status="feasible",
            notes=(
                *plain.notes,
                "as many households as possible first: the count-first solve did not improve on "
                f"the weight answer within the time limit ({first[0]} households placed against "
                f"{placed}); the weight answer is kept",
            ),
        )
    return replace(solution, seconds=seconds)


def _solve_by_region(
    problem: Problem,
    settings: SolverSettings,
    maximise_cases_first: bool,
    stage1_share: float,
    subproblem_seconds: float,
) -> Solution:
    assert problem.regions is not None
    started = time.perf_counter()
    budget = settings.time_limit

    def left(share: float = 1.0) -> float | None:
        if budget is None:
            return None
        return max(budget * share - (time.perf_counter() - started), 0.05)

    def sub_left() -> float:
        remaining = left(1.0)
        return subproblem_seconds if remaining is None else min(subproblem_seconds, remaining)

    n, m = problem.n_cases, problem.n_destinations
    regions = problem.regions
    n_regions = len(problem.region_ids)
    demand = problem.demand
    usable = problem.usable()
    uniform = region_uniform(problem)

    # --- stage 1: the regional problem --------------------------------------------------------
    case_of: list[IntArray] = []
    target: list[IntArray] = []  # region index (uniform cases) or municipality index
    is_region: list[BoolArray] = []
    weight: list[np.ndarray] = []
    uni = np.flatnonzero(uniform)
    if uni.size:
        # Allowed in region r: allowed in all its municipalities (uniform), i.e. in any of them.
        region_allowed = np.zeros((uni.size, n_regions), dtype=np.bool_)
        region_weight = np.zeros((uni.size, n_regions))
        for r in range(n_regions):
            members = np.flatnonzero(regions == r)
            if members.size == 0:
                continue
            region_allowed[:, r] = problem.allowed[uni, members[0]]
            region_weight[:, r] = problem.weights[uni, members[0]]
        rows, cols = np.nonzero(region_allowed)
        case_of.append(uni[rows])
        target.append(cols.astype(np.int64))
        is_region.append(np.ones(rows.size, dtype=np.bool_))
        weight.append(region_weight[rows, cols])
    rows, cols = np.nonzero(usable & ~uniform[:, None])
    case_of.append(rows.astype(np.int64))
    target.append(cols.astype(np.int64))
    is_region.append(np.zeros(rows.size, dtype=np.bool_))
    weight.append(problem.weights[rows, cols])
    v_case = np.concatenate(case_of)
    v_target = np.concatenate(target)
    v_region = np.concatenate(is_region)
    v_weight = np.concatenate(weight)
    n_vars = v_case.size

    # Resources: municipalities 0..m-1, then regions m..m+R-1.
    region_capacity = np.zeros((n_regions, problem.capacity.shape[1]), dtype=np.int64)
    np.add.at(region_capacity, regions, problem.capacity)
    capacity = np.vstack([problem.capacity, region_capacity])
    var_ids = np.arange(n_vars, dtype=np.int64)
    muni_vars = np.flatnonzero(~v_region)
    inc_var = np.concatenate([muni_vars, var_ids])
    region_of_var = v_target.copy()
    region_of_var[muni_vars] = regions[v_target[muni_vars]]
    inc_res = np.concatenate([v_target[muni_vars], m + region_of_var])

    stages: list[Stage] = []
    notes: list[str] = []
    cases_mat, cap_mat = build_matrix(v_case, inc_var, inc_res, demand, n, capacity.shape[0])
    size_rows, size_upper = size_cuts(problem, v_case, v_target, v_region)
    matrix = vstack([cases_mat, cap_mat, size_rows]).tocsr()
    upper = np.concatenate([np.ones(n), capacity.ravel().astype(np.float64), size_upper])

    cases_first = None
    objective_weight = v_weight
    big = 0.0
    if maximise_cases_first:
        # One more household placed outweighs any difference in chances: w + M, M > Σ max w.
        big = 1.0 + float(np.maximum(v_weight, 0).sum())
        objective_weight = v_weight + big

    def score(destination: IntArray) -> float:
        return problem.objective(destination) + big * float((destination >= 0).sum())

    lp_started = time.perf_counter()
    relaxed = column_generation(
        objective_weight, matrix, upper, v_case, n, time_limit=left(stage1_share * 0.6)
    )
    if maximise_cases_first:
        plain = column_generation(
            v_weight, matrix, upper, v_case, n, time_limit=left(stage1_share * 0.8)
        )
        bound = plain.bound
        notes.append(
            "as many households as possible first: the bound is the weight bound without "
            "that priority (valid, possibly loose)"
        )
    else:
        bound = relaxed.bound
    stages.append(
        Stage("regions: LP relaxation (column generation)", relaxed.status,
              float(v_weight @ relaxed.x), bound,
              bound, int(relaxed.active), relaxed.rounds, time.perf_counter() - lp_started)
    )  # fmt: skip

    # Round: variables at 1 stay; households split fractionally (at most one per tight capacity
    # row at a vertex) or left out go to an exact MILP over the capacity that is left.
    chosen_mask = relaxed.x > 1 - 1e-6
    fixed_cases = np.zeros(n, dtype=np.bool_)
    fixed_cases[v_case[chosen_mask]] = True
    used = np.asarray(cap_mat @ chosen_mask.astype(np.float64)).reshape(capacity.shape)
    residual_capacity = np.maximum(capacity - np.rint(used).astype(np.int64), 0)
    residual_size_upper = size_upper - size_rows @ chosen_mask.astype(np.float64)
    open_vars = np.flatnonzero(~fixed_cases[v_case])
    residual_started = time.perf_counter()
    if open_vars.size:
        open_cases, local_case = np.unique(v_case[open_vars], return_inverse=True)
        var_local = np.full(n_vars, -1, dtype=np.int64)
        var_local[open_vars] = np.arange(open_vars.size)
        keep = var_local[inc_var] >= 0
        residual = solve_milp(
            objective_weight[open_vars], local_case.astype(np.int64), var_local[inc_var[keep]],
            inc_res[keep], demand[open_cases], residual_capacity, open_cases.size, settings,
            with_lp_bound=False, time_left=left(stage1_share),
            extra_rows=size_rows[:, open_vars], extra_upper=residual_size_upper,
        )  # fmt: skip
        chosen_mask[open_vars[np.flatnonzero(residual.x)]] = True
        stages.append(
            Stage("regions: households split by the LP (exact MILP)", residual.status,
                  float(v_weight[chosen_mask].sum()), None, None, int(open_vars.size),
                  residual.nodes, time.perf_counter() - residual_started)
        )  # fmt: skip
    chosen = np.flatnonzero(chosen_mask)
    lp_bound = bound

    # --- stage 2: municipalities within each region --------------------------------------------
    destination = np.full(n, UNPLACED, dtype=np.int64)
    left_cap = problem.capacity.astype(np.int64).copy()
    in_region = np.full(n, -1, dtype=np.int64)
    for j in chosen:
        if v_region[j]:
            in_region[v_case[j]] = v_target[j]
        else:
            # Hard-criterion households keep the municipality the regional stage chose for them.
            destination[v_case[j]] = v_target[j]
            left_cap[v_target[j]] -= demand[v_case[j]]
    stage2_started = time.perf_counter()
    milp_regions = 0
    for r in range(n_regions):
        group = np.flatnonzero(in_region == r)
        if group.size == 0:
            continue
        members = np.flatnonzero(regions == r)
        unplaced = _pack(group, members, usable, demand, left_cap, destination, problem.persons)
        if unplaced.size == 0:
            continue
        # Packing left households over: let a MILP redo the region (hard-criterion households
        # of the region included, so they can move within their radius to make room).
        milp_regions += 1
        fixed = np.flatnonzero((destination >= 0) & np.isin(destination, members))
        fixed = fixed[~uniform[fixed]]
        redo = np.concatenate([group, fixed])
        before = score(destination)
        saved = destination.copy(), left_cap.copy()
        for h in redo:
            if destination[h] >= 0:
                left_cap[destination[h]] += demand[h]
                destination[h] = UNPLACED
        redone = _solve_subset(problem, redo, members, left_cap, settings, sub_left(), big)
        if redone is None:
            destination, left_cap = saved
            continue
        for h, d in zip(redo, redone, strict=True):
            if d >= 0:
                destination[h] = d
                left_cap[d] -= demand[h]
        if score(destination) < before - 1e-9:
            destination, left_cap = saved
    stages.append(
        Stage("municipalities within regions", "done", problem.objective(destination), None, None,
              int((in_region >= 0).sum()), milp_regions, time.perf_counter() - stage2_started)
    )  # fmt: skip

    # --- stage 3: repair with the quota still free ---------------------------------------------
    rest = np.flatnonzero((destination < 0) & usable.any(axis=1))
    if rest.size:
        repair_started = time.perf_counter()
        repaired = _solve_subset(
            problem, rest, np.arange(m, dtype=np.int64), left_cap, settings, sub_left(), big
        )
        if repaired is not None:
            for h, d in zip(rest, repaired, strict=True):
                if d >= 0:
                    destination[h] = d
                    left_cap[d] -= demand[h]
        stages.append(
            Stage("repair", "done", problem.objective(destination), None, None, int(rest.size),
                  0, time.perf_counter() - repair_started)
        )  # fmt: skip

    objective = problem.objective(destination)
    gap_free = bound is not None and objective >= bound - 1e-9 * max(1.0, abs(bound))
    if maximise_cases_first:
        cases_first = int((destination >= 0).sum())
    return Solution(
        destination=destination,
        objective=objective,
        bound=bound,
        lp_bound=lp_bound,
        method="decomposition",
        status="optimal" if gap_free else "feasible",
        seconds=time.perf_counter() - started,
        settings={
            **settings.as_dict(),
            "stage1_share": stage1_share,
            "subproblem_seconds": subproblem_seconds,
        },
        stages=tuple(stages),
        cases_first=cases_first,
        notes=tuple(notes),
    )


def _pack(
    group: IntArray,
    members: IntArray,
    usable: BoolArray,
    demand: IntArray,
    left_cap: IntArray,
    destination: IntArray,
    persons: IntArray,
) -> IntArray:
    """Best-fit decreasing: largest households first, each to the tightest municipality that fits.

    Writes into ``destination`` and ``left_cap``; returns the households that did not fit."""
    order = group[np.lexsort((group, -persons[group]))]
    unplaced = []
    for h in order:
        room = left_cap[members]
        fits = usable[h, members] & (room >= demand[h]).all(axis=1)
        if not fits.any():
            unplaced.append(h)
            continue
        slack = np.where(fits, room.sum(axis=1) - demand[h].sum(), np.iinfo(np.int64).max)
        d = int(members[int(np.argmin(slack))])
        destination[h] = d
        left_cap[d] -= demand[h]
    return np.array(unplaced, dtype=np.int64)


def _solve_subset(
    problem: Problem,
    cases: IntArray,
    destinations: IntArray,
    capacity: IntArray,
    settings: SolverSettings,
    time_left: float | None,
    bonus: float = 0.0,
) -> IntArray | None:
    """The best placement of ``cases`` into ``destinations`` with ``capacity`` left (or None);
    ``bonus`` is added to every weight (as many households as possible first)."""
    usable = problem.allowed[np.ix_(cases, destinations)]
    fits = (problem.demand[cases][:, None, :] <= capacity[destinations][None, :, :]).all(axis=2)
    rows, cols = np.nonzero(usable & fits)
    if rows.size == 0:
        return np.full(cases.size, UNPLACED, dtype=np.int64)
    sub_case = rows.astype(np.int64)
    result = solve_milp(
        problem.weights[cases[rows], destinations[cols]] + bonus,
        sub_case,
        np.arange(rows.size, dtype=np.int64),
        cols.astype(np.int64),
        problem.demand[cases],
        capacity[destinations],
        cases.size,
        settings,
        with_lp_bound=False,
        time_left=time_left,
    )
    if result.status not in {"optimal", "limit"}:
        return None
    answer = np.full(cases.size, UNPLACED, dtype=np.int64)
    chosen = np.flatnonzero(result.x)
    answer[rows[chosen]] = destinations[cols[chosen]]
    return answer


@dataclass(frozen=True, eq=False)
class Relaxation:
    """The LP relaxation over all variables, solved by pricing in only the columns it needs."""

    x: FloatArray  # one value per variable (0 for columns never priced in)
    value: float  # the LP value over the active columns
    bound: float  # a proven upper bound on the LP over *all* columns (= value when converged)
    status: str
    rounds: int
    active: int


def lagrangian_bound(
    weight: FloatArray,
    capacity_rows: csr_matrix,
    capacity: FloatArray,
    prices: FloatArray,
    case_of: IntArray,
    n_cases: int,
) -> float:
    """An upper bound for *any* prices ≥ 0 on the capacity rows: pay ``capacity · prices``, and
    let every case take its best column at those prices (or none). At the LP's dual prices it is
    the LP value; it is computed here from the data, not taken from the solver."""
    prices = np.maximum(prices, 0.0)
    reduced = weight - capacity_rows.T @ prices
    best = np.zeros(n_cases)
    np.maximum.at(best, case_of, reduced)
    return float(capacity @ prices + best.sum())


def column_generation(
    weight: FloatArray,
    matrix: csr_matrix,
    upper: FloatArray,
    case_of: IntArray,
    n_cases: int,
    *,
    initial: int = 6,
    max_rounds: int = 40,
    time_limit: float | None = None,
) -> Relaxation:
    """Max ``weight · x`` s.t. ``matrix · x ≤ upper`` (the first ``n_cases`` rows are the case
    rows), ``0 ≤ x ≤ 1``: start from every case's ``initial`` best columns, add every column with
    a positive reduced cost, re-optimise from the last basis, until none is left. The bound is
    :func:`lagrangian_bound` at the last duals, so it holds even when the rounds or ``time_limit``
    run out (``x`` is then the last round's optimum, feasible but not optimal)."""
    started = time.perf_counter()
    n_vars = weight.size
    order = np.lexsort((-weight, case_of))
    sorted_cases = case_of[order]
    first = np.searchsorted(sorted_cases, sorted_cases, side="left")
    rank = np.empty(n_vars, dtype=np.int64)
    rank[order] = np.arange(n_vars) - first
    active = rank < initial
    transposed = matrix.T.tocsr()
    capacity_rows = matrix[n_cases:]
    lp = ColumnLp(weight, matrix.tocsc(), upper)
    lp.add(np.flatnonzero(active))
    x = np.zeros(n_vars)
    value, bound, status, rounds = 0.0, float("inf"), "limit", 0
    for rounds in range(1, max_rounds + 1):  # noqa: B007 (rounds is reported)
        left = None if time_limit is None else time_limit - (time.perf_counter() - started)
        result = lp.solve(left)
        bound = min(
            bound,
            lagrangian_bound(
                weight, capacity_rows, upper[n_cases:], result.duals[n_cases:], case_of, n_cases
            ),
        )
        if result.status != "optimal":
            status = "limit"
            break
        x, value = result.x, result.value
        reduced = weight - transposed @ result.duals
        tolerance = 1e-9 * np.maximum(1.0, np.abs(weight))
        positive = (~active) & (reduced > tolerance)
        status = "optimal"
        if not positive.any():
            break
        lp.add(np.flatnonzero(positive))
        active |= positive
        status = "rounds"
    return Relaxation(x, value, max(bound, value), status, rounds, int(active.sum()))
