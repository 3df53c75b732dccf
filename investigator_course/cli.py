"""`investigator-course`: the one command learners and instructors type.

Each subcommand lives in its own module with `add_arguments(parser)` and
`run(args) -> int`; this file only wires them up and turns a `UserError` into
a one-line message and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import stat
import sys

from .errors import UserError

# subcommand -> (module, one-line help). Each module adds its own arguments. The modules sit
# with their concern: course tooling in tooling/, class grading in grading/, data in world/.
COMMANDS = {
    "doctor": ("investigator_course.tooling.doctor",
               "check this machine and the course; print fixes"),
    "build": ("investigator_course.tooling.build",
              "generate releases and answer keys with nbgrader"),
    "lab": ("investigator_course.tooling.lab", "open JupyterLab on your own copy of the course"),
    "check": ("investigator_course.tooling.check", "run the visible tests on your notebook"),
    "start-over": ("investigator_course.tooling.start_over",
                   "a fresh copy of a notebook; your work so far is kept in earlier/"),
    "outline": ("investigator_course.tooling.outline",
                "hours per objective, for course certification"),
    "datasets": ("investigator_course.world.cli", "draw the synthetic case datasets from a seed"),
    "grade": ("investigator_course.grading.grade", "autograde a class in parallel with nbgrader"),
    "feedback": ("investigator_course.grading.feedback", "feedback pages without hidden tests"),
    "report": ("investigator_course.grading.report", "class report and LMS grade export"),
    "regrade": ("investigator_course.grading.regrade",
                "change one graded cell's score, recorded with who, when and why"),
    "backup": ("investigator_course.grading.backup",
               "one archive of the gradebook, submissions, feedback and reports"),
    "grade-me": ("investigator_course.grading.self_grading",
                 "grade your own work with every test; update your progress record"),
    "hub": ("investigator_course.hub.cli", "an academy's JupyterHub: setup and accounts"),
}


def use_own_tools() -> None:
    """Put this environment's programs first on PATH: nbgrader's gradebook runs `alembic` as a
    program, so `.venv/bin/investigator-course` typed without activating the environment
    would otherwise stop with "No such file or directory: 'alembic'"."""
    from .nbgrader_integration.runner import own_bin_first

    os.environ["PATH"] = own_bin_first(os.environ.get("PATH", ""))


def shared_course(course_option: str | None) -> str | None:
    """A course folder shared by a group of instructors (setgid, as `hub setup` makes it):
    write group-writable files from here on, whatever this login's umask, and return it."""
    from .paths import course_dir

    try:
        folder = os.path.expanduser(course_option) if course_option else str(course_dir())
        if not os.stat(folder).st_mode & stat.S_ISGID:
            return None
    except (OSError, UserError):
        return None
    current = os.umask(0)
    os.umask(current & ~0o020)
    return folder


def let_group_write(folder: str) -> None:
    """SQLite creates its file 644 whatever the umask: a gradebook one instructor made would
    stop the next one's `grade` ("attempt to write a readonly database")."""
    for name in ("gradebook.db", "nbgrader.log"):
        path = os.path.join(folder, name)
        try:
            info = os.stat(path)
            if info.st_uid == os.getuid() and not info.st_mode & stat.S_IWGRP:
                os.chmod(path, stat.S_IMODE(info.st_mode) | stat.S_IWGRP | stat.S_IRGRP)
        except OSError:
            continue


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="investigator-course",
        description="Course tooling: set up, open, check and grade the assignments.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(_module=module_name)
        importlib.import_module(module_name).add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    use_own_tools()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    module = importlib.import_module(args._module)
    shared = shared_course(getattr(args, "course_dir", None))
    try:
        return int(module.run(args) or 0)
    except UserError as problem:
        print(f"investigator-course {args.command}: {problem}", file=sys.stderr)
        return 1
    except PermissionError as problem:
        print(f"investigator-course {args.command}: no permission to use {problem.filename}; "
              "check its permissions or copy the course to a folder you own.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"investigator-course {args.command}: interrupted.", file=sys.stderr)
        return 130
    finally:
        if shared:
            let_group_write(shared)


if __name__ == "__main__":
    sys.exit(main())
