"""Mutation testing of the autograded exercises: does a full score mean a right answer?

A test cell that catches the one recorded mistake can still miss its neighbors.
This module takes the instructor's solution of every autograded exercise, makes
systematic one-slip variants of it ("mutants": `<` for `<=`, a dropped filter,
`mean` for `median`, a `DiGraph` for a `Graph`, the time-zone conversion left
out, ...) and runs the exercise's visible and hidden tests against each. A
mutant the tests fail is *killed*; one they pass *survived*, and is either a
gap in the tests or an *equivalent* mutant, one that cannot change any answer
the instructions allow. Equivalent mutants are listed, each with the reason, in
`tests/submissions/<assignment>.equivalent.toml`; nothing else is excused.

Why a small AST mutator and not mutmut or cosmic-ray: those mutate files of a
package and rerun a test command per mutant, and know nothing of pandas or
networkx. Here the code under test lives in notebook cells, the slips worth
making are pandas ones (`nunique` for `count`, `closed="left"`, `tz_convert`),
and each run must reuse a loaded notebook to stay fast.

How it runs: one process per notebook executes the notebook top to bottom
(matplotlib on Agg, `%` magics skipped). At each answer cell it forks once per
mutant; the child runs the mutated answer and the exercise's test cells (hidden
tests included) and reports through its exit code. Forking gives every mutant a
fresh copy of the warm namespace, so a mutant that changes a table in place
cannot spoil the next one. CSV reads are cached (a copy handed out each time).

Run it while writing tests:

    python tests/course/mutation.py 01a_financial_red_flags [--exercise fr2_structuring] [-v]

It prints the mutation score per exercise and lists the survivors.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from the repository, too

from investigator_course.nbgrader_integration.cells import (  # noqa: E402
    grade_id,
    is_answer_cell,
    is_test_cell,
)
from investigator_course.nbgrader_integration.regions import (  # noqa: E402
    HIDDEN_TESTS,
    SOLUTION,
    cleared,
    region_markers,
)

MARKERS = region_markers()  # nbgrader's own delimiters: `### BEGIN SOLUTION`, ...
SOLUTION_BEGIN, SOLUTION_END = MARKERS[SOLUTION]
MUTANT_TIMEOUT = 30  # seconds; a mutant that loops for longer is killed, as nbgrader would
# The floors the suite enforces (see tests/course/test_mutation.py).
ASSIGNMENT_FLOOR, EXERCISE_FLOOR = 0.95, 0.85

# Exit codes of a mutant's child process.
SURVIVED, KILLED, CRASHED, NOT_APPLICABLE, TIMED_OUT = 0, 1, 2, 3, 4


# ----------------------------------------------------------------------------- mutants


@dataclass
class Mutant:
    operator: str
    description: str  # "`a < b` -> `a <= b`": stable across edits elsewhere, used as a key
    source: str  # the whole answer cell, mutated


Replacement = Callable[[ast.AST], ast.AST | None]

COMPARE_SWAPS = {ast.Lt: [ast.LtE], ast.LtE: [ast.Lt], ast.Gt: [ast.GtE], ast.GtE: [ast.Gt],
                 ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.In: [ast.NotIn],
                 ast.NotIn: [ast.In], ast.Is: [ast.IsNot], ast.IsNot: [ast.Is]}
ARITHMETIC_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
                    ast.FloorDiv: ast.Div}
# Aggregations a trainee confuses, in both directions where both make sense.
METHOD_SWAPS = {
    "nunique": ["count", "size"], "count": ["nunique", "size", "sum"], "size": ["count", "nunique"],
    "median": ["mean"], "mean": ["median", "sum"], "sum": ["count", "mean"],
    "max": ["min"], "min": ["max"], "first": ["last"], "last": ["first"],
    "idxmax": ["idxmin"], "idxmin": ["idxmax"], "any": ["all"], "all": ["any"],
    "cumsum": ["cumcount"], "nlargest": ["nsmallest"], "nsmallest": ["nlargest"],
    "weakly_connected_components": ["strongly_connected_components"],
    "tz_convert": ["tz_localize"], "minimum": ["maximum"], "maximum": ["minimum"],
}
# Methods that take an aggregation by name: `.transform("median")`, `.agg("sum")`.
NAMED_AGGREGATIONS = {"transform", "agg", "aggregate", "apply"}
BUILTIN_SWAPS = {"max": ["min"], "min": ["max"], "sum": ["len"], "any": ["all"], "all": ["any"]}
GRAPH_SWAPS = {"Graph": ["DiGraph", "MultiGraph"], "DiGraph": ["Graph"],
               "MultiGraph": ["Graph"], "MultiDiGraph": ["DiGraph"]}
# Calls that can be dropped, leaving their receiver: each is a step a trainee forgets.
DROPPABLE_CALLS = {"tz_convert", "tz_localize", "reset_index", "sort_values", "sort_index",
                   "copy", "dropna", "drop_duplicates", "normalize", "floor", "strip",
                   "lower", "upper", "fillna", "astype", "unique", "abs", "round", "clip"}
KEYWORD_SWAPS = {
    "closed": ["right", "left", "both", "neither"], "keep": ["first", "last", False],
    "how": ["inner", "left", "outer"], "inclusive": ["both", "left", "right", "neither"],
    "ascending": [True, False], "drop": [True, False], "dropna": [True, False],
    "normalize": [True, False], "utc": [True, False], "sort": [True, False],
    "as_index": [True, False], "skipna": [True, False], "regex": [True, False],
    "case": [True, False], "na": [True, False], "directed": [True, False],
}
DATE_PARTS = {"date": ["day"], "day": ["date", "dayofweek"], "hour": ["minute"],
              "dayofweek": ["day"], "weekday": ["day"]}


def _const(value) -> ast.Constant:
    return ast.Constant(value=value)


def operators(node: ast.AST, parent: ast.AST | None) -> Iterator[tuple[str, Replacement]]:
    """Every one-slip change of `node`: (operator name, function building the new node)."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        for cls in COMPARE_SWAPS.get(type(node.ops[0]), []):
            yield "comparison", lambda n, cls=cls: ast.Compare(n.left, [cls()], n.comparators)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            other = ast.BitOr if isinstance(node.op, ast.BitAnd) else ast.BitAnd
            yield "connective", lambda n, o=other: ast.BinOp(n.left, o(), n.right)
            yield "dropped condition", lambda n: n.left
            yield "dropped condition", lambda n: n.right
        elif type(node.op) in ARITHMETIC_SWAPS:
            new_op = ARITHMETIC_SWAPS[type(node.op)]
            yield "arithmetic", lambda n, o=new_op: ast.BinOp(n.left, o(), n.right)
    if isinstance(node, ast.BoolOp):
        other = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield "connective", lambda n, o=other: ast.BoolOp(o(), n.values)
        for i in range(len(node.values)):
            yield "dropped condition", lambda n, i=i: (
                n.values[1 - i] if len(n.values) == 2
                else ast.BoolOp(n.op, n.values[:i] + n.values[i + 1:]))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
        yield "negation dropped", lambda n: n.operand
    if isinstance(node, ast.Subscript) and _is_filter(node.slice):
        yield "filter dropped", lambda n: n.value
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
            and node.value.attr == "loc" and isinstance(node.slice, ast.Tuple) \
            and _is_filter(node.slice.elts[0]):
        yield "filter dropped", lambda n: ast.Subscript(
            n.value, ast.Tuple([ast.Slice(), *n.slice.elts[1:]], ast.Load()), ast.Load())
    if isinstance(node, ast.Call):
        yield from _call_operators(node)
    if isinstance(node, ast.Attribute) and not (isinstance(parent, ast.Call)
                                                and parent.func is node):
        for new in DATE_PARTS.get(node.attr, []):
            if isinstance(node.value, ast.Attribute) and node.value.attr == "dt":
                yield "date part", lambda n, new=new: ast.Attribute(n.value, new, ast.Load())
        if node.attr in GRAPH_SWAPS:
            for new in GRAPH_SWAPS[node.attr]:
                yield "graph type", lambda n, new=new: ast.Attribute(n.value, new, ast.Load())
    in_fstring = isinstance(parent, (ast.JoinedStr, ast.FormattedValue))
    if isinstance(node, ast.Constant) and not in_fstring:
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            yield "constant", lambda n: _const(n.value + 1)
            yield "constant", lambda n: _const(n.value - 1)
        elif isinstance(node.value, str) and "/" in node.value and node.value[:1].isupper():
            yield "time zone", lambda n: _const("UTC")
    if isinstance(node, (ast.List, ast.Set, ast.Tuple)) and isinstance(parent, ast.Call) \
            and isinstance(parent.func, ast.Attribute) and parent.func.attr == "isin":
        for i in range(len(node.elts)):
            yield "filter value dropped", lambda n, i=i: type(n)(
                n.elts[:i] + n.elts[i + 1:], *([ast.Load()] if not isinstance(n, ast.Set) else []))
    if isinstance(node, ast.If) and any(isinstance(s, (ast.Continue, ast.Return, ast.Break))
                                        for s in node.body) and not node.orelse:
        yield "filter dropped", lambda n: None
    if isinstance(node, ast.Assign) and len(node.targets) == 1 \
            and isinstance(node.targets[0], ast.Name) \
            and any(isinstance(x, ast.Name) and x.id == node.targets[0].id
                    for x in ast.walk(node.value)):
        yield "step dropped", lambda n: None
    plain = isinstance(getattr(node, "value", None), ast.Call) and isinstance(
        node.value.func, ast.Name) and node.value.func.id in {
        "set", "len", "int", "float", "dict", "list", "sorted", "tuple", "round", "bool"}
    if isinstance(node, ast.Return) and node.value is not None and not plain \
            and not isinstance(node.value, (ast.Tuple, ast.Constant)):
        yield "index reset", lambda n: ast.Return(ast.Call(
            ast.Name("__mutant_reset_index", ast.Load()), [n.value], []))


