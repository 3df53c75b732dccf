"""Course tooling: what authors, instructors and learners run on the course itself.

`build` writes the notebooks from the lessons and makes releases and answer keys with
nbgrader; `lab` opens JupyterLab on a learner's workspace or the instructor's course;
`check` runs the visible tests; `doctor` checks a machine; `outline` prints the hours
per objective; `lessons` and `pace` hold the lesson format and the novice-pace estimate.
"""
