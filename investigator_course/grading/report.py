"""`investigator-course report`: the class report an instructor opens after grading.

    investigator-course report [ASSIGNMENT] [--course-dir DIR] [--out DIR]
        [--pass-mark 60]

From the gradebook (so manual grades entered in formgrader count), for each
assignment with submissions (or the one named):

* score distribution: a histogram, one row per trainee in `<a>_scores.csv`;
* per-exercise difficulty: the share of trainees with full marks on each
  graded cell (`grade_id`), in `<a>_exercises.csv` and a bar chart;
* each objective (the `grade_id` prefix, e.g. `or2_` -> OR-2) judged by its own
  standard, as course.toml states it: the share of trainees who meet it (every
  autograded test cell of it at full marks, every written answer at or above its
  rubric minimum), and the mean percentage;
* trainees who need help: below the pass mark, an objective below half
  marks, a grading problem from `grade`'s report, or no submission at all.

Written to `course/reports/` (kept out of git; it names trainees): an
accessible `index.html` (figures with alt text and captions, tables with
headers), PNG charts (Okabe-Ito color-blind-safe colors plus hatching and
markers, titles, labeled axes), the CSVs, and `grades.csv` from
`nbgrader export` for the LMS.
"""

from __future__ import annotations

import csv
import json
import shutil
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..course_map import objective_of
from ..errors import UserError
from ..nbgrader_integration.runner import run_nbgrader
from . import records
from .common import (
    add_course_dir_argument,
    known_assignments,
    load_config,
    resolve_assignment_id,
    resolve_course,
)

TEMPLATE = "report.html.j2"  # in templates/ beside this file

# Okabe & Ito (2008), distinguishable with the common color-vision deficiencies
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999"]  # (gray instead of the palette's black, so that hatching shows)
HATCHES = ["//", "..", "\\\\", "xx", "--", "++", "oo", "||"]


def add_arguments(parser) -> None:
    parser.add_argument("assignment", nargs="?",
                        help="one assignment (default: every assignment with submissions)")
    add_course_dir_argument(parser)
    parser.add_argument("--out", metavar="DIR", help="where to write (default: course/reports)")
    parser.add_argument("--pass-mark", type=float, default=60.0, metavar="PERCENT",
                        help="trainees below this overall percentage need help (default 60)")
    parser.add_argument("--lms", choices=["canvas", "moodle", "blackboard"],
                        help="also write grades_<lms>.csv in that LMS's gradebook-import "
                             "format: a row per trainee, a column per assignment")


def objective_key(objective: str) -> tuple:
    """`FR-2` before `FR-10`."""
    letters, _, number = objective.partition("-")
    return (letters, int(number) if number.isdigit() else 0, objective)


@dataclass
class CellInfo:
    grade_id: str
    notebook: str
    max_score: float
    objective: str
    written: bool


@dataclass
class TraineeScores:
    student: str
    name: str
    score: float
    max_score: float
    penalty: float
    cells: dict[str, float | None] = field(default_factory=dict)  # None: awaiting a grader

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


@dataclass
class AssignmentData:
    id: str
    cells: list[CellInfo]
    trainees: list[TraineeScores]
    missing: list[str]  # trainees in the gradebook with no submission
    attention: dict[str, str]  # from grade's report: student -> first problem

    rubric_minimum: dict[str, float] = field(default_factory=dict)  # from course.toml
    names: dict[str, str] = field(default_factory=dict)  # every trainee in the gradebook
    # every trainee in the gradebook: first_name, last_name, email, lms_user_id (for the LMS)
    people: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def max_score(self) -> float:
        return sum(cell.max_score for cell in self.cells)

    def objectives(self) -> list[str]:
        return sorted({c.objective for c in self.cells}, key=objective_key)

    def needed(self, cell: CellInfo) -> float:
        """The points a cell needs to meet its objective's standard."""
        return self.rubric_minimum.get(cell.grade_id, cell.max_score)


