"""Grading a class at scale on top of nbgrader: intake, parallel autograde, feedback, report."""
