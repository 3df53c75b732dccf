"""The generator's layout stays readable: the bank's modules import one way, in the order
`world/bank/__init__.py` lists them, and no module hides an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import investigator_course.world as world_package

WORLD = Path(world_package.__file__).parent
BANK_ORDER = ["records", "life", "hard_negatives", "planted", "notes"]
LAZY_IMPORTS_ALLOWED = {"cli.py"}  # keeps `investigator-course --help` fast


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _bank_imports(module: str) -> set[str]:
    """Sibling modules of world/bank that `module` imports (relative imports only)."""
    found = set()
    for node in ast.walk(_tree(WORLD / "bank" / f"{module}.py")):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_bank_modules_are_the_ones_the_package_lists():
    present = {p.stem for p in (WORLD / "bank").glob("*.py")} - {"__init__"}
    assert present == set(BANK_ORDER)


def test_bank_modules_import_only_modules_listed_before_them():
    for position, module in enumerate(BANK_ORDER):
        allowed = set(BANK_ORDER[:position])
        wrong = _bank_imports(module) - allowed
        assert not wrong, (f"bank/{module}.py imports {sorted(wrong)}; a bank module may only "
                           f"import those listed before it: {sorted(allowed)}")


def test_no_imports_inside_functions():
    hidden = []
    for path in sorted(WORLD.rglob("*.py")):
        if path.name in LAZY_IMPORTS_ALLOWED:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        hidden.append(f"{path.relative_to(WORLD)}:{inner.lineno}")
    assert not hidden, f"imports inside functions (move them to the top): {hidden}"
