"""The parallel autograde behind `investigator-course grade` (see grade.py for the steps).

`GradingRun` decides who needs grading, stages and repairs their submissions,
runs N long-lived workers (worker.py) that each grade into their own copy of
the gradebook, hands trainees out one at a time, watches for hangs, and on
completion or Ctrl-C merges the finished trainees into the course gradebook
in one transaction before writing the report.
"""

from __future__ import annotations

import fnmatch
import json
import os
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from ..errors import UserError
from ..nbgrader_integration import late
from ..nbgrader_integration.runner import tool_env
from . import merge, outcomes, records, sandbox, separate_account
from .common import CourseConfig
from .issues import Issue
from .repair import release_reference, stage_submission

PROTECTED_STEPS = ["source", "release", "submitted", "autograded", "feedback", "solution",
                   "source_with_tests", "downloaded", "grading", "reports", "ground_truth",
                   "gradebook.db"]
READY_TIMEOUT = 180  # seconds for a worker to load nbgrader


def parse_size(text: str) -> int:
    value = text.strip().lower()
    if value in ("none", "0", "off"):
        return 0
    units = {"k": 2**10, "m": 2**20, "g": 2**30}
    try:
        if value[-1] in units:
            return int(float(value[:-1]) * units[value[-1]])
        return int(value)
    except (ValueError, IndexError):
        raise UserError(f"--memory-limit {text!r}: write a size such as 2G or 800M, "
                        "or 'none'.") from None


@dataclass
class Worker:
    index: int
    process: subprocess.Popen
    shard_url: str
    log_path: Path
    buffer: bytes = b""
    ready: bool = False
    busy: str | None = None
    started: float = 0.0
    spawned: float = field(default_factory=time.monotonic)
    finished: list[str] = field(default_factory=list)
    closed: bool = False  # no more trainees will be sent
    retired: bool = False  # closed on purpose: its exit is not a crash
    account: str | None = None  # the grading account its kernels run as (academy hub)


@dataclass
class Outcome:
    student: str
    ok: bool
    error: str = ""
    log: list[str] = field(default_factory=list)
    seconds: float = 0.0
    hung: bool = False


class Progress:
    def __init__(self, total: int):
        self.total, self.done, self.attention = total, 0, 0
        self.tty = sys.stdout.isatty()

    def update(self, student: str, attention: bool) -> None:
        self.done += 1
        self.attention += int(attention)
        line = f"graded {self.done}/{self.total} ({self.attention} need attention)"
        if self.tty:
            end = "\n" if self.done == self.total else ""
            print(f"\r{line}", end=end, flush=True)
        else:
            print(f"{line}  [{student}]", flush=True)

    def finish(self) -> None:
        if self.tty and self.done != self.total:
            print(flush=True)


