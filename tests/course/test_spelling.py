"""The course is written in US English, for US investigators.

A trainee reads "colour", "offence" or "labour" in a course about US law as a sign that it
was written elsewhere; the names of non-US bodies and the titles of their reports keep their
own spelling (the International Labour Organization's *Forced Labour* reports).
"""

from __future__ import annotations

import re

import pytest

from investigator_course.course_map import load_course_map
from tests.support.course import ASSIGNMENT_IDS, COURSE, ROOT

BRITISH = re.compile(
    r"(?<![A-Za-z_])(colour|labour|behaviour|neighbour|favour|honour|parlour|labell|travell|"
    r"modell|cancelled|catalogue|offence|defence|licence|centre|enrolment|cheque|grey\b|"
    r"judgement|instalment|artefact|whilst|amongst|practis|harbour|flatmate|cheque|"
    r"(recogni|minimi|pseudonymi|anonymi|organi|normali|generali|summari|authori|prioriti|"
    r"characteri|standardi|categori|visuali|optimi|maximi|utili|randomi|initiali|capitali|"
    r"traumati|apologi|criticis|emphasi|reali)s(e|ed|es|ing|ation))",
    re.IGNORECASE)
OWN_SPELLING = re.compile(r"International Labour|Labour Organi[sz]ation|Labour Office|"
                          r"Forced Labour|Forced Labour and Forced Marriage|"
                          r"personal data pseudonymisation|https?://\S+")


def course_texts():
    yield ROOT / "README.md"
    yield ROOT / "CONTRIBUTING.md"
    yield COURSE / "course.toml"
    yield COURSE / "lessons" / "course_checks.py"
    for assignment_id in ASSIGNMENT_IDS:
        yield from sorted((COURSE / "lessons" / assignment_id).glob("*.py"))
    yield from sorted((COURSE / "instructors").glob("*.md"))
    datasets = {name for a in load_course_map(ROOT).assignments if a.id in ASSIGNMENT_IDS
                for name in a.datasets}
    for name in sorted(datasets):
        yield ROOT / "datasets" / name / "DATASHEET.md"


@pytest.mark.parametrize("path", list(course_texts()), ids=lambda p: p.name)
def test_course_text_uses_us_spelling(path):
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in BRITISH.finditer(OWN_SPELLING.sub("", line)):
            found.append(f"line {number}: {match.group(0)!r} in {line.strip()[:90]!r}")
    assert not found, f"{path.relative_to(ROOT)} has British spellings:\n" + "\n".join(found[:20])
