"""``werkpad fit-weights``: learn component weights from the decisions and PROPOSE them.

Prints the fit (held-out AUC of the weights in use and of the fitted model), the proposal next
to the weights in use, and the fairness report for both side by side. Nothing changes for the
matcher: an administrator adopts a proposal with ``werkpad adopt-weights ID --by USER`` (or in
/admin/), and can go back with ``werkpad revert-weights --by USER``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpad.matching import weights as learned
from werkpad.matching.fairness import FairnessReport, fairness_report


def _exposure(report: FairnessReport) -> dict[tuple[str, str], str]:
    out = {}
    for table in report.tables:
        for row in table.rows:
            ratio = row.ratio
            out[(str(table.title), row.label)] = "—" if ratio is None else f"{ratio:5.2f}"
    return out


class Command(BaseCommand):
    help = "Fit the matcher's component weights on the decisions and store them as a proposal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1).")
        parser.add_argument(
            "--held-out", type=float, default=0.25, help="Share of pairs held out (default 0.25)."
        )
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--k", type=int, default=10, help="Top k of the fairness report.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            entry, result = learned.propose(
                l2=options["l2"], held_out=options["held_out"], seed=options["seed"]
            )
        except ValueError as error:
            raise CommandError(str(error)) from error

        def auc(value: float | None) -> str:
            return "—" if value is None else f"{value:.3f}"

        before = entry.fit["weights_before"]
        self.stdout.write(
            f"Decisions: {entry.fit['decisions']} (train {result.train}, held out "
            f"{result.held_out})\nHeld-out AUC: weights in use {auc(result.auc_before)}, "
            f"fitted {auc(result.auc_after)}\n"
        )
        self.stdout.write(f"{'component':<22} {'in use':>8} {'proposed':>9}")
        for name in learned.NAMES:
            self.stdout.write(f"{name:<22} {before[name]:>8.3f} {entry.weights[name]:>9.3f}")
        k = max(1, options["k"])
        old = _exposure(fairness_report(k=k, weights=learned.weights_of(before)))
        new = _exposure(fairness_report(k=k, weights=learned.weights_of(entry.weights)))
        self.stdout.write(f"\nFairness (exposure ratio in the top {k}): in use | proposed")
        if not old:
            self.stdout.write("Too few candidates or no open vacancies: nothing to report.")
        for (title, label), value in old.items():
            self.stdout.write(
                f"{title[:24]:<24} {label[:24]:<24} {value:>6} | {new.get((title, label), '—'):>6}"
            )
        self.stdout.write(
            f"\nProposal #{entry.pk} ({entry.version}) stored, NOT in use. Adopt it with: "
            f"werkpad adopt-weights {entry.pk} --by ADMIN"
        )
