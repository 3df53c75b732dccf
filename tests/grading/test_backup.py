"""`investigator-course backup`: a consistent gradebook and the class's work, owner-only."""

from __future__ import annotations

import sqlite3
import stat
import tarfile

from investigator_course.cli import main


def make_course(folder):
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'academy-test'\n")
    (folder / "submitted/ana/00_orientation").mkdir(parents=True)
    (folder / "submitted/ana/00_orientation/00_orientation.ipynb").write_text("{}")
    return folder


def test_backup_holds_a_gradebook_snapshot_and_the_submissions(tmp_path, capsys):
    course = make_course(tmp_path / "course")
    writer = sqlite3.connect(course / "gradebook.db")
    writer.execute("create table grade (student text, score real)")
    writer.execute("insert into grade values ('ana', 3)")
    writer.commit()
    writer.execute("insert into grade values ('ben', 1)")  # not committed: not in the copy
    try:
        assert main(["backup", "--course-dir", str(course), "--to", str(tmp_path / "out")]) == 0
    finally:
        writer.close()
    archives = list((tmp_path / "out").glob("academy-test-*.tar.gz"))
    assert len(archives) == 1, capsys.readouterr().out
    assert stat.S_IMODE(archives[0].stat().st_mode) == 0o600  # it names trainees
    with tarfile.open(archives[0]) as archive:
        names = archive.getnames()
        archive.extract("gradebook.db", tmp_path / "restored", filter="data")
    assert "submitted/ana/00_orientation/00_orientation.ipynb" in names
    rows = sqlite3.connect(tmp_path / "restored/gradebook.db").execute(
        "select student, score from grade").fetchall()
    assert rows == [("ana", 3.0)]
    assert "submitted (1 file)" in capsys.readouterr().out


def test_backup_without_a_gradebook_says_so(tmp_path, capsys):
    course = make_course(tmp_path / "course")
    assert main(["backup", "--course-dir", str(course)]) == 1
    error = capsys.readouterr().err
    assert "has no gradebook yet" in error and "Traceback" not in error
