"""Unix accounts and groups for the hub, made from the class roster.

The roster is the same CSV that `grade --roster` imports into the gradebook
(column `id`, optional `first_name`, `last_name`, `email`), so a trainee's login,
their nbgrader student id and the name on their exchange submissions are one and
the same. Each new account gets a random first password; the list goes into a file
only root can read, for the instructor to hand out.
"""

from __future__ import annotations

import csv
import grp
import os
import pwd
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError

# What `useradd` accepts on Debian without --badname, kept short enough for `ps`.
USERNAME = re.compile(r"^[a-z_][a-z0-9_-]{0,30}$")


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str


def read_roster(roster: Path) -> list[Person]:
    if not roster.is_file():
        raise UserError(f"roster {roster} does not exist.")
    with roster.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames or []
    if "id" not in columns:
        raise UserError(f"roster {roster} needs an 'id' column (optional: first_name, last_name, "
                        f"email); it has: {', '.join(columns) or 'none'}.")
    people = [Person(row["id"].strip(),
                     " ".join(filter(None, [row.get("first_name", ""), row.get("last_name", "")]))
                     .strip()) for row in rows]
    return [check_username(p) for p in people]


def check_username(person: Person) -> Person:
    if not USERNAME.match(person.username):
        raise UserError(f"{person.username!r} cannot be a login name: use lower-case letters, "
                        "digits, '_' or '-', starting with a letter (at most 31 characters).")
    return person


def require_root() -> None:
    if os.geteuid() != 0:
        raise UserError("creating accounts and groups needs root: run it with sudo.")


def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        _run(["groupadd", name])


def account_exists(username: str) -> bool:
    try:
        pwd.getpwnam(username)
    except KeyError:
        return False
    return True


def add_accounts(people: list[Person], group: str) -> dict[str, str]:
    """Create the accounts that do not exist yet; returns {username: first password}.

    An account that already exists is only added to the group: its password and
    home folder are never touched (a trainee who is on two rosters keeps their work).
    """
    require_root()
    ensure_group(group)
    passwords = {}
    for person in people:
        if account_exists(person.username):
            _run(["usermod", "--append", "--groups", group, person.username])
            continue
        _run(["useradd", "--create-home", "--shell", "/bin/bash", "--groups", group,
              "--comment", person.full_name or person.username, person.username])
        # Debian's useradd leaves a home folder readable by everyone; a trainee's must not be.
        Path(pwd.getpwnam(person.username).pw_dir).chmod(0o700)
        password = secrets.token_urlsafe(9)
        _run(["chpasswd"], stdin=f"{person.username}:{password}\n")
        passwords[person.username] = password
    return passwords


def ensure_service_account(username: str, home: Path) -> None:
    """A system account nobody logs in to, in no group but its own, home 0700."""
    if not account_exists(username):
        home.parent.mkdir(parents=True, exist_ok=True)
        home.parent.chmod(0o755)
        _run(["useradd", "--system", "--user-group", "--create-home", "--home-dir", str(home),
              "--shell", "/usr/sbin/nologin", "--comment", "course grading kernels", username])
    Path(pwd.getpwnam(username).pw_dir).chmod(0o700)


def remove_accounts(people: list[Person], *, keep_homes: bool) -> list[str]:
    """Delete the roster's accounts (end of a cohort); returns who was removed."""
    require_root()
    removed = []
    for person in people:
        if account_exists(person.username):
            _run(["userdel", *([] if keep_homes else ["--remove"]), person.username])
            removed.append(person.username)
    return removed


def write_passwords(passwords: dict[str, str], target: Path) -> None:
    """The first passwords, readable by root only: the instructor hands each one out."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600, exist_ok=True)
    target.chmod(0o600)
    with target.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if target.stat().st_size == 0:
            writer.writerow(["id", "first_password"])
        writer.writerows(sorted(passwords.items()))


def members(group: str) -> set[str]:
    """Every account in a group, as its secondary or its primary group."""
    try:
        entry = grp.getgrnam(group)
    except KeyError:
        return set()
    primary = {p.pw_name for p in pwd.getpwall() if p.pw_gid == entry.gr_gid}
    return set(entry.gr_mem) | primary


def _run(command: list[str], stdin: str | None = None) -> None:
    result = subprocess.run(command, input=stdin, text=True, capture_output=True)
    if result.returncode != 0:
        raise UserError(f"`{' '.join(command[:1] + command[-1:])}` failed: "
                        f"{(result.stderr or result.stdout).strip()}")