def collect(config, assignments: list[str] | None) -> list[AssignmentData]:
    from nbgrader.api import Gradebook

    result = []
    with Gradebook(config.db_url, config.course_id) as gradebook:
        everyone = {s.id: s for s in gradebook.students}
        for assignment in gradebook.assignments:
            if assignments is not None and assignment.name not in assignments:
                continue
            if not assignment.submissions and assignments is None:
                continue
            cells = []
            for notebook in assignment.notebooks:
                for cell in [*notebook.grade_cells, *notebook.task_cells]:
                    cells.append(CellInfo(cell.name, notebook.name, float(cell.max_score),
                                          objective_of(cell.name) or "(none)",
                                          cell.cell_type == "markdown"))
            trainees = []
            for submission in assignment.submissions:
                person = everyone.get(submission.student_id)
                name = " ".join(filter(None, [getattr(person, "first_name", None),
                                              getattr(person, "last_name", None)]))
                penalty = float(submission.late_submission_penalty or 0)
                scores = TraineeScores(submission.student_id, name,
                                       float(submission.score) - penalty,
                                       float(submission.max_score), penalty)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        scores.cells[grade.name] = None if grade.needs_manual_grade else \
                            float(grade.score or 0)
                trainees.append(scores)
            submitted = {t.student for t in trainees}
            names = {sid: " ".join(filter(None, [s.first_name, s.last_name]))
                     for sid, s in everyone.items()}
            people = {sid: {"first_name": s.first_name or "", "last_name": s.last_name or "",
                            "email": s.email or "", "lms_user_id": s.lms_user_id or ""}
                      for sid, s in everyone.items()}
            result.append(AssignmentData(
                assignment.name, cells, sorted(trainees, key=lambda t: t.student),
                sorted(set(everyone) - submitted), {}, names=names, people=people))
    return result


def rubric_minimums(course: Path, assignment_id: str) -> dict[str, float]:
    """The written answers' minimum points from course.toml; none for a course folder
    outside this repository (then every graded cell needs full marks)."""
    from ..course_map import load_course_map

    try:
        course_map = load_course_map(course.parent)
    except (OSError, KeyError, ValueError, UserError):
        return {}
    known = {a.id: a for a in course_map.assignments}
    return dict(known[assignment_id].rubric_minimum) if assignment_id in known else {}


def grading_problems(course: Path, assignment: str) -> dict[str, str]:
    path = course / "grading" / assignment / "grading_report.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))["trainees"]
    except (OSError, ValueError, KeyError):
        return {}
    problems = {}
    for row in rows:
        first = [i["message"] for i in row.get("issues", []) if i.get("attention")]
        if row.get("needs_attention"):
            problems[row["student"]] = first[0] if first else row.get("status", "")
    return problems


# -------------------------------------------------------------------- tables
def exercise_rows(data: AssignmentData) -> list[dict]:
    rows = []
    for cell in data.cells:
        graded = [t.cells.get(cell.grade_id) for t in data.trainees]
        graded = [s for s in graded if s is not None]
        full = sum(1 for s in graded if s >= cell.max_score - 1e-9)
        rows.append({
            "grade_id": cell.grade_id, "objective": cell.objective, "notebook": cell.notebook,
            "kind": "written" if cell.written else "autograded", "max_score": cell.max_score,
            "graded": len(graded), "full_marks": full,
            "share_full_marks": round(100.0 * full / len(graded), 1) if graded else None,
            "mean_percent": round(100.0 * statistics.fmean(graded) / cell.max_score, 1)
            if graded and cell.max_score else None,
            "awaiting_grader": len(data.trainees) - len(graded),
        })
    return rows


def objective_percent(data: AssignmentData, trainee: TraineeScores) -> dict[str, float]:
    result = {}
    for objective in data.objectives():
        cells = [c for c in data.cells if c.objective == objective
                 and trainee.cells.get(c.grade_id) is not None]
        top = sum(c.max_score for c in cells)
        if top:
            result[objective] = 100.0 * sum(trainee.cells[c.grade_id] for c in cells) / top
    return result


def meets_standard(data: AssignmentData, trainee: TraineeScores, objective: str) -> bool | None:
    """Whether a trainee meets an objective's standard; None while a written answer of it
    awaits a grader (or the trainee has no grade for one of its cells)."""
    cells = [c for c in data.cells if c.objective == objective]
    scores = [trainee.cells.get(c.grade_id) for c in cells]
    if any(score is None for score in scores):
        return None
    return all(score >= data.needed(c) - 1e-9 for c, score in zip(cells, scores, strict=True))


def standard_text(data: AssignmentData, objective: str) -> str:
    parts = []
    for cell in (c for c in data.cells if c.objective == objective):
        needed = data.needed(cell)
        parts.append(f"{cell.grade_id} {needed:g} of {cell.max_score:g}" if needed < cell.max_score
                     else f"{cell.grade_id} full marks")
    return "; ".join(parts)


