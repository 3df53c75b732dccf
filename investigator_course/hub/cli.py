"""`investigator-course hub ...`: set an academy's JupyterHub up and manage its accounts.

    hub setup                      settings, exchange, groups, private folders (after install.sh)
    hub add-trainees roster.csv    a Unix account per trainee; first passwords to a root-only file
    hub add-instructors NAME ...   accounts (or existing ones) into the instructors group
    hub remove-users roster.csv    end of a cohort: delete the roster's accounts
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import UserError
from . import accounts, setup

PASSWORDS = Path("first-passwords.csv")


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(dest="hub_action", metavar="ACTION", required=True)
    setup.add_arguments(actions.add_parser(
        "setup", help="write the hub's settings; make the exchange and groups"))
    for name, what in (("add-trainees", "trainees"), ("add-instructors", "instructors")):
        sub = actions.add_parser(name, help=f"Unix accounts for {what}")
        sub.add_argument("people", nargs="+", metavar="ROSTER_OR_NAME",
                         help="a roster CSV (column id) or login names")
        sub.add_argument("--settings", default=setup.DEFAULT_SETTINGS,
                         help="the hub settings file (for the group names)")
        sub.add_argument("--passwords", default=str(PASSWORDS),
                         help=f"where new accounts' first passwords go (default {PASSWORDS}, "
                              "readable by root only)")
    remove = actions.add_parser("remove-users", help="delete the accounts of a roster")
    remove.add_argument("people", nargs="+", metavar="ROSTER_OR_NAME")
    remove.add_argument("--keep-homes", action="store_true",
                        help="keep their home folders (their notebooks)")


def run(args) -> int:
    if args.hub_action == "setup":
        return setup.run(args)
    people = gather(args.people)
    if args.hub_action == "remove-users":
        removed = accounts.remove_accounts(people, keep_homes=args.keep_homes)
        print(f"removed {len(removed)} account(s): {', '.join(removed) or 'none'}")
        return 0
    role = "trainees" if args.hub_action == "add-trainees" else "instructors"
    group = group_name(Path(args.settings), role)
    passwords = accounts.add_accounts(people, group)
    existing = len(people) - len(passwords)
    print(f"{len(passwords)} new account(s) in {group}"
          + (f"; {existing} existing account(s) added to the group" if existing else ""))
    if passwords:
        accounts.write_passwords(passwords, Path(args.passwords))
        print(f"first passwords: {Path(args.passwords).resolve()} (root only; hand each out, "
              "then delete the file; a trainee changes theirs with `passwd` in a terminal)")
    return 0


def gather(items: list[str]) -> list[accounts.Person]:
    people = []
    for item in items:
        if item.endswith(".csv"):
            people += accounts.read_roster(Path(item))
        else:
            people.append(accounts.check_username(accounts.Person(item, "")))
    return people


def group_name(settings_file: Path, role: str) -> str:
    if not settings_file.is_file():
        raise UserError(f"no hub settings at {settings_file}: run `investigator-course hub setup` "
                        "first, or give --settings.")
    return json.loads(settings_file.read_text())[f"{role}_group"]