class GradingRun:
    def __init__(self, config: CourseConfig, assignment: str, args):
        self.config, self.course, self.assignment = config, config.course, assignment
        self.args = args
        self.extended: set[str] = set()  # trainees whose extension changed: regraded
        self.folder = records.grading_dir(self.course, assignment)
        self.settings = records.read_json(self.folder / "settings.json", {})
        if args.late_penalty:
            self.settings["late_penalty"] = late.normalize_policy(args.late_penalty)
            records.write_json(self.folder / "settings.json", self.settings)
        self.timeout = args.timeout or config.timeout
        self.memory = parse_size(args.memory_limit)
        self.cpu = max(120, 4 * (self.timeout or 60))
        self.trainee_limit = args.trainee_time_limit or max(300, 5 * (self.timeout or 60))
        self.warm = getattr(args, "kernel", "warm") == "warm"
        # On the academy hub, trainees' code runs as grading accounts, one per worker
        # (separate_account.py); kernels start afresh there (a fork cannot change user).
        self.accounts = separate_account.configured_accounts()
        if self.accounts:
            self.warm = False
            args.jobs = max(1, min(args.jobs, len(self.accounts)))
        self.workers: list[Worker] = []
        self.outcomes: dict[str, Outcome] = {}
        self.stage_issues: dict[str, list[Issue]] = {}
        self.issues: dict[str, list[Issue]] = {}
        self.run_dir = Path()
        self.selector = selectors.DefaultSelector()
        self.hashes: dict[str, str] = {}
        self.timestamps: dict[str, str | None] = {}
        self.roster: list[str] = []  # every trainee in the gradebook, from gradebook_facts

    # ------------------------------------------------------------------ setup
    def nbgrader_args(self) -> list[str]:
        options = list(late.nbgrader_options(self.settings.get("late_penalty")))
        if self.args.timeout:
            options.append(f"--Execute.timeout={self.args.timeout}")
        return options

    def submissions(self) -> dict[str, Path]:
        found = {p.parent.name: p for p in sorted(
            (self.course / "submitted").glob(f"*/{self.assignment}")) if p.is_dir()}
        if self.args.student:
            found = {sid: p for sid, p in found.items()
                     if any(fnmatch.fnmatchcase(sid, pattern) for pattern in self.args.student)}
        return found

    def apply_extensions(self, submissions: dict) -> set[str]:
        """Put each extension given with --extension on the trainee's submission in the
        gradebook (before the workers copy it), where nbgrader's lateness reads it; the
        trainees whose extension changed are regraded."""
        from datetime import timedelta

        wanted = self.settings.get("extensions", {})
        changed = set()
        if not wanted:
            return changed
        with Gradebook(self.config.db_url, self.config.course_id) as gradebook:
            for student, seconds in sorted(wanted.items()):
                if student not in submissions:
                    continue  # applied once the trainee has handed something in
                gradebook.update_or_create_student(student)
                try:
                    current = gradebook.find_submission(self.assignment, student).extension
                except MissingEntry:
                    current = None
                if current != timedelta(seconds=seconds):
                    gradebook.update_or_create_submission(
                        self.assignment, student, extension=timedelta(seconds=seconds))
                    changed.add(student)
        return changed

    def gradebook_facts(self) -> tuple[set[str], object, list[str]]:
        """Trainees with a submission in the gradebook, the due date, and the roster (every
        trainee the gradebook knows), read in one visit."""
        try:
            with Gradebook(self.config.db_url, self.config.course_id) as gradebook:
                assignment = gradebook.find_assignment(self.assignment)
                return ({s.student_id for s in assignment.submissions}, assignment.duedate,
                        [s.id for s in gradebook.students])
        except MissingEntry:
            raise UserError(f"the gradebook has no assignment '{self.assignment}'; run "
                            "`investigator-course build` (or `nbgrader generate_assignment "
                            f"{self.assignment}`) first.") from None

    # ------------------------------------------------------------------ workers
    def free_account(self) -> str | None:
        """A grading account no running worker uses (None off the hub)."""
        busy = {w.account for w in self.workers if w.process.poll() is None}
        return next((a for a in self.accounts if a not in busy), None)

    def check_accounts(self) -> None:
        """Stop before grading if this user may not start kernels as the grading accounts."""
        for account in self.accounts[:self.args.jobs]:
            problem = separate_account.check_account(account)
            if problem:
                raise UserError(
                    f"on this server trainees' code is graded as the account {account}, but "
                    f"sudo refused to start it for you ({problem}). Graders must be in the "
                    "instructors group (log out and in again after being added); the rule is "
                    "written by `investigator-course hub setup`.")
        print(f"trainees' code runs as {', '.join(self.accounts[:self.args.jobs])} "
              "(unprivileged grading accounts)", flush=True)

    def spawn(self, run_dir: Path) -> Worker:
        index = len(self.workers)
        account = self.free_account()
        db = merge.sqlite_path(self.config.db_url)
        shard_url = merge.copy_gradebook(db, run_dir / "shards" / f"shard-{index}.db")
        log_path = run_dir / "logs" / f"worker-{index}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        jupyter_path = os.pathsep.join(filter(None, [str(run_dir / "jupyter"),
                                                      os.environ.get("JUPYTER_PATH")]))
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "investigator_course.grading.worker"],
                cwd=self.course, env=tool_env({"JUPYTER_PATH": jupyter_path}),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                start_new_session=True, bufsize=0,
            )
        protect = [str(self.course / step) for step in PROTECTED_STEPS] + [str(run_dir)]
        if db.parent != self.course:
            protect.append(str(db))
        if self.args.from_path:
            protect.append(str(Path(self.args.from_path).resolve()))
        settings = {
            "course": str(self.course), "assignment": self.assignment, "db_url": shard_url,
            "staging": str(run_dir / "staging"), "private": str(run_dir / "private"),
            "events": str(run_dir / "events"), "protect": protect,
            "memory": self.memory, "cpu": self.cpu, "fsize": 200 * 2**20,
            "nbgrader_args": self.nbgrader_args(), "warm": self.warm, "account": account,
        }
        worker = Worker(index, process, shard_url, log_path, account=account)
        try:
            process.stdin.write((json.dumps(settings) + "\n").encode())
        except OSError:  # it died at once; its end of output is handled like any exit
            worker.closed = True
        self.workers.append(worker)
        return worker

    def send(self, worker: Worker, student: str) -> bool:
        """Hand one trainee to a worker; False if the worker has gone (its EOF follows)."""
        if worker.closed:
            return False
        try:
            worker.process.stdin.write((json.dumps({"student": student}) + "\n").encode())
        except (OSError, ValueError):  # a broken or already closed pipe
            worker.closed = True
            return False
        worker.busy, worker.started = student, time.monotonic()
        return True

    def close(self, worker: Worker) -> None:
        """No more trainees for this worker: it finishes and exits (and is not replaced)."""
        worker.retired = True
        if not worker.closed:
            worker.closed = True
            try:
                worker.process.stdin.close()
            except OSError:
                pass

    def kill(self, worker: Worker, run_dir: Path) -> None:
        """SIGKILL a worker and its zygote (one process group), and the trainee's kernel."""
        try:
            os.killpg(worker.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        worker.process.wait()
        if worker.busy:
            sandbox.stop_kernels(str(run_dir / "events" / f"{worker.busy}.jsonl"))
        leftover = Path(tempfile.gettempdir()) / f"investigator-zygote-{worker.process.pid}.sock"
        leftover.unlink(missing_ok=True)

    def start_worker(self) -> Worker:
        worker = self.spawn(self.run_dir)
        self.selector.register(worker.process.stdout, selectors.EVENT_READ, worker)
        return worker

    def run_workers(self, run_dir: Path, todo: list[str], progress: Progress) -> None:
        """Hand trainees to the (already started) workers one at a time until all are done."""
        pending = list(todo)
        jobs = max(1, min(self.args.jobs, len(pending)))
        for extra in self.workers[jobs:]:  # started before we knew how many trainees changed
            self.close(extra)
        spare = 3 * jobs  # replacement workers allowed (crash or hang)
        selector = self.selector
        while selector.get_map():
            for key, _ in selector.select(timeout=1.0):
                worker = key.data
                chunk = os.read(worker.process.stdout.fileno(), 65536)
                if chunk:
                    worker.buffer += chunk
                    while b"\n" in worker.buffer:
                        line, worker.buffer = worker.buffer.split(b"\n", 1)
                        self.handle(worker, json.loads(line), pending, progress)
                    continue
                selector.unregister(worker.process.stdout)  # the worker exited
                worker.process.wait()
                if worker.busy:
                    sandbox.stop_kernels(str(run_dir / "events" / f"{worker.busy}.jsonl"))
                    self.finish(Outcome(worker.busy, False, "the grading worker stopped",
                                        self._tail(worker.log_path)), progress)
                    worker.busy = None
                if pending and spare > 0 and not worker.retired:
                    spare -= 1
                    self.start_worker()
            for worker in self.watchdog(run_dir, progress):
                selector.unregister(worker.process.stdout)
                if pending and spare > 0:
                    spare -= 1
                    self.start_worker()
        if pending:
            if not any(w.ready for w in self.workers):
                tail = "\n".join(self._tail(self.workers[-1].log_path)[-8:])
                raise UserError(f"the grading workers could not start:\n{tail}")
            for student in pending:
                self.finish(Outcome(student, False, "no grading worker was left to grade it"),
                            progress)

    def finish(self, outcome: Outcome, progress: Progress) -> None:
        self.outcomes[outcome.student] = outcome
        self.issues[outcome.student] = self.issues_for(self.run_dir, outcome.student)
        attention = not outcome.ok or any(i.attention for i in self.issues[outcome.student])
        progress.update(outcome.student, attention)

    def handle(self, worker: Worker, message: dict, pending: list[str],
               progress: Progress) -> None:
        event = message.get("event")
        if event == "ready":
            worker.ready = True
        elif event == "done":
            student = message["student"]
            outcome = Outcome(student, bool(message["ok"]), message.get("error", ""),
                              message.get("log", []), float(message.get("seconds", 0)))
            if outcome.ok:
                worker.finished.append(student)
            worker.busy = None
            self.finish(outcome, progress)
        if event in ("ready", "done") and not worker.busy and not worker.closed:
            if pending:
                student = pending.pop(0)
                if not self.send(worker, student):
                    pending.insert(0, student)
            else:
                self.close(worker)

    def watchdog(self, run_dir: Path, progress: Progress) -> list[Worker]:
        """Kill workers stuck on one trainee for too long; returns the killed ones."""
        now, killed = time.monotonic(), []
        for worker in self.workers:
            if worker.process.poll() is not None:
                continue
            if not worker.ready and now - worker.spawned > READY_TIMEOUT:
                self.kill(worker, run_dir)
                raise UserError(f"a grading worker did not start within {READY_TIMEOUT} s; "
                                f"see its log: {worker.log_path}")
            if worker.busy and now - worker.started > self.trainee_limit:
                student = worker.busy
                self.kill(worker, run_dir)
                worker.busy = None
                self.finish(Outcome(student, False, hung=True,
                                    seconds=round(now - worker.started, 1)), progress)
                killed.append(worker)
        return killed

    def stop_workers(self, run_dir: Path) -> None:
        """After Ctrl-C: let each worker clean up its kernel, then make sure."""
        for worker in self.workers:
            self.close(worker)
            if worker.process.poll() is None:
                try:  # the worker alone: it stops its kernel and zygote itself
                    os.kill(worker.process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 20
        for worker in self.workers:
            try:
                worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            if worker.process.poll() is None or worker.busy:
                self.kill(worker, run_dir)

    @staticmethod
    def _tail(path: Path) -> list[str]:
        try:
            return path.read_text(errors="replace").splitlines()[-20:]
        except OSError:
            return []

    # ------------------------------------------------------------------ results
    def private_folder(self, run_dir: Path, student: str) -> Path:
        return run_dir / "private" / student / "autograded" / student / self.assignment

    def issues_for(self, run_dir: Path, student: str) -> list[Issue]:
        issues = list(self.stage_issues.get(student, []))
        outcome = self.outcomes.get(student)
        if outcome is not None:
            if outcome.hung:
                issues.append(Issue("hung", f"not graded: grading took longer than "
                                    f"{self.trainee_limit} s and was stopped (a cell that "
                                    "ignores interruption?); scored 0 and flagged"))
            elif not outcome.ok:
                issues.append(outcomes.failure_issue(outcome.error, outcome.log))
            else:
                for path in sorted(self.private_folder(run_dir, student).glob("*.ipynb")):
                    issues.extend(outcomes.notebook_issues(path, self.timeout))
            issues.extend(outcomes.sandbox_issues(run_dir / "events" / f"{student}.jsonl",
                                                  self.private_folder(run_dir, student),
                                                  self.course))
        return issues

    def install_results(self, run_dir: Path, graded: list[str], zeros: list[str]) -> None:
        for student in graded:
            target = self.course / "autograded" / student / self.assignment
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(self.private_folder(run_dir, student), target)
        for student in zeros:
            target = self.course / "autograded" / student / self.assignment
            if target.exists():
                shutil.rmtree(target)

    def scores(self) -> dict[str, tuple[float, float, float]]:
        """student -> (score after the late penalty, max score, penalty), from the gradebook."""
        result = {}
        with Gradebook(self.config.db_url, self.config.course_id) as gradebook:
            assignment = gradebook.find_assignment(self.assignment)
            for submission in assignment.submissions:
                penalty = float(submission.late_submission_penalty or 0.0)
                result[submission.student_id] = (
                    float(submission.score) - penalty, float(submission.max_score), penalty)
        return result

    # ------------------------------------------------------------------ main
    def run(self) -> int:
        with records.run_lock(self.folder):
            return self._run()

    def _run(self) -> int:
        started = time.monotonic()
        submissions = self.submissions()
        if not submissions:
            where = self.course / "submitted"
            raise UserError(f"no submissions of {self.assignment} in {where}"
                            + (" match --student" if self.args.student else "")
                            + "; bring them in with --from FOLDER_OR_ZIP or --collect.")
        run_dir = self.run_dir = Path(tempfile.mkdtemp(prefix=f"grade-{self.assignment}-"))
        state = records.load_state(self.folder)
        todo, interrupted = [], False
        try:
            (run_dir / "events").mkdir()
            if self.accounts:
                self.check_accounts()
            sandbox.write_kernel_spec(str(run_dir / "jupyter"), warm=self.warm)
            # The workers load nbgrader (a few seconds) while this process checks and
            # stages the submissions; extra ones are sent home if fewer trainees changed.
            self.extended = self.apply_extensions(submissions)
            for _ in range(max(1, min(self.args.jobs, len(submissions)))):
                self.start_worker()
            in_gradebook, duedate, self.roster = self.gradebook_facts()
            context = records.context_hash(self.course, self.assignment,
                                           self.settings.get("late_penalty"), duedate)
            for student, folder in submissions.items():
                digest = records.submission_hash(folder, context, self.config.ignore)
                self.hashes[student] = digest
                previous = state.get(student)
                unchanged = previous is not None and previous.hash == digest and (
                    student in in_gradebook)
                if self.args.force or not unchanged or student in self.extended:
                    todo.append(student)
            skipped = len(submissions) - len(todo)
            print(f"{self.assignment}: {len(submissions)} submission(s), {len(todo)} to grade"
                  + (f", {skipped} unchanged since the last run (--force regrades them)"
                     if skipped else ""), flush=True)
            if todo:
                try:
                    self.grade(todo, state)
                except KeyboardInterrupt:
                    interrupted = True
        finally:
            for worker in self.workers:
                self.close(worker)
            deadline = time.monotonic() + 15
            for worker in self.workers:  # a retired worker stops its zygote and exits
                try:
                    worker.process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self.kill(worker, run_dir)
            self.selector.close()
            if not self.args.keep_temp:
                shutil.rmtree(run_dir, ignore_errors=True)
        rows = self.report(submissions, state, set(todo))
        if interrupted:  # what was saved is in the report; the cli says "interrupted"
            print(f"saved {len(self.issues)} of {len(todo)} trainee(s); run the same command "
                  "again to grade the rest.", file=sys.stderr, flush=True)
            raise KeyboardInterrupt
        self.print_summary(rows, time.monotonic() - started)
        return 0

    def grade(self, todo: list[str], state: dict[str, records.TraineeRecord]) -> None:
        """Stage, grade and save; KeyboardInterrupt after saving what was finished."""
        run_dir = self.run_dir
        reference = release_reference(self.course / "release" / self.assignment)
        gradable, zeros = [], []
        for student in todo:
            folder = self.course / "submitted" / student / self.assignment
            staged = run_dir / "staging" / student / self.assignment
            result = stage_submission(folder, staged, reference, self.config.ignore)
            self.stage_issues[student] = result.issues
            stamp = folder / "timestamp.txt"
            self.timestamps[student] = stamp.read_text().strip() if stamp.is_file() else None
            (gradable if result.gradable else zeros).append(student)
        if gradable:
            jobs = max(1, min(self.args.jobs, len(gradable)))
            print(f"grading {len(gradable)} trainee(s) with {jobs} worker(s) "
                  f"(cell time limit {self.timeout or 'none'} s, memory cap "
                  f"{self.args.memory_limit})", flush=True)
        progress = Progress(len(todo))
        for student in zeros:
            self.issues[student] = list(self.stage_issues[student])
            progress.update(student, True)
        interrupted = False
        try:
            if gradable:
                self.run_workers(run_dir, gradable, progress)
        except KeyboardInterrupt:
            interrupted = True
            progress.finish()
            print("interrupted: stopping the workers and saving the trainees graded "
                  "so far ...", flush=True)
            self.stop_workers(run_dir)
        progress.finish()
        self.save(run_dir, zeros, state)
        if interrupted:
            raise KeyboardInterrupt

    def save(self, run_dir: Path, zeros: list[str], state: dict) -> None:
        """Merge (one transaction), install autograded folders, then record state."""
        graded = [s for w in self.workers for s in w.finished]
        failed = [s for s, o in self.outcomes.items() if not o.ok]
        zero_list = zeros + failed
        issues = self.issues
        flagged = {s for s in graded if any(i.attention for i in issues[s])}
        shards = [(w.shard_url, w.finished) for w in self.workers]
        merge.merge(self.config.db_url, self.assignment, self.config.course_id, shards,
                    {s: self.timestamps.get(s) for s in zero_list}, flagged)
        self.install_results(run_dir, graded, zero_list)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for student in graded + zero_list:
            outcome = self.outcomes.get(student)
            status = "graded" if student in graded else (
                "hung" if outcome is not None and outcome.hung else "not graded")
            state[student] = records.TraineeRecord(
                student, status, self.hashes[student], issues[student],
                outcome.seconds if outcome else 0.0, now)
        records.save_state(self.folder, state)

    def report(self, submissions: dict[str, Path], state: dict, graded_now: set[str]) -> list:
        scores = self.scores()
        rows = []
        for student in sorted(submissions):
            record = state.get(student)
            if record is None:  # interrupted before this trainee was graded
                continue
            score, top, penalty = scores.get(student, (0.0, 0.0, 0.0))
            issue_list = list(record.issues)
            if penalty:
                issue_list.append(Issue("late", f"late: {penalty:g} point(s) deducted",
                                        attention=False))
            rows.append({
                "student": student, "status": record.status,
                "needs_attention": record.needs_attention, "score": round(score, 2),
                "max_score": round(top, 2), "late_penalty": round(penalty, 2),
                "graded_this_run": student in graded_now, "seconds": record.seconds,
                "issue_list": issue_list,
            })
        self.report_paths = records.write_report(self.folder, self.assignment, rows)
        return rows

    def print_summary(self, rows: list[dict], seconds: float) -> None:
        """What an instructor needs before the written answers: what this run did, the
        scores, who is late, who has not submitted and who needs a look."""
        now = [r for r in rows if r["graded_this_run"]]
        graded = sum(1 for r in now if r["status"] == "graded")
        attention = [r for r in rows if r["needs_attention"]]
        print(f"done in {seconds:.1f} s: {graded} graded this run, {len(now) - graded} not "
              f"graded, {len(rows) - len(now)} unchanged; {len(attention)} need attention",
              flush=True)
        percents = sorted(100 * r["score"] / r["max_score"] for r in rows
                          if r["status"] == "graded" and r["max_score"])
        if percents:
            print(f"  scores of the {len(percents)} graded: median "
                  f"{statistics.median(percents):.0f}%, lowest {percents[0]:.0f}%, highest "
                  f"{percents[-1]:.0f}% (written answers count once graded in formgrader)",
                  flush=True)
        late = [f"{r['student']} (-{r['late_penalty']:g})" for r in rows if r["late_penalty"]]
        if late:
            print(f"  late: {', '.join(late)}", flush=True)
        missing = sorted(set(self.roster) - {r["student"] for r in rows})
        if missing:
            print(f"  no submission: {', '.join(missing)}", flush=True)
        width = max([len(r["student"]) for r in attention] + [8])
        for row in attention:
            reasons = [i.message for i in row["issue_list"] if i.attention] or [row["status"]]
            print(f"  {row['student']:<{width}}  {row['score']:g}/{row['max_score']:g}  "
                  f"{reasons[0]}" + (f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""))
        csv_path, _ = self.report_paths
        print(f"report: {csv_path} (and .json)", flush=True)
