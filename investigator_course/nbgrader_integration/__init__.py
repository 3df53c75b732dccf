"""Everything of the course that plugs into nbgrader, through nbgrader's own extension points.

* `cells`: which cell is an answer, a test or a written answer (on `nbgrader.utils`);
* `regions`: the solution, hidden-test and mark-scheme delimiters as nbgrader is
  configured (`ClearSolutions`, `ClearHiddenTests`, `ClearMarkScheme`), and the
  lines only those regions hold (`secret_lines`);
* `config`: the course's nbgrader settings, read through `CourseDirectory(config=...)`;
* `feedback`: the `GenerateFeedback` preprocessors (hidden tests out, results
  summary in) and the template that shows the summary;
* `late`: the `LateSubmissionPlugin` for a percentage per day late;
* `lms`: the `FileNameCollectorPlugin` for LMS download archives (`named_regexp`);
* `repair`: what nbgrader 0.9 cannot grade in a submission, put right before it runs;
* `autograde`: one trainee through `NbGraderAPI.autograde`.

Two things have no public extension point in nbgrader, and are written against
the versions in `NBGRADER_CHECKED` (tests/test_nbgrader_integration.py fails
on any other, so that whoever moves the pin re-checks them): the merge of the
workers' gradebook shards in one transaction (`grading/merge.py`, nbgrader's ORM
classes) and the repairs in `repair.py` of what nbgrader 0.9 fails on.
"""

NBGRADER_CHECKED = ">=0.9.5,<0.10"
