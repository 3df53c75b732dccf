"""A rebuild never overwrites a learner's work."""

from __future__ import annotations

from investigator_course.tooling.workspace import sync_workspace


def make_release(folder, notebook_text, data_text="a,b\n1,2\n"):
    (folder / "00_x" / "data").mkdir(parents=True, exist_ok=True)
    (folder / "00_x" / "00_x.ipynb").write_text(notebook_text)
    (folder / "00_x" / "data" / "t.csv").write_text(data_text)


def test_first_sync_copies_everything(tmp_path):
    make_release(tmp_path / "release", "v1")
    messages = sync_workspace(tmp_path / "release", tmp_path / "work")
    assert (tmp_path / "work" / "00_x" / "00_x.ipynb").read_text() == "v1"
    assert (tmp_path / "work" / "00_x" / "data" / "t.csv").exists()
    assert len(messages) == 2


def test_untouched_notebook_follows_the_release(tmp_path):
    make_release(tmp_path / "release", "v1")
    sync_workspace(tmp_path / "release", tmp_path / "work")
    make_release(tmp_path / "release", "v2")
    sync_workspace(tmp_path / "release", tmp_path / "work")
    assert (tmp_path / "work" / "00_x" / "00_x.ipynb").read_text() == "v2"


def test_learner_work_is_kept_and_new_release_put_beside_it(tmp_path):
    make_release(tmp_path / "release", "v1")
    sync_workspace(tmp_path / "release", tmp_path / "work")
    mine = tmp_path / "work" / "00_x" / "00_x.ipynb"
    mine.write_text("my answers")
    make_release(tmp_path / "release", "v2", data_text="a,b\n3,4\n")
    messages = sync_workspace(tmp_path / "release", tmp_path / "work")
    assert mine.read_text() == "my answers"
    assert (tmp_path / "work" / "00_x" / "NEW_00_x.ipynb").read_text() == "v2"
    assert any("kept your work" in m for m in messages)
    assert (tmp_path / "work" / "00_x" / "data" / "t.csv").read_text() == "a,b\n3,4\n"
    # a second sync changes nothing, says nothing and still keeps the learner's copy
    assert sync_workspace(tmp_path / "release", tmp_path / "work") == []
    assert mine.read_text() == "my answers"


def test_unchanged_release_is_quiet(tmp_path):
    make_release(tmp_path / "release", "v1")
    sync_workspace(tmp_path / "release", tmp_path / "work")
    assert sync_workspace(tmp_path / "release", tmp_path / "work") == []


def test_edits_with_an_unchanged_release_are_left_alone_quietly(tmp_path):
    """Restarting the lab after working on a notebook must not offer a 'newer version' that
    is the same release the learner started from."""
    make_release(tmp_path / "release", "v1")
    sync_workspace(tmp_path / "release", tmp_path / "work")
    mine = tmp_path / "work" / "00_x" / "00_x.ipynb"
    mine.write_text("my answers")
    assert sync_workspace(tmp_path / "release", tmp_path / "work") == []
    assert mine.read_text() == "my answers"
    assert sorted(p.name for p in (tmp_path / "work" / "00_x").glob("*.ipynb")) == ["00_x.ipynb"]


def test_answer_keys_are_copied_where_the_lab_can_open_them(tmp_path):
    """A learner on their own reaches the executed keys from the lab (solutions/ is outside
    the workspace the lab serves); the copies follow the course, the learner's work does not."""
    from investigator_course.tooling.workspace import sync_answer_keys

    solutions = tmp_path / "solutions"
    (solutions / "00_x").mkdir(parents=True)
    (solutions / "00_x" / "00_x.ipynb").write_text("key v1")
    work = tmp_path / "work"
    assert sync_answer_keys(solutions, work) == ["answer key answer_keys/00_x/00_x.ipynb added"]
    key = work / "answer_keys" / "00_x" / "00_x.ipynb"
    assert key.read_text() == "key v1"
    assert "try\neach exercise first" in (work / "answer_keys" / "README.md").read_text()
    assert sync_answer_keys(solutions, work) == []
    notes = tmp_path / "instructors"
    notes.mkdir()
    (notes / "00_x.md").write_text("checklist")
    assert sync_answer_keys(solutions, work, notes) == [
        "answer key answer_keys/instructor_notes/00_x.md added"]
    (solutions / "00_x" / "00_x.ipynb").write_text("key v2")
    assert sync_answer_keys(solutions, work) == ["answer key answer_keys/00_x/00_x.ipynb updated"]
    assert key.read_text() == "key v2"


def test_start_over_keeps_the_work_and_puts_the_release_back(tmp_path):
    from investigator_course.tooling.start_over import start_over

    released = tmp_path / "release" / "00_x.ipynb"
    released.parent.mkdir()
    released.write_text("blank")
    mine = tmp_path / "work" / "00_x" / "00_x.ipynb"
    mine.parent.mkdir(parents=True)
    mine.write_text("my answers")
    kept = start_over(mine, released)
    assert mine.read_text() == "blank"
    assert kept.read_text() == "my answers" and kept.parent.name == "earlier"


def test_the_lab_says_one_line_per_folder_and_every_word_about_the_learners_work():
    from investigator_course.tooling.lab import summarized

    lines = summarized(["added 00_x/00_x.ipynb", "added 00_x/data/t.csv", "added 01_y/a.ipynb",
                        "kept your work in 00_x/00_x.ipynb; the new version ...",
                        "answer key answer_keys/00_x/00_x.ipynb added"])
    assert lines == ["added 00_x/ (2 files)", "added 01_y/ (1 file)",
                     "answer keys added answer_keys/ (1 file)",
                     "kept your work in 00_x/00_x.ipynb; the new version ..."]
