"""Late-submission penalties: nbgrader's plugin, plus a percentage per day late.

nbgrader compares each submission's `timestamp.txt` (written by `collect`, by
`zip_collect` when the LMS file name carries a time, or by hand) with the due
date in the gradebook (`nbgrader db assignment add ID --duedate=...`, or
`investigator-course grade ID --due ...`) and asks the late-penalty plugin for
a penalty per notebook. The policy is chosen with `--late-penalty`:

* `none`: late work is marked late in the report but not penalised;
* `zero`: late work scores zero (nbgrader's own `LateSubmissionPlugin`);
* `10%/day`: each started day late removes 10 % of the notebook's score, never
  more than the score (`PercentPerDayPenalty`).

nbgrader computes the penalty at autograde time from the autograded score; a
written answer graded by hand afterwards does not change it (regrade the
trainee with `--force --student ID` if that matters).
"""

from __future__ import annotations

import math
import re

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

from ..errors import UserError

DAY = 24 * 3600


class PercentPerDayPenalty(LateSubmissionPlugin):
    """Remove `percent_per_day` % of the score for every started day late."""

    percent_per_day = Float(10.0, help="Percent of the score removed per started day late."
                            ).tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float,
                                total_seconds_late: float) -> float | None:
        if total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / DAY)
        penalty = score * self.percent_per_day / 100.0 * days
        self.log.info("%s is %d day(s) late: penalty %.2f of %.2f", student_id, days,
                      penalty, score)
        return min(score, penalty)


POLICY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:/|-?per-?|\s+per\s+)\s*day\s*$", re.I)


def normalize_policy(text: str) -> str:
    """`none`, `zero` or `N%/day`; anything else is a UserError with the accepted forms."""
    value = text.strip().lower()
    if value in ("none", "zero"):
        return value
    match = POLICY.match(value)
    if match:
        percent = float(match.group(1))
        if 0 < percent <= 100:
            return f"{percent:g}%/day"
    raise UserError(f"--late-penalty {text!r} is not understood; use none, zero, or a "
                    "percentage per started day late such as 10%/day.")


def nbgrader_options(policy: str | None) -> list[str]:
    """Command-line settings for nbgrader that apply the policy (none: the config's choice)."""
    if not policy:
        return []
    if policy == "none":
        return ["--LateSubmissionPlugin.penalty_method=none"]
    if policy == "zero":
        return ["--LateSubmissionPlugin.penalty_method=zero"]
    percent = float(policy.split("%")[0])
    plugin = f"{PercentPerDayPenalty.__module__}.{PercentPerDayPenalty.__name__}"
    return [f"--AssignLatePenalties.plugin_class={plugin}",
            f"--PercentPerDayPenalty.percent_per_day={percent}"]