def _call_operators(node: ast.Call) -> Iterator[tuple[str, Replacement]]:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in NAMED_AGGREGATIONS and node.args \
            and isinstance(node.args[0], ast.Constant) and node.args[0].value in METHOD_SWAPS:
        for new in METHOD_SWAPS[node.args[0].value]:
            yield "aggregation", lambda n, new=new: ast.Call(n.func, [_const(new), *n.args[1:]],
                                                            n.keywords)
    if _is_local_time(node):
        yield "time zone", lambda n: ast.Call(ast.Name("__mutant_as_utc", ast.Load()),
                                              [n.args[0].value], [])
    if isinstance(func, ast.Attribute):
        for new in METHOD_SWAPS.get(func.attr, []):
            yield "aggregation", lambda n, new=new: ast.Call(
                ast.Attribute(n.func.value, new, ast.Load()), n.args, n.keywords)
        if func.attr in DROPPABLE_CALLS:
            yield f"{func.attr} dropped", _receiver
        for new in GRAPH_SWAPS.get(func.attr, []):
            yield "graph type", lambda n, new=new: ast.Call(
                ast.Attribute(n.func.value, new, ast.Load()), n.args, n.keywords)
    if isinstance(func, ast.Name):
        for new in BUILTIN_SWAPS.get(func.id, []):
            yield "aggregation", lambda n, new=new: ast.Call(ast.Name(new, ast.Load()),
                                                            n.args, n.keywords)
        if func.id == "len" and node.args and isinstance(node.args[0], ast.Call) \
                and isinstance(node.args[0].func, ast.Name) and node.args[0].func.id == "set":
            yield "aggregation", lambda n: ast.Call(n.func, n.args[0].args, [])
        for new in GRAPH_SWAPS.get(func.id, []):
            yield "graph type", lambda n, new=new: ast.Call(ast.Name(new, ast.Load()),
                                                           n.args, n.keywords)
    for k, keyword in enumerate(node.keywords):
        value = keyword.value
        if keyword.arg in KEYWORD_SWAPS and isinstance(value, ast.Constant):
            for new in KEYWORD_SWAPS[keyword.arg]:
                if new != value.value:
                    yield "argument", lambda n, k=k, new=new: _with_keyword(n, k, _const(new))
        if keyword.arg is not None and keyword.arg not in ("key", "columns", "name", "names"):
            yield "argument dropped", lambda n, k=k: ast.Call(
                n.func, n.args, n.keywords[:k] + n.keywords[k + 1:])