def objective_rows(data: AssignmentData) -> list[dict]:
    per_trainee = [objective_percent(data, t) for t in data.trainees]
    rows = []
    for objective in data.objectives():
        values = [p[objective] for p in per_trainee if objective in p]
        judged = [meets_standard(data, t, objective) for t in data.trainees]
        judged = [j for j in judged if j is not None]
        rows.append({
            "objective": objective,
            "standard": standard_text(data, objective),
            "points": sum(c.max_score for c in data.cells if c.objective == objective),
            "trainees": len(values),
            "judged": len(judged),
            "share_meeting_standard": round(100.0 * sum(judged) / len(judged), 1)
            if judged else None,
            "mean_percent": round(statistics.fmean(values), 1) if values else None,
        })
    return rows


def needs_help(data: AssignmentData, pass_mark: float) -> list[dict]:
    rows = []
    for trainee in data.trainees:
        reasons = []
        if trainee.percent < pass_mark:
            reasons.append(f"{trainee.percent:.0f}% overall (pass mark {pass_mark:g}%)")
        weak = {o: p for o, p in objective_percent(data, trainee).items() if p < 50}
        if weak:
            reasons.append("below half marks on " + ", ".join(
                f"{o} ({p:.0f}%)" for o, p in sorted(weak.items())))
        if trainee.student in data.attention:
            reasons.append("grading problem: " + data.attention[trainee.student])
        if reasons:
            rows.append({"assignment": data.id, "student": trainee.student,
                         "name": trainee.name, "percent": round(trainee.percent, 1),
                         "reasons": "; ".join(reasons)})
    for student in data.missing:
        rows.append({"assignment": data.id, "student": student,
                     "name": data.names.get(student, ""), "percent": None,
                     "reasons": "no submission"})
    return sorted(rows, key=lambda r: (r["percent"] is not None, r["percent"] or 0))


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


# -------------------------------------------------------------------- plots
def _save(plt, fig, path) -> None:
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _figure(height: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 11, "axes.titlesize": 13, "axes.labelsize": 11,
                         "hatch.linewidth": 0.8})
    fig, ax = plt.subplots(figsize=(8.5, height), dpi=110)
    return plt, fig, ax


def plot_scores(data: AssignmentData, pass_mark: float, path: Path) -> str:
    plt, fig, ax = _figure(4.6)
    values = [t.percent for t in data.trainees]
    bins = list(range(0, 101, 10))
    counts, _, bars = ax.hist(values, bins=bins, color=PALETTE[0], edgecolor="black",
                              hatch=HATCHES[0], label="trainees in each 10-point band")
    ax.axvline(pass_mark, color=PALETTE[5], linestyle="--", linewidth=2,
               label=f"pass mark ({pass_mark:g}%)")
    median = statistics.median(values) if values else 0
    ax.plot([median], [0], marker="v", markersize=12, color=PALETTE[1], linestyle="none",
            markeredgecolor="black", clip_on=False, label=f"median ({median:.0f}%)")
    ax.set_xlim(0, 100)
    ax.set_xticks(bins)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(f"{data.id}\nscore distribution ({len(values)} trainees)")
    ax.set_xlabel("Score (% of the points available)")
    ax.set_ylabel("Number of trainees")
    ax.legend(loc="upper left", frameon=True)
    _save(plt, fig, path)
    below = sum(v < pass_mark for v in values)
    return (f"Histogram of {len(values)} trainees' scores on {data.id} in 10-point bands: "
            f"median {median:.0f}%, {below} trainee(s) below the {pass_mark:g}% pass mark.")


def plot_exercises(data: AssignmentData, rows: list[dict], path: Path) -> str:
    shown = [r for r in rows if r["share_full_marks"] is not None]
    plt, fig, ax = _figure(max(3.0, 0.42 * len(shown) + 1.6))
    objectives = data.objectives()
    style = {o: (PALETTE[i % len(PALETTE)], HATCHES[i % len(HATCHES)])
             for i, o in enumerate(objectives)}
    labels = [f"{r['objective']}  {r['grade_id']}" + (" (written)" if r["kind"] == "written"
                                                        else "") for r in shown]
    positions = list(range(len(shown)))[::-1]
    seen = set()
    for y, row in zip(positions, shown, strict=True):
        color, hatch = style[row["objective"]]
        label = row["objective"] if row["objective"] not in seen else None
        seen.add(row["objective"])
        ax.barh(y, row["share_full_marks"], color=color, hatch=hatch, edgecolor="black",
                label=label)
        ax.text(min(row["share_full_marks"] + 1.5, 92), y, f"{row['share_full_marks']:.0f}%",
                va="center", fontsize=10)
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 100)
    ax.set_title(f"{data.id}\nshare of trainees with full marks, per exercise check")
    ax.set_xlabel("Trainees with full marks (%)")
    ax.set_ylabel("Objective and graded cell (grade_id)")
    handles, names = ax.get_legend_handles_labels()
    order = sorted(range(len(names)), key=lambda i: objective_key(names[i]))
    ax.legend([handles[i] for i in order], [names[i] for i in order], title="Objective",
              loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=True)
    _save(plt, fig, path)
    if not shown:
        return f"No graded exercise results yet for {data.id}."
    hardest = min(shown, key=lambda r: r["share_full_marks"])
    easiest = max(shown, key=lambda r: r["share_full_marks"])
    return (f"Horizontal bar chart of the share of trainees with full marks on each of "
            f"{len(shown)} graded cells of {data.id}: hardest {hardest['grade_id']} "
            f"({hardest['share_full_marks']:.0f}%), easiest {easiest['grade_id']} "
            f"({easiest['share_full_marks']:.0f}%).")


