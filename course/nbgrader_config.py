"""nbgrader settings for the course (this folder is nbgrader's course directory).

Every nbgrader command run from here, and every `investigator-course` command,
reads this file. Each choice below says which nbgrader pain point it answers;
the classes named here live in `investigator_course/nbgrader_integration/`.
"""

from investigator_course.nbgrader_integration.feedback import FEEDBACK_TEMPLATE

c = get_config()  # noqa: F821 - injected by traitlets when nbgrader loads the file

c.CourseDirectory.course_id = "investigator-data-course"
c.CourseDirectory.root = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

# Feedback breaks when a submission folder holds an .html copy of the notebook
# (nbgrader #1211); checkpoints and caches are never part of a submission.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.html",
]
# Keep a runaway submission (e.g. a trainee saving a huge file) from filling the disk.
c.CourseDirectory.max_file_size = 50_000  # kB

# A looping cell is interrupted after this many seconds and grading carries on.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# A cell that prints a million lines must not make a 500 MB notebook.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40

# A trainee who deletes a graded cell loses that cell's points, not the notebook.
c.OverwriteCells.add_missing_cells = True

# What a trainee sees where the solution was. It fails loudly and says why.
c.ClearSolutions.code_stub = {
    "python": (
        "# YOUR CODE HERE\n"
        'raise NotImplementedError("Not answered yet: replace this line with your code, '
        'then run the cell.")'
    )
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Data files are copied into each assignment by `investigator-course build`.
# At autograde time nbgrader copies them again from source/, so a trainee who
# edited or deleted a CSV is graded on the real data. (Leaving
# Autograde.exclude_overwriting empty is what makes that happen.)
c.Autograde.exclude_overwriting = {}

# Feedback must never show hidden tests or the grader's mark scheme
# (nbgrader #917): strip both, and shorten failed-test tracebacks to the
# plain-language message. Each page opens with a table of the trainee's results
# (ResultsSummary fills it in, the template shows it).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "investigator_course.nbgrader_integration.feedback.ResultsSummary",
    "investigator_course.nbgrader_integration.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.template_file = FEEDBACK_TEMPLATE
