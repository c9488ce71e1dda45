"""HiGHS set up for the audit's small pieces, each solved again for one objective after
another (warm started)."""

from __future__ import annotations

import math
from typing import Any

from .model import AuditError


def _highs() -> Any:
    """A HiGHS solver set up for the audit's small, re-solved pieces."""
    import highspy

    # highspy.Highs() prints HiGHS's banner to standard output as it is built, before
    # output_flag can be set (ERGO-Code/HiGHS#1932), which would corrupt a report written
    # to standard output; the core class it wraps waits for the option.
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", False)
    # Each piece is solved again for every hidden cell, a new objective on the same
    # system: without presolve HiGHS starts from the last basis instead of reducing the
    # model afresh; a new objective leaves that basis feasible, which is the primal
    # simplex's starting point; and pieces of a few dozen columns gain nothing from threads.
    # Together about 0.75 of the audit's time (the same optima). The number of threads is
    # left alone: HiGHS runs one scheduler per process, and a solver asking for another
    # number than the first one made it with fails ("Not Set") whenever anything else in
    # the process (scipy, the tests' own attacker) solved first.
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal
    return h


class _Solver:
    """One piece's linear system in HiGHS, solved again for each objective (warm started).

    The sums of a hierarchy, and of two hierarchies that cross, make a totally unimodular
    system, whose linear optimum is already a whole number; the integer program is solved only
    when it is not.
    """

    def __init__(
        self,
        h: Any,
        entries: tuple[Any, Any, Any],
        shape: tuple[int, int],
        lower: Any,
        upper: Any,
    ) -> None:
        import highspy
        import numpy as np

        self._highspy = highspy
        rows, cols, values = entries
        n_rows, n = shape
        order = np.lexsort((rows, cols))
        starts = np.searchsorted(cols[order], np.arange(n + 1)) if n else np.zeros(1)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = n_rows
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, inf)
        lp.row_lower_ = np.where(np.isfinite(lower), lower, -inf)
        lp.row_upper_ = np.where(np.isfinite(upper), upper, inf)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.asarray(rows, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.asarray(values, dtype=float)[order]
        lp.a_matrix_.num_col_ = n
        lp.a_matrix_.num_row_ = n_rows
        h.passModel(lp)
        self._h = h
        self._n = n
        self._cost = np.zeros(n)
        self.mip_seconds: float | None = None

    def __call__(self, objective: list[int], *, maximise: bool) -> float | None:
        """The largest (or smallest) sum of the ``objective`` columns; None if infeasible."""
        import numpy as np

        hs, h = self._highspy, self._h
        cost = np.zeros(self._n)
        cost[objective] = 1.0
        h.changeColsCost(self._n, np.arange(self._n, dtype=np.int32), cost)
        h.changeObjectiveSense(hs.ObjSense.kMaximize if maximise else hs.ObjSense.kMinimize)
        value = self._run()
        if value is None or math.isinf(value):
            return value
        # The linear optimum is the attacker's only when it is reached at whole numbers of
        # people: a whole objective at a fractional point may lie beyond every integer one.
        point = np.asarray(h.getSolution().col_value)
        if np.all(np.abs(point - np.round(point)) < 1e-6):
            return float(round(value))
        every = np.arange(self._n, dtype=np.int32)
        h.changeColsIntegrality(
            self._n, every, np.full(self._n, hs.HighsVarType.kInteger, dtype=np.uint8)
        )
        try:
            if self.mip_seconds is None:
                return self._run()
            # A system of option counts is not unimodular and its integer program can take
            # long: after the time allowed, the solver's bound (never tighter than the true
            # optimum) stands in for it.
            h.setOptionValue("time_limit", self.mip_seconds)
            h.setOptionValue("presolve", "on")
            h.run()
            if h.getModelStatus() == hs.HighsModelStatus.kTimeLimit:
                bound = float(h.getInfo().mip_dual_bound)
                return math.floor(bound + 1e-6) if maximise else math.ceil(bound - 1e-6)
            return self._decided()
        finally:
            h.setOptionValue("time_limit", math.inf)
            h.setOptionValue("presolve", "off")
            h.changeColsIntegrality(
                self._n, every, np.full(self._n, hs.HighsVarType.kContinuous, dtype=np.uint8)
            )

    def _run(self) -> float | None:
        self._h.run()
        return self._decided()

    def _decided(self) -> float | None:
        hs, h = self._highspy, self._h
        status = h.getModelStatus()
        decided = (
            hs.HighsModelStatus.kOptimal,
            hs.HighsModelStatus.kInfeasible,
            hs.HighsModelStatus.kUnbounded,
            hs.HighsModelStatus.kUnboundedOrInfeasible,
        )
        if status not in decided:
            # Warm started from the last objective, HiGHS can stop undecided ("Unknown") on a
            # system with nothing published to bound it; from a cold start it decides.
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        if status not in decided:
            raise AuditError(
                f"the privacy audit could not be completed (the solver stopped with "
                f"{h.modelStatusToString(status)!r}); nothing was published"
            )
        if status == hs.HighsModelStatus.kOptimal:
            return float(h.getInfo().objective_function_value)
        if status in (hs.HighsModelStatus.kUnbounded, hs.HighsModelStatus.kUnboundedOrInfeasible):
            return math.inf
        raise AuditError(
            "the published figures contradict each other: are all the reports of the same data?"
        )