def plot_objectives(data: AssignmentData, rows: list[dict], path: Path) -> str:
    shown = [r for r in rows if r["share_meeting_standard"] is not None]
    plt, fig, ax = _figure(max(3.4, 0.6 * len(shown) + 2.2))
    positions = list(range(len(shown)))[::-1]
    height = 0.38
    ax.barh([p + height / 2 for p in positions], [r["mean_percent"] for r in shown],
            height=height, color=PALETTE[0], hatch=HATCHES[0], edgecolor="black",
            label="mean score on the objective (%)")
    ax.barh([p - height / 2 for p in positions], [r["share_meeting_standard"] for r in shown],
            height=height, color=PALETTE[1], hatch=HATCHES[2], edgecolor="black",
            label="trainees who meet the objective's standard (%)")
    for y, row in zip(positions, shown, strict=True):
        ax.text(min(row["mean_percent"] + 1.5, 92), y + height / 2,
                f"{row['mean_percent']:.0f}", va="center", fontsize=9)
        ax.text(min(row["share_meeting_standard"] + 1.5, 92), y - height / 2,
                f"{row['share_meeting_standard']:.0f}", va="center", fontsize=9)
    ax.set_yticks(positions, [r["objective"] for r in shown])
    ax.set_xlim(0, 100)
    ax.set_title(f"{data.id}\neach learning objective against its own standard")
    ax.set_xlabel("Percent")
    ax.set_ylabel("Objective")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=True)
    _save(plt, fig, path)
    if not shown:
        return f"No objective results yet for {data.id}."
    weakest = min(shown, key=lambda r: r["share_meeting_standard"])
    return (f"Paired bar chart for {len(shown)} objectives of {data.id}: mean score and share "
            f"of trainees who meet each objective's standard; fewest meet "
            f"{weakest['objective']} ({weakest['share_meeting_standard']:.0f}% of trainees).")


# -------------------------------------------------------------------- page
STYLE = """body{font-family:system-ui,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;
color:#111;line-height:1.5}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid
#555;padding:0.25em 0.6em;text-align:left}caption{font-weight:bold;text-align:left}
img{max-width:100%;height:auto}figure{margin:1.5em 0}figcaption{font-size:0.95em}"""
EXERCISE_COLUMNS = [("grade_id", "Graded cell"), ("objective", "Objective"), ("kind", "Kind"),
                    ("max_score", "Points"), ("share_full_marks", "Full marks (%)"),
                    ("mean_percent", "Mean (%)"), ("awaiting_grader", "Awaiting grader")]
HELP_COLUMNS = [("student", "Trainee"), ("name", "Name"), ("percent", "Score (%)"),
                ("reasons", "Why")]


