"""Validate as a trainee reads it: each failed check as its plain-language message.

nbgrader's Validate dialog shows, for every failed test cell, the whole cell's code and
then the whole traceback. A course test cell is 50 lines of checks, so a blank notebook
gives a wall of code with the one sentence that matters at the bottom of each block. This
server extension answers Validate with nbgrader's own Validator and handler, and only
rewrites the result it returns: the cell is shown by its first lines (the check's name and
what it checks), the error by its last line (the message, e.g. `AssertionError: ...`) and,
when the trainee's own code raised it, the line of their code it stopped at.

It replaces nbgrader's `validate_assignment` server extension in the lab that
`investigator-course lab` starts (the route and the lab extension are nbgrader's). Grading
is not affected: nbgrader runs the full test cells, hidden tests included.
"""

from __future__ import annotations

import html
import re
import textwrap

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Exit|Interrupt)\b")
ARROW = re.compile(r"^\s*-+>\s*\d+")
SHOWN_SOURCE_LINES = 2
WIDTH = 88  # the dialog shows the error in a <pre> box, which does not wrap lines itself


def short_source(source: str) -> str:
    """The test cell's first lines: `def _check_...():` and the docstring saying what it checks."""
    lines = [line for line in source.strip().splitlines() if line.strip()]
    shown = lines[:SHOWN_SOURCE_LINES]
    if len(lines) > SHOWN_SOURCE_LINES:
        shown.append(f"    ... ({len(lines) - SHOWN_SOURCE_LINES} more lines: scroll to the test "
                     "cell to read its checks)")
    return "\n".join(shown)


BRACKETS_HINT = ("this is usually two conditions joined with & or | without brackets: write "
                 "(a == b) & (c >= d), because Python does & and | before == and >=")


def missing_brackets(ename: str, evalue: str) -> bool:
    """pandas's error for `df["a"] == 1 & df["b"] > 2`, the commonest slip of all: `&` binds
    tighter than `==`, so pandas is asked to `&` a number with a column."""
    text = f"{ename}: {evalue}"
    return ename in ("TypeError", "ValueError") and (
        "rand_" in text or "ror_" in text or "unsupported operand type(s) for &" in text
        or "unsupported operand type(s) for |" in text
        or "truth value of a Series is ambiguous" in text)


def plain_error(raw_error: str) -> str:
    """The message of the last exception in a traceback, and the line of code it came from."""
    lines = ANSI.sub("", raw_error).rstrip().splitlines()
    starts = [i for i, line in enumerate(lines) if EXCEPTION_LINE.match(line)]
    if not starts:
        return "\n".join(lines[-6:])
    message = "\n".join(lines[starts[-1]:]).strip()
    if message.startswith(("AssertionError", "NotImplementedError")):
        return message  # the course's own words: nothing to add
    ename, _, evalue = message.partition(": ")
    if missing_brackets(ename, evalue):
        message += f"\n\n{BRACKETS_HINT[0].upper()}{BRACKETS_HINT[1:]}."
    if message.startswith("NameError"):
        message += ("\n\nA name the test needs is not defined: run the answer cell above the "
                    "test (if it still says `raise NotImplementedError`, it is not answered yet), "
                    "or run all the cells above with Run > Run All Above Selected Cell.")
    arrows = [line.strip() for line in lines[:starts[-1]] if ARROW.match(line)]
    if arrows:
        return f"{message}\n\nPython stopped at this line:\n{arrows[-1]}"
    return message


def wrapped(text: str) -> str:
    """Long message lines folded to the dialog's width; code lines (indented) left alone."""
    return "\n".join(line if line.startswith((" ", "-")) or len(line) <= WIDTH
                     else textwrap.fill(line, WIDTH, subsequent_indent="  ")
                     for line in text.splitlines())


def plain_results(results: dict) -> dict:
    """nbgrader's Validator results with each failed cell shortened (other keys unchanged)."""
    failed = []
    for item in results.get("failed", []):
        error = wrapped(plain_error(item.get("raw_error", "")))
        failed.append({**item, "source": short_source(item.get("source", "")),
                       "error": html.escape(error), "raw_error": error})
    return {**results, "failed": failed} if "failed" in results else results


def _handlers():
    from nbgrader.server_extensions.validate_assignment.handlers import (
        NbGraderVersionHandler,
        ValidateAssignmentHandler,
    )

    class PlainValidateHandler(ValidateAssignmentHandler):
        def validate_notebook(self, path):
            output = super().validate_notebook(path)
            if output.get("success") and isinstance(output.get("value"), dict):
                output["value"] = plain_results(output["value"])
            return output

    return [(r"/assignments/validate", PlainValidateHandler),
            (r"/nbgrader_version", NbGraderVersionHandler)]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    webapp = serverapp.web_app
    webapp.settings["root_dir"] = serverapp.root_dir
    base_url = webapp.settings["base_url"]
    webapp.add_handlers(".*$", [(url_path_join(base_url, pattern), handler)
                                for pattern, handler in _handlers()])


def _jupyter_server_extension_points():
    return [{"module": __name__}]