def _is_local_time(node: ast.Call) -> bool:
    """`pd.to_datetime(frame["ts_local"])`: local clock time, which a slip reads as UTC."""
    return (isinstance(node.func, ast.Attribute) and node.func.attr == "to_datetime"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Subscript)
            and isinstance(node.args[0].slice, ast.Constant)
            and node.args[0].slice.value == "ts_local")


def _receiver(node: ast.Call) -> ast.AST:
    """`x.sort_values()` -> `x`; through an accessor, `x.dt.tz_convert(z)` -> `x`."""
    receiver = node.func.value
    if isinstance(receiver, ast.Attribute) and receiver.attr in ("dt", "str"):
        return receiver.value
    return receiver


def _with_keyword(node: ast.Call, index: int, value: ast.AST) -> ast.Call:
    keywords = list(node.keywords)
    keywords[index] = ast.keyword(keywords[index].arg, value)
    return ast.Call(node.func, node.args, keywords)


def _is_filter(index: ast.AST) -> bool:
    """A row filter `df[...]`: a comparison, a mask combination, `isin`, or a mask variable."""
    if isinstance(index, (ast.Compare, ast.UnaryOp)):
        return True
    if isinstance(index, ast.BinOp) and isinstance(index.op, (ast.BitAnd, ast.BitOr)):
        return True
    if isinstance(index, ast.Call) and isinstance(index.func, ast.Attribute):
        return index.func.attr in {"isin", "between", "notna", "isna", "contains", "duplicated"}
    return isinstance(index, ast.Name) and any(
        word in index.id for word in ("mask", "is_", "wanted", "keep", "in_", "only", "selected"))