def cell_text(value) -> str:
    """A table cell: nothing for None, `12.5` not `12.500000`."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def render_page(**values) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters["cell"] = cell_text
    return environment.get_template(TEMPLATE).render(style=STYLE, **values) + "\n"


def run(args) -> int:
    course = resolve_course(args.course_dir)
    config = load_config(course)
    chosen = resolve_assignment_id(args.assignment, course) if args.assignment else None
    out = Path(args.out).expanduser().resolve() if args.out else course / "reports"
    out.mkdir(parents=True, exist_ok=True)
    if not args.out and not (out / ".gitignore").exists():
        (out / ".gitignore").write_text("# names trainees and their grades: never commit\n*\n")
    for assignment in [chosen] if chosen else known_assignments(course):
        refreshed = records.refresh_late_penalties(config, assignment)
        if refreshed:
            print(refreshed, flush=True)
    data = collect(config, [chosen] if chosen else None)
    data = [d for d in data if d.trainees]
    if not data:
        raise UserError("no graded submissions in the gradebook"
                        + (f" for {chosen}" if chosen else "")
                        + "; run `investigator-course grade ASSIGNMENT` first.")
    sections, help_rows, outputs = [], [], []
    for item in data:
        item.attention = grading_problems(course, item.id)
        exercises = exercise_rows(item)
        item.rubric_minimum = rubric_minimums(course, item.id)
        objectives = objective_rows(item)
        helped = needs_help(item, args.pass_mark)
        help_rows.extend(helped)
        score_rows = [{"student": t.student, "name": t.name, "score": round(t.score, 2),
                       "max_score": round(t.max_score, 2), "percent": round(t.percent, 1),
                       "late_penalty": t.penalty,
                       "awaiting_grader": sum(v is None for v in t.cells.values())}
                      for t in item.trainees]
        write_csv(out / f"{item.id}_scores.csv", score_rows, list(score_rows[0]))
        write_csv(out / f"{item.id}_exercises.csv", exercises, list(exercises[0]))
        write_csv(out / f"{item.id}_objectives.csv", objectives, list(objectives[0]))
        regrades = records.grading_dir(course, item.id) / "regrades.csv"
        if regrades.is_file():  # who changed which score, when and why, beside the grades
            shutil.copyfile(regrades, out / f"{item.id}_regrades.csv")
        figures = [
            {"src": f"{item.id}_scores.png", "caption": "Score distribution.",
             "alt": plot_scores(item, args.pass_mark, out / f"{item.id}_scores.png")},
            {"src": f"{item.id}_exercises.png", "caption": "Difficulty of each exercise check.",
             "alt": plot_exercises(item, exercises, out / f"{item.id}_exercises.png")},
            {"src": f"{item.id}_objectives.png",
             "caption": "Each objective against its own standard.",
             "alt": plot_objectives(item, objectives, out / f"{item.id}_objectives.png")},
        ]
        outputs += [f["src"] for f in figures]
        awaiting = sum(r["awaiting_grader"] for r in exercises)
        percents = [t.percent for t in item.trainees]
        facts = (f"{len(item.trainees)} trainee(s) submitted; mean "
                 f"{statistics.fmean(percents):.0f}%, median {statistics.median(percents):.0f}%; "
                 f"{len(item.missing)} without a submission.")
        if awaiting:
            facts += (f" {awaiting} written answer(s) still await a grader in formgrader; "
                      "they count as 0 until graded.")
        sections.append({"id": item.id, "facts": facts, "figures": figures,
                         "exercises": exercises, "objectives": objectives, "helped": helped})
    write_csv(out / "needs_help.csv", help_rows,
              ["assignment", "student", "name", "percent", "reasons"])
    export = ["export", "--to", str(out / "grades.csv")]
    if chosen:
        export.append(f"--ExportPlugin.assignment={chosen}")
    run_nbgrader(export, course)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    title = "Class report"
    try:
        from ..course_map import load_course_map

        title = f"Class report: {load_course_map(course.parent).title}"
    except Exception:  # a course folder outside this repository has no course map
        pass
    page = render_page(
        title=title, stamp=stamp, course=str(course), pass_mark=args.pass_mark,
        sections=sections, exercise_columns=EXERCISE_COLUMNS,
        objective_columns=[("objective", "Objective"),
                           ("standard", "Standard (points needed per graded cell)"),
                           ("share_meeting_standard", "Meet the standard (%)"),
                           ("judged", "Judged"), ("mean_percent", "Mean (%)"),
                           ("points", "Points")],
        help_columns=HELP_COLUMNS)
    (out / "index.html").write_text(page, encoding="utf-8")
    print(f"class report: {out / 'index.html'}", flush=True)
    for item in data:
        percents = [t.percent for t in item.trainees]
        print(f"  {item.id}: {len(item.trainees)} trainee(s), median "
              f"{statistics.median(percents):.0f}%", flush=True)
    print(f"  {len(help_rows)} trainee(s) need help (needs_help.csv); nbgrader's export: "
          f"{out / 'grades.csv'}", flush=True)
    if args.lms:
        print(write_lms_grades(course, data, args.lms, out), flush=True)
    return 0


def write_lms_grades(course: Path, data: list[AssignmentData], lms: str, out: Path) -> str:
    from . import lms_grades

    titles = {}
    try:
        from ..course_map import load_course_map

        titles = {a.id: f"{a.id} {a.title}" for a in load_course_map(course.parent).assignments}
    except Exception:  # a course folder outside this repository: nbgrader's names
        pass
    grades = lms_grades.from_assignments(data, titles)
    path = out / f"grades_{lms}.csv"
    lms_grades.write(lms, grades, path)
    return lms_grades.summary(lms, grades, path)
