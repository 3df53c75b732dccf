"""The course's nbgrader settings, as nbgrader itself reads them.

`course/nbgrader_config.py` is loaded the way nbgrader loads a config file, and
every value comes from nbgrader's own configurable classes (`CourseDirectory`
for the gradebook, course id and ignore patterns, `Execute` for the cell time
limit), so a setting the course leaves out has nbgrader's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from ..errors import UserError
from ..paths import course_dir

CONFIG_FILE = "nbgrader_config.py"


@dataclass(frozen=True)
class CourseConfig:
    course: Path
    db_url: str
    course_id: str
    ignore: list[str]
    timeout: int | None  # seconds a cell may run; None: no limit
    config: Config  # everything the file sets, for nbgrader's classes


def read_config(course: Path) -> Config:
    try:
        config = PyFileConfigLoader(CONFIG_FILE, path=str(course)).load_config()
    except Exception as problem:  # a syntax error in the instructor's config file
        raise UserError(f"cannot read {course / CONFIG_FILE}: {problem}") from None
    if "root" not in config.CourseDirectory:
        # nbgrader's default root is the folder it runs in, which for the course
        # commands is always the course folder
        config.CourseDirectory.root = str(course)
    return config


def load_config(course: Path) -> CourseConfig:
    """The settings of the course's nbgrader_config.py that grading needs to know."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import Execute

    config = read_config(course)
    coursedir = CourseDirectory(config=config)
    timeout = Execute(config=config).timeout
    return CourseConfig(
        course=course,
        db_url=coursedir.db_url,
        course_id=coursedir.course_id,
        ignore=list(coursedir.ignore),
        timeout=int(timeout) if timeout else None,
        config=config,
    )


def resolve_course(option: str | None) -> Path:
    """The nbgrader course folder: `--course-dir` if given, else the repository's course/."""
    course = Path(option).expanduser().resolve() if option else course_dir().resolve()
    if not (course / CONFIG_FILE).is_file():
        raise UserError(f"{course} is not an nbgrader course folder (no {CONFIG_FILE}).")
    return course