def _input_touch_mutants(tree: ast.AST, inside: frozenset[int]) -> Iterator[tuple[str, str]]:
    """A slip no single node shows: the answer changes the table (or graph) it was given."""
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        body = [s for s in func.body if getattr(s, "lineno", None) in inside]
        if not body:
            continue
        for argument in (a.arg for a in func.args.args):
            touched = copy.deepcopy(tree)
            target = next(n for n in ast.walk(touched)
                          if isinstance(n, ast.FunctionDef) and n.name == func.name)
            at = next(i for i, s in enumerate(target.body) if s.lineno == body[0].lineno)
            target.body.insert(at, ast.parse(f"__mutant_touch({argument})").body[0])
            yield (f"`{func.name}` changes its argument `{argument}` in place",
                   ast.unparse(ast.fix_missing_locations(touched)))


def solution_lines(source: str) -> frozenset[int]:
    """The 1-based numbers of the lines strictly between each pair of solution markers (an
    answer cell may give some lines and leave several regions to the trainee)."""
    inside, lines = False, set()
    for number, line in enumerate(source.split("\n"), start=1):
        if SOLUTION_BEGIN in line:
            inside = True
        elif SOLUTION_END in line:
            inside = False
        elif inside:
            lines.add(number)
    return frozenset(lines)


def mutants_of(source: str) -> list[Mutant]:
    """Every mutant of the solution region of an answer cell, with a unique description."""
    tree = ast.parse(source)
    inside = solution_lines(source)
    found: list[Mutant] = []
    seen: dict[str, int] = {}
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for index, node in enumerate(ast.walk(tree)):
        if getattr(node, "lineno", None) not in inside:
            continue
        parent = parents.get(node)
        for operator, replace in operators(node, parent):
            mutated = _apply(tree, index, replace)
            if mutated is None:
                continue
            before, after = _describe(tree, index, replace, parents)
            if before == after:
                continue
            description = f"`{before}` -> `{after}`"
            seen[description] = seen.get(description, 0) + 1
            if seen[description] > 1:
                description += f" (#{seen[description]})"
            found.append(Mutant(operator, description, mutated))
    for description, mutated in _input_touch_mutants(tree, inside):
        found.append(Mutant("input changed", description, mutated))
    return found


def _describe(tree: ast.AST, index: int, replace: Replacement, parents: dict) -> tuple[str, str]:
    """The change as text, widened to an enclosing expression so that `0` -> `1` says where."""
    node = list(ast.walk(tree))[index]
    context = node
    while len(_show(context, limit=10_000)) < 25 and not isinstance(context, ast.stmt) \
            and parents.get(context) is not None:
        context = parents[context]
    before = _show(context)
    inner = list(ast.walk(context)).index(node)
    changed = copy.deepcopy(context)
    target = list(ast.walk(changed))[inner]
    new = replace(copy.deepcopy(target))
    if target is changed:
        return before, "(deleted)" if new is None else _show(new)
    holder = next(n for n in ast.walk(changed) if any(c is target for c in ast.iter_child_nodes(n)))
    for name, value in ast.iter_fields(holder):
        if value is target:
            setattr(holder, name, new)
        elif isinstance(value, list) and any(v is target for v in value):
            setattr(holder, name, [v for v in value if v is not target] if new is None
                    else [new if v is target else v for v in value])
    return before, _show(changed)


