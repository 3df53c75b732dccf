"""`investigator-course datasets`: progress lines, one-line errors, nobody else's files touched."""

from __future__ import annotations

import os

import pytest

from investigator_course.cli import main


def _run(capsys, *args):
    code = main(["datasets", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("scale", ["0", "-1", "nan", "1000"])
def test_bad_scale_is_one_clear_line(capsys, tmp_path, scale):
    code, out, err = _run(capsys, "--scale", scale, "--out", str(tmp_path / "d"))
    assert code == 1
    assert "--scale" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (tmp_path / "d").exists()


def test_non_numeric_scale_is_rejected_by_the_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "--scale", "big"])
    assert stop.value.code == 2
    assert "--scale must be a number" in capsys.readouterr().err


def test_out_pointing_at_a_file_is_one_clear_line(capsys, tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    code, _, err = _run(capsys, "--scale", "0.05", "--out", str(target))
    assert code == 1 and "is a file" in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a non-root POSIX user for permission errors")
def test_unwritable_out_is_one_clear_line(capsys, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = _run(capsys, "--scale", "0.05", "--out", str(locked / "datasets"))
    finally:
        locked.chmod(0o700)
    assert code == 1 and "permission denied" in err


def test_generation_reports_progress_and_keeps_other_folders(capsys, tmp_path):
    out = tmp_path / "datasets"
    (out / "tip_report").mkdir(parents=True)
    (out / "tip_report" / "keep.csv").write_text("a\n1\n")
    (out / "bank").mkdir()
    (out / "bank" / "stale.csv").write_text("old\n")
    code, stdout, _ = _run(capsys, "--seed", "3", "--scale", "0.05", "--out", str(out))
    assert code == 0
    for name in ("bank", "chain", "recruitment", "cases"):
        assert any(line.startswith(f"{name}: ") and "written in" in line
                   for line in stdout.splitlines()), stdout
    assert (out / "tip_report" / "keep.csv").read_text() == "a\n1\n"
    assert not (out / "bank" / "stale.csv").exists()
    assert (tmp_path / "ground_truth" / "world.json").is_file()
    assert not any(p.name == "world.json" for p in out.rglob("*"))
