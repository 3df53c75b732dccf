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

nbgrader computes the penalty at autograde time, from the autograded score: a
written answer graded by hand afterwards would not count in it. So `report` and
`feedback` first bring every late notebook's penalty up to date with its score
now (`refresh_penalties`), by the same policy.
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


def penalty_for(policy: str, score: float, seconds_late: float) -> float:
    """The penalty a notebook's score gets under a policy, `seconds_late` after the due date."""
    if seconds_late <= 0 or policy == "none":
        return 0.0
    if policy == "zero":
        return score
    percent = float(policy.split("%")[0])
    return min(score, score * percent / 100.0 * math.ceil(seconds_late / DAY))


def refresh_penalties(db_url: str, course_id: str, assignment: str,
                      policy: str | None) -> list[str]:
    """Recompute the late penalty of every late notebook from its score now (written answers
    graded by hand included); returns the trainees whose penalty changed."""
    if not policy:
        return []
    from nbgrader.api import Gradebook, MissingEntry

    changed = []
    with Gradebook(db_url, course_id) as gradebook:
        try:
            submissions = gradebook.find_assignment(assignment).submissions
        except MissingEntry:
            return []
        for submission in submissions:
            late = float(submission.total_seconds_late or 0)
            for notebook in submission.notebooks:
                wanted = round(penalty_for(policy, float(notebook.score or 0), late), 6)
                if abs(float(notebook.late_submission_penalty or 0) - wanted) > 1e-9:
                    notebook.late_submission_penalty = wanted or None
                    if submission.student_id not in changed:
                        changed.append(submission.student_id)
        gradebook.db.commit()
    return changed