def _show(node: ast.AST, limit: int = 90) -> str:
    text = " ".join(ast.unparse(ast.fix_missing_locations(node)).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _apply(tree: ast.AST, index: int, replace: Replacement) -> str | None:
    """The source of `tree` with its `index`-th node (in ast.walk order) replaced."""
    tree = copy.deepcopy(tree)
    nodes = list(ast.walk(tree))
    target = nodes[index]
    parent = next(n for n in nodes if any(c is target for c in ast.iter_child_nodes(n)))
    new = replace(copy.deepcopy(target))
    for name, value in ast.iter_fields(parent):
        if value is target:
            if new is None:
                return None
            setattr(parent, name, new)
        elif isinstance(value, list) and any(v is target for v in value):
            items = [v for v in value if v is not target] if new is None \
                else [new if v is target else v for v in value]
            if not items:
                items = [ast.Pass()]
            setattr(parent, name, items)
    try:
        source = ast.unparse(ast.fix_missing_locations(tree))
        compile(source, "<mutant>", "exec")
    except (SyntaxError, ValueError, TypeError):
        return None
    return source


# ----------------------------------------------------------------------------- running


def _visible(test: str) -> str:
    """A test cell as the trainee's release has it: the hidden-test region removed."""
    begin, end = MARKERS[HIDDEN_TESTS]
    kept, hidden = [], False
    for line in test.split("\n"):
        if begin in line:
            hidden = True
        elif end in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


def _code(cell) -> str:
    return "\n".join(line for line in cell.source.split("\n")
                     if not line.lstrip().startswith(("%", "!")))


def _cached_read_csv(read_csv):
    cache: dict = {}

    def read(path, *args, **kwargs):
        try:
            key = (os.path.abspath(path), args, tuple(sorted(kwargs.items())))
            hash(key)
        except TypeError:
            return read_csv(path, *args, **kwargs)
        if key not in cache:
            cache[key] = read_csv(path, *args, **kwargs)
        return cache[key].copy()

    return read


def _reset_index_helper(namespace: dict):
    """`return x` -> `return __mutant_reset_index(x)`: only means something for pandas results."""
    import pandas as pd

    def reset(value):
        if isinstance(value, (pd.Series, pd.DataFrame)) and not (
                isinstance(value.index, pd.RangeIndex) and value.index.start == 0
                and value.index.step == 1):
            namespace["__mutant_applied"] = True
            return value.reset_index(drop=True)
        return value

    return reset


def _touch_helper(namespace: dict):
    """Change a table, Series or graph in place, the way `tx["hour"] = ...` would."""
    import networkx as nx
    import pandas as pd

    def touch(value):
        if isinstance(value, pd.DataFrame):
            value["scratch_column"] = 0
        elif isinstance(value, pd.Series) and len(value) > 1:
            value.sort_index(ascending=False, inplace=True, kind="stable")
        elif isinstance(value, nx.Graph):
            value.add_node("scratch_node")
        elif isinstance(value, (set, list)):
            value.add("scratch") if isinstance(value, set) else value.append("scratch")
        elif isinstance(value, dict):
            value["scratch"] = 0
        else:
            return
        namespace["__mutant_applied"] = True

    return touch


def _as_utc_helper(namespace: dict):
    """`pd.to_datetime(tx["ts_local"])` -> the same instants on the UTC clock (via utc_offset)."""
    import pandas as pd

    def as_utc(frame):
        local = pd.to_datetime(frame["ts_local"])
        if "utc_offset" not in frame or not len(frame):
            return local
        text = frame["utc_offset"].astype(str)
        sign = text.str[0].map({"-": -1, "+": 1}).fillna(1)
        minutes = text.str[1:3].astype(int) * 60 + text.str[4:6].astype(int)
        namespace["__mutant_applied"] = True
        return local - pd.to_timedelta(sign * minutes, unit="min")

    return as_utc


def _run_child(namespace: dict, answer: str, tests: list[str]) -> int:
    """In a forked child: run a (mutated) answer and the exercise's tests; return an exit code."""
    signal.alarm(MUTANT_TIMEOUT)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    namespace["__mutant_applied"] = None
    namespace["__mutant_reset_index"] = _reset_index_helper(namespace)
    namespace["__mutant_touch"] = _touch_helper(namespace)
    namespace["__mutant_as_utc"] = _as_utc_helper(namespace)
    try:
        exec(compile(answer, "<answer>", "exec"), namespace)
        for test in tests:
            exec(compile(test, "<test>", "exec"), namespace)
    except AssertionError:
        return KILLED
    except BaseException:  # noqa: BLE001 - any error fails the test cell in nbgrader too
        return CRASHED
    if ("__mutant_" in answer) and not namespace["__mutant_applied"]:
        return NOT_APPLICABLE
    return SURVIVED


def _fork_run(namespace: dict, answer: str, tests: list[str]) -> int:
    pid = os.fork()
    if pid == 0:
        code = _run_child(namespace, answer, tests)
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return TIMED_OUT if os.WTERMSIG(status) == signal.SIGALRM else CRASHED
    return os.WEXITSTATUS(status)


def _in_child(work, fallback):
    """Run `work()` in a forked child (quiet, under the alarm) and return its JSON result;
    `fallback` when the child dies without answering (a crash or a timeout)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        signal.alarm(MUTANT_TIMEOUT)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.write(write, json.dumps(work()).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(text) if text else fallback


def _failing_tests(namespace: dict, answer: str, tests: list[tuple[str, str]]) -> list[str]:
    """Which of the exercise's test cells fail on `answer` (in a forked child)."""

    def work():
        try:
            exec(compile(answer, "<answer>", "exec"), namespace)
        except BaseException:  # noqa: BLE001
            return [gid for gid, _ in tests]
        failing = []
        for gid, test in tests:
            try:
                exec(compile(test, "<test>", "exec"), namespace)
            except BaseException:  # noqa: BLE001
                failing.append(gid)
        return failing

    return _in_child(work, [gid for gid, _ in tests])


def _leftover_names(namespace: dict, answer: str, tests: list[tuple[str, str]]) -> list[str]:
    """Names a test cell leaves in (or replaces in) the trainee's namespace."""

    def work():
        left = []
        try:
            exec(compile(answer, "<answer>", "exec"), namespace)
            for gid, test in tests:
                before = dict(namespace)
                exec(compile(test, "<test>", "exec"), namespace)
                left += [f"{gid}: {name}" for name, value in namespace.items()
                         if not name.startswith("__") and (name not in before
                                                          or before[name] is not value)]
        except BaseException:  # noqa: BLE001 - reported by the solution check instead
            pass
        return left

    return _in_child(work, [])


def run_notebook(path: Path, only: str | None = None) -> list[dict]:
    """Execute a notebook and, at each answer cell, run every mutant against its tests."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    pd.read_csv = _cached_read_csv(pd.read_csv)
    import nbformat

    cells = nbformat.read(path, as_version=4).cells
    os.chdir(path.parent)
    sys.path.insert(0, str(path.parent))
    namespace: dict = {"__name__": "__main__"}
    recorded = _catalogue(path.parent.name)
    results = []
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        if is_answer_cell(cell) and (only is None or grade_id(cell) == only):
            tests = []
            for later in cells[index + 1:]:
                if is_answer_cell(later):
                    break
                if is_test_cell(later):
                    tests.append((grade_id(later), _code(later)))
            results.append(_exercise(namespace, grade_id(cell), _code(cell), tests, recorded))
        exec(compile(_code(cell), f"<cell {index}>", "exec"), namespace)
        plt.close("all")
    return results


def _stub(answer: str) -> str:
    """The answer cell as released: nbgrader's ClearSolutions replaces each solution region
    with its code stub (`raise NotImplementedError()`)."""
    import nbformat

    cell = nbformat.v4.new_code_cell(answer, metadata={"nbgrader": {
        "solution": True, "grade": False, "locked": False, "grade_id": "stub",
        "schema_version": 3}})
    notebook = nbformat.v4.new_notebook(cells=[cell])
    return cleared(notebook, kinds=(SOLUTION,)).cells[0].source


def _catalogue(assignment_id: str) -> list[dict]:
    """The recorded mistakes and alternative answers of tests/submissions/<assignment>.toml."""
    path = ROOT / "tests" / "submissions" / f"{assignment_id}.toml"
    if not path.is_file():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("submission", [])


def _exercise(namespace: dict, grade_id: str, answer: str, tests: list[tuple[str, str]],
              recorded: list[dict]) -> dict:
    started = time.perf_counter()
    test_code = [code for _, code in tests]
    baseline = _fork_run(namespace, answer, test_code)
    outcome = {"grade_id": grade_id, "solution_passes": baseline == SURVIVED, "mutants": [],
               "leftover_names": _leftover_names(namespace, answer, tests), "recorded": []}
    stub = _stub(answer)
    outcome["stub_passes"] = [gid for gid in [g for g, _ in tests]
                              if gid not in _failing_tests(namespace, stub, tests)]
    for entry in recorded:
        if grade_id in entry.get("answers", {}):
            failing = _failing_tests(namespace, entry["answers"][grade_id], tests)
            expected = [gid for gid, _ in tests if gid in entry.get("fails", [])]
            outcome["recorded"].append({"name": entry["name"], "kind": entry["kind"],
                                        "failing": failing, "expected": expected})
    visible_code = [_visible(code) for code in test_code]
    for mutant in mutants_of(answer):
        status = _fork_run(namespace, mutant.source, test_code)
        caught_visibly = None
        if status not in (SURVIVED, NOT_APPLICABLE):
            caught_visibly = _fork_run(namespace, mutant.source, visible_code) not in (
                SURVIVED, NOT_APPLICABLE)
        outcome["mutants"].append({"operator": mutant.operator, "visible": caught_visibly,
                                   "description": mutant.description, "status": status})
    outcome["seconds"] = round(time.perf_counter() - started, 1)
    return outcome


# ----------------------------------------------------------------------------- reporting


@dataclass
class ExerciseScore:
    grade_id: str
    solution_passes: bool
    killed: int = 0
    survived: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    not_applicable: int = 0
    seconds: float = 0.0
    leftover_names: list[str] = field(default_factory=list)
    stub_passes: list[str] = field(default_factory=list)
    hidden_only: list[str] = field(default_factory=list)  # killed, but not by visible tests
    hidden_allowed: list[str] = field(default_factory=list)
    recorded_mismatches: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.killed + len(self.survived)

    @property
    def score(self) -> float:
        return self.killed / self.counted if self.counted else 1.0


@dataclass
class AssignmentScore:
    assignment_id: str
    exercises: list[ExerciseScore]
    stale_allowances: list[str]
    seconds: float

    @property
    def killed(self) -> int:
        return sum(e.killed for e in self.exercises)

    @property
    def counted(self) -> int:
        return sum(e.counted for e in self.exercises)

    @property
    def score(self) -> float:
        return self.killed / self.counted if self.counted else 1.0

    def table(self) -> str:
        lines = [f"Mutation score, {self.assignment_id} ({self.seconds:.0f} s): "
                 f"{self.killed}/{self.counted} killed = {self.score:.1%}",
                 f"  {'exercise':28} {'mutants':>7} {'killed':>6} {'survived':>8} "
                 f"{'equivalent':>10} {'score':>7}"]
        for e in self.exercises:
            lines.append(f"  {e.grade_id:28} {e.counted + len(e.equivalent):7d} {e.killed:6d} "
                         f"{len(e.survived):8d} {len(e.equivalent):10d} {e.score:7.1%}")
        return "\n".join(lines)

    def survivors(self) -> str:
        return "\n".join(f"  {e.grade_id}: {d}" for e in self.exercises for d in e.survived)

    def hidden_only(self) -> str:
        return "\n".join(f"  {e.grade_id}: {d}" for e in self.exercises for d in e.hidden_only)


def allow_list(assignment_id: str, kind: str = "equivalent") -> dict[str, dict[str, str]]:
    """grade_id -> {mutant description: why}. `equivalent`: mutants no allowed answer can tell
    apart; `hidden_only`: slips only the hidden tests need to catch, because the instructions
    do not state the rule they break (an edge case, the full data)."""
    path = ROOT / "tests" / "submissions" / f"{assignment_id}.{kind}.toml"
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def score(assignment_id: str, raw: list[dict], seconds: float,
          partial: bool = False) -> AssignmentScore:
    """Scores per exercise; `partial` when only some exercises ran (stale entries of the
    others are not reported then)."""
    allowed = allow_list(assignment_id)
    hidden = allow_list(assignment_id, "hidden_only")
    exercises, used, used_hidden = [], set(), set()
    for outcome in raw:
        gid = outcome["grade_id"]
        exercise = ExerciseScore(gid, outcome["solution_passes"], seconds=outcome["seconds"],
                                 leftover_names=outcome["leftover_names"],
                                 stub_passes=outcome["stub_passes"])
        for entry in outcome["recorded"]:
            if sorted(entry["failing"]) != sorted(entry["expected"]):
                exercise.recorded_mismatches.append(
                    f"{entry['kind']} {entry['name']}: fails {entry['failing']}, "
                    f"expected {entry['expected']}")
        for mutant in outcome["mutants"]:
            description = mutant["description"]
            if mutant["status"] == NOT_APPLICABLE:
                exercise.not_applicable += 1
            elif mutant["status"] != SURVIVED:
                exercise.killed += 1
                if mutant.get("visible") is False:
                    if description in hidden.get(gid, {}):
                        exercise.hidden_allowed.append(description)
                        used_hidden.add((gid, description))
                    else:
                        exercise.hidden_only.append(description)
            elif description in allowed.get(gid, {}):
                exercise.equivalent.append(description)
                used.add((gid, description))
            else:
                exercise.survived.append(description)
        exercises.append(exercise)
    graded = {outcome["grade_id"] for outcome in raw}
    stale = [f"{gid}: {d}" for gid, entries in allowed.items() for d in entries
             if (gid, d) not in used and (gid in graded or not partial)]
    stale += [f"{gid}: {d} (hidden-only list)" for gid, entries in hidden.items()
              for d in entries if (gid, d) not in used_hidden and (gid in graded or not partial)]
    return AssignmentScore(assignment_id, exercises, stale, seconds)


def notebooks_of(course: Path, assignment_id: str) -> list[Path]:
    return sorted((course / "source" / assignment_id).glob("*.ipynb"))


def run_assignment(course: Path, assignment_id: str, only: str | None = None,
                   jobs: int = 2) -> AssignmentScore:
    """Mutation-test every exercise of an assignment, one worker process per notebook."""
    started = time.perf_counter()

    def one(notebook: Path) -> list[dict]:
        command = [sys.executable, __file__, "--worker", str(notebook)]
        if only:
            command += ["--exercise", only]
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"mutation worker for {notebook.name} failed:\n"
                               f"{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        raw = [r for results in pool.map(one, notebooks_of(course, assignment_id))
               for r in results]
    return score(assignment_id, raw, time.perf_counter() - started, partial=only is not None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("assignment", nargs="?", help="assignment id, e.g. 01a_financial_red_flags")
    parser.add_argument("--exercise", help="only this answer cell's grade_id")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every surviving mutant")
    args = parser.parse_args(argv)
    if args.worker:
        results = run_notebook(Path(args.worker), args.exercise)
        sys.stdout.write("\n" + json.dumps(results) + "\n")
        return 0
    if not args.assignment:
        parser.error("name an assignment, e.g. 01a_financial_red_flags")
    report = run_assignment(ROOT / "course", args.assignment, args.exercise)
    print(report.table())
    broken = [e.grade_id for e in report.exercises if not e.solution_passes]
    if broken:
        print(f"The instructor's solution fails its own tests: {broken}")
    if report.survivors():
        print("Surviving mutants (a gap in the tests, or an equivalent mutant to allow-list):")
        print(report.survivors() if args.verbose else "  (use -v to list them)")
    if report.hidden_only():
        print("Killed only by hidden tests (a trainee who sees 'Visible tests passed' still "
              "loses the cell): add a visible check for every rule the text states, or list the "
              "mutant with why in tests/submissions/<assignment>.hidden_only.toml:")
        print(report.hidden_only() if args.verbose else "  (use -v to list them)")
    for e in report.exercises:
        for problem in e.recorded_mismatches:
            print(f"Recorded submission, {e.grade_id}: {problem}")
        if e.stub_passes:
            print(f"Test cells that pass on the released stub (they test nothing): {e.stub_passes}")
        if e.leftover_names:
            print(f"Test cells leave names in the trainee's namespace: {e.leftover_names}")
    for stale in report.stale_allowances:
        print(f"Allow-list entry matches no surviving mutant: {stale}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
