"""The package's folders show its architecture, and imports go one way.

world/ (generate data) and nbgrader_integration/ (what plugs into nbgrader) use only the base
modules; tooling/ (course tooling) may use those two; grading/ (grading a class) may use
tooling/ too; hub/ (an academy's JupyterHub) may use grading/, tooling/ and
nbgrader_integration/;
cli.py may use anything. Imports inside functions count: a cycle hidden in a
function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "investigator_course"
BASE = {"errors", "paths", "course_map", "manifest"}
ALLOWED = {
    "base": set(),
    "world": {"world"},
    "nbgrader_integration": {"nbgrader_integration"},
    "tooling": {"tooling", "nbgrader_integration", "world"},
    "grading": {"grading", "tooling", "nbgrader_integration"},
    "hub": {"hub", "grading", "tooling", "nbgrader_integration"},
    "cli": {"world", "tooling", "grading", "hub", "nbgrader_integration"},
}


def layer_of(module: str) -> str:
    """`investigator_course.tooling.build` -> `tooling`; base modules -> `base`."""
    first = module.split(".")[1] if "." in module else module
    return "base" if first in BASE or first == "__init__" else first


def imported(path: Path) -> set[str]:
    """Every investigator_course module a file imports, at any depth of the code."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            else:
                names = [node.module or ""]
            found |= {n for n in names if n.startswith("investigator_course")}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("investigator_course")}
    return found


def test_imports_go_one_way():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        own = layer_of(module)
        for target in imported(path):
            other = layer_of(target)
            if other not in ALLOWED[own] | {"base", own} or (own == "base" and other != "base"):
                wrong.append(f"{module} ({own}) imports {target} ({other})")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_the_top_level_holds_only_the_layers():
    top = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir()
                                                     if p.is_dir() and p.name != "__pycache__"}
    assert top == BASE | {"__init__", "cli", "world", "tooling", "grading", "hub",
                          "nbgrader_integration"}, f"unexpected top-level modules: {sorted(top)}"
