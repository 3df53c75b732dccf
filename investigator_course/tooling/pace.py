"""A novice's time for each section of a lesson, estimated from its content.

The hours an academy certifies must be a novice's (a spreadsheet user new to Python,
working alone), not the author's. Nobody can time a pilot class for every edit, so
the course sets each section's `(NN min)` from this estimate, a rule written down
once so that every author counts the same way:

- reading: 120 words a minute (new technical prose, read carefully);
- a worked example: 1 minute per code cell to run it and look at the output, plus
  25 seconds per line of code and 12 seconds per line of a typed-in table;
- an autograded exercise: 1.5 minutes per line of the model answer, plus 3 minutes for
  one round of a failed test (run it, read the message, fix, run again);
- a written answer: 1.5 minutes per line (12 words) of the model answer in the mark
  scheme, else of the length the task asks for (its upper bound), else 3 minutes a point;
- a folded cell (setup the trainee is not meant to read): 1 minute to run it.

Mark schemes, hidden tests and test cells are not read by the trainee and not counted.
The opening (before the first objective's section) counts with the first objective,
and headings that name no objective (Keypoints, Questions) with the one before them.
A pilot class will still show where the estimate is wrong; it is a floor, not a promise.
"""

from __future__ import annotations

import re

from ..nbgrader_integration.cells import is_answer_cell, is_test_cell, is_written_cell

WORDS_PER_MINUTE = 120
RUN_CELL, CODE_LINE, TABLE_LINE = 1.0, 25 / 60, 12 / 60
ANSWER_LINE, TEST_ROUND = 1.5, 3.0
WRITTEN_WORDS_PER_LINE, WRITTEN_PER_POINT = 12, 3.0

SECTION = re.compile(r"^## ([A-Z]{2}-\d+)\b")
SCHEME = re.compile(r"=== BEGIN MARK SCHEME ===.*?=== END MARK SCHEME ===", re.S)
MODEL_ANSWER = re.compile(r"\*\*Model answer[^*]*\*\*:?(.*?)(?:\n\s*\n|$)", re.S)
TABLE_ROW = re.compile(r'^\s*("[^"]*"\s*:\s*\[|\[?\s*"[^"]*",|[\d.\s,-]+,\s*$|\}\)?\s*,?$)')


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9_.\"'`$,]+", text))


def solution_lines(source: str) -> int:
    body = source.split("### BEGIN SOLUTION", 1)[-1].split("### END SOLUTION", 1)[0]
    return len([line for line in body.split("\n") if line.strip()])


LENGTH = re.compile(r"(\d+)\s*(?:to|-|–)\s*(\d+)\s*(words|sentences)")
WORDS_PER_SENTENCE = 15


def written_minutes(cell) -> float:
    """Writing time from the model answer's length, else from the length the task asks for
    ("250 to 400 words", "4 to 6 sentences": the upper bound), else from the points."""
    scheme = "\n".join(SCHEME.findall(cell.source))
    model = MODEL_ANSWER.search(scheme)
    length = LENGTH.search(SCHEME.sub("", cell.source))
    if model and words(model.group(1)) > 20:
        answer_words = words(model.group(1))
    elif length:
        top = int(length.group(2))
        answer_words = top if length.group(3) == "words" else top * WORDS_PER_SENTENCE
    else:
        points = cell.metadata.get("nbgrader", {}).get("points", 0) or 0
        return WRITTEN_PER_POINT * points
    return ANSWER_LINE * answer_words / WRITTEN_WORDS_PER_LINE


def example_minutes(source: str) -> float:
    code = [line for line in source.split("\n")
            if line.strip() and not line.strip().startswith(("#", "%"))]
    table = [line for line in code if TABLE_ROW.match(line)]
    return RUN_CELL + CODE_LINE * (len(code) - len(table)) + TABLE_LINE * len(table)


def cell_minutes(cell) -> float:
    if is_test_cell(cell):
        return 0.0
    if cell.metadata.get("jupyter", {}).get("source_hidden"):
        return RUN_CELL  # a folded setup cell: run it, read what it prints
    if is_answer_cell(cell):
        return ANSWER_LINE * solution_lines(cell.source) + TEST_ROUND
    if is_written_cell(cell):
        return words(SCHEME.sub("", cell.source)) / WORDS_PER_MINUTE + written_minutes(cell)
    if cell.cell_type == "markdown":
        return words(cell.source) / WORDS_PER_MINUTE
    return example_minutes(cell.source)


def estimate(notebooks) -> dict[str, float]:
    """Objective ID -> estimated minutes, over the notebooks of one assignment (in order)."""
    minutes: dict[str, float] = {}
    for nb in notebooks:
        current, waiting = None, 0.0
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for line in cell.source.split("\n"):
                    match = SECTION.match(line)
                    if match:
                        current = match.group(1)
                        minutes[current] = minutes.get(current, 0.0) + waiting
                        waiting = 0.0
            spent = cell_minutes(cell)
            if current is None:
                waiting += spent
            else:
                minutes[current] = minutes.get(current, 0.0) + spent
    return minutes
