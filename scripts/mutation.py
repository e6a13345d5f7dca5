#!/usr/bin/env python3
"""Mutation testing: how much of the mock's behaviour the conformance suite would notice change.

    scripts/mutation [--sample N] [--seed S] [--jobs J] [--only TEXT] [--list]
                     [--out DIR] [--survivors FILE]

(`scripts/mutation` sets up .venv with the dev extra, which pins cosmic-ray and coverage, then
runs this file.)

The mutants are cosmic-ray's (its core operators, every one that needs no arguments) made in the
mock's domain code: the ledger, the query parameters and request rules, the world, the market,
the bonds, the option chain and the routes (MODULES; the admin API, the seed and rule-table
loaders, the CLI, the serving layer and the fault injection are not Alpaca's behaviour and are
left out, EXCLUDED says why). Type annotations are never mutated: with `from __future__ import
annotations` they are not run.

Each mutant runs the default conformance suite (`python -m alpaca_conformance`, the in-process
mock) in a worker folder of its own holding a mutated copy of `alpaca_mock`, put first on
PYTHONPATH; the repository is never written. The suite failing (any exit but 0) kills the
mutant; a run past the time limit (three times the baseline, at least 60 s) is timed out,
which also counts as caught. A mutant on a line the suite never executes (one baseline run under
coverage says which) survives without being run: it is reported as not reached.

Why our own loop around cosmic-ray's operators and not `cosmic-ray exec`: its local distributor
mutates the working tree in place and runs one mutant at a time, its timeouts count as killed,
and it has no sampling; this loop runs J mutants at once in private copies, keeps timeouts apart
and samples reproducibly (--sample N --seed S).

The score is caught / (all run or not reached - equivalent), equivalent meaning a survivor the
survivors file (docs/mutation-survivors.yaml) calls `equivalent`. Every survivor must be in that
file with a one-line reason. Exit status: 0 when every survivor is explained there, 1 when a
survivor is not (it is printed with its diff), 2 on bad usage or a baseline that fails,
130 on Ctrl-C (what ran is still summarised).
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import contextlib
import difflib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "contract_tests" / "alpaca_mock"
SURVIVORS = ROOT / "docs" / "mutation-survivors.yaml"

MODULES = (
    "answers.py",
    "app.py",
    "bonds.py",
    "ledger.py",
    "market.py",
    "options.py",
    "params.py",
    "request_rules.py",
    "world.py",
)
"""The mock's domain code, relative to contract_tests/alpaca_mock. Not clock.py: the default
mock's market is always open, and a suite cannot set a server's clock (tests/test_mock.py
covers the hours)."""

EXCLUDED: dict[tuple[str, str], str] = {
    ("app.py", "MockApp.__init__"): "wiring of the app from its config (serving layer)",
    ("app.py", "create_app"): "wiring of the app from its config (serving layer)",
    ("world.py", "World.orders"): "order history for the admin API",
    ("bonds.py", "parse_bonds"): "seed-file validation (seed loader)",
    ("bonds.py", "_exact"): "seed-file validation (seed loader)",
    ("bonds.py", "_validator"): "seed-file validation (seed loader)",
    ("bonds.py", "BondError"): "seed-file validation (seed loader)",
    ("request_rules.py", "parse_rules"): "validation of the spec's rule table (spec loader)",
    ("request_rules.py", "RuleTableError"): "validation of the spec's rule table (spec loader)",
}
"""(module, qualified name) → why the mutants there are not made."""

Status = Literal["killed", "timed out", "warned", "survived", "not reached"]
STATUSES: tuple[Status, ...] = ("killed", "timed out", "warned", "survived", "not reached")
Kind = Literal["equivalent", "unchecked"]
CAUGHT: frozenset[str] = frozenset({"killed", "timed out"})
MAX_SURVIVORS_FILE = 1_000_000


class UsageError(Exception):
    """Bad arguments or a bad survivors file: the message names what and why."""


@dataclass(frozen=True)
class Mutant:
    """One change cosmic-ray can make: operator name and occurrence in one module."""

    module: str
    operator: str
    occurrence: int
    line: int
    where: str
    """The innermost class or function around it (module level: '<module>')."""
    before: str
    """The source line before the change, stripped."""
    last_line: int = 0
    """The last line of the node changed: a condition split over lines runs on its later lines
    (coverage records no execution of an `if (` line), so any line of it executed reaches it."""

    @property
    def label(self) -> str:
        return f"{self.module}:{self.line} {self.where} {self.operator.removeprefix('core/')}"


@dataclass
class Outcome:
    mutant: Mutant
    status: Status
    seconds: float
    after: str = ""
    diff: str = ""
    detail: str = ""

    @property
    def fingerprint(self) -> str:
        """Names the mutant across edits elsewhere in the file (no line number in it)."""
        op = self.mutant.operator.removeprefix("core/")
        return (
            f"{self.mutant.module} {self.mutant.where} {op}: {self.mutant.before} => {self.after}"
        )


@dataclass(frozen=True)
class Explained:
    kind: Kind
    reason: str


# ----------------------------------------------------------------------------- the survivors file


def load_survivors(path: Path) -> dict[str, Explained]:
    """The committed reasons, by fingerprint. A broken file is a UsageError naming the entry."""
    if not path.is_file():
        return {}
    if path.stat().st_size > MAX_SURVIVORS_FILE:
        raise UsageError(f"{path}: larger than {MAX_SURVIVORS_FILE} bytes")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not YAML ({exc})") from None
    entries = (document or {}).get("survivors") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{path}: needs a top-level 'survivors' list")
    known: dict[str, Explained] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{path}: survivors[{number}]"
        if not isinstance(entry, dict) or set(entry) != {"mutant", "kind", "reason"}:
            raise UsageError(f"{where}: needs exactly the keys mutant, kind, reason")
        mutant, kind, reason = entry["mutant"], entry["kind"], entry["reason"]
        if not isinstance(mutant, str) or not mutant:
            raise UsageError(f"{where}.mutant: a non-empty string")
        if kind not in ("equivalent", "unchecked"):
            raise UsageError(f"{where}.kind: 'equivalent' or 'unchecked', not {kind!r}")
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason.strip():
            raise UsageError(f"{where}.reason: one line of text")
        if mutant in known:
            raise UsageError(f"{where}.mutant: listed twice")
        known[mutant] = Explained(kind, reason.strip())
    return known


# ----------------------------------------------------------------------------- finding mutants


def _scopes(tree: ast.Module) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every class and function, outermost first."""
    found: list[tuple[int, int, str]] = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                found.append((first, child.end_lineno or child.lineno, name))
                walk(child, f"{name}.")
            else:
                walk(child, prefix)

    walk(tree, "")
    return found


def _annotation_spans(tree: ast.Module) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the annotations are: ((line, col), (end line, end col)), never executed here."""
    notes: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            notes.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            notes.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            notes.append(node.annotation)
    return [
        ((n.lineno, n.col_offset), (n.end_lineno or n.lineno, n.end_col_offset or 0)) for n in notes
    ]


def _innermost(scopes: list[tuple[int, int, str]], line: int) -> str:
    inside = [name for first, last, name in scopes if first <= line <= last]
    return inside[-1] if inside else "<module>"


def _operators() -> Iterator[tuple[str, Any]]:
    import cosmic_ray.plugins  # the dev extra; imported here so --help works without it

    for name in sorted(cosmic_ray.plugins.operator_names()):
        operator_class = cosmic_ray.plugins.get_operator(name)
        if not operator_class.arguments():
            yield name, operator_class()


def find_mutants(package: Path, modules: Iterable[str] = MODULES) -> list[Mutant]:
    """Every mutant of the domain modules, in a stable order, less annotations and EXCLUDED."""
    from cosmic_ray.ast import ast_nodes, get_ast

    operators = list(_operators())
    mutants: list[Mutant] = []
    for module in modules:
        source = (package / module).read_text(encoding="utf-8")
        tree = ast.parse(source)
        scopes, notes, lines = _scopes(tree), _annotation_spans(tree), source.splitlines()
        parsed = get_ast(source)
        for name, operator in operators:
            positions = [
                (start, node)
                for node in ast_nodes(parsed)
                for start, _ in operator.mutation_positions(node)
            ]
            for occurrence, ((line, col), node) in enumerate(positions):
                if _signature_marker(node) or any(a <= (line, col) < b for a, b in notes):
                    continue
                where = _innermost(scopes, line)
                if _excluded(module, where):
                    continue
                end_line, end_col = getattr(node, "end_pos", (line, 1))
                last = max(line, end_line - (end_col == 0))  # (n, 0): ends with line n - 1
                mutants.append(
                    Mutant(module, name, occurrence, line, where, lines[line - 1].strip(), last)
                )
    return mutants


def _signature_marker(node: Any) -> bool:
    """The bare `*` or `/` of a parameter list, which cosmic-ray 8.7 takes for a binary
    operator (its mutant `def f(a, <<, b)` is not Python)."""
    parent = getattr(node, "parent", None)
    return getattr(node, "type", "") == "operator" and getattr(parent, "type", "") == "parameters"


def _excluded(module: str, where: str) -> bool:
    parts = where.split(".")
    return any((module, ".".join(parts[:n])) in EXCLUDED for n in range(1, len(parts) + 1))


def mutate(package: Path, mutant: Mutant) -> tuple[str, str] | None:
    """(mutated source, unified diff), or None when cosmic-ray makes no change there or makes
    one that is not Python (a bug of cosmic-ray's that find_mutants does not already avoid)."""
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator

    source = (package / mutant.module).read_text(encoding="utf-8")
    mutated = mutate_code(source, get_operator(mutant.operator)(), mutant.occurrence)
    if mutated is None or mutated == source:
        return None
    try:
        with warnings.catch_warnings():  # `x is 0` and the like: Python still, the mutant's own
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(mutated, mutant.module, "exec", dont_inherit=True)
    except SyntaxError:
        return None
    diff = "\n".join(
        difflib.unified_diff(
            source.splitlines(),
            mutated.splitlines(),
            f"a/contract_tests/alpaca_mock/{mutant.module}",
            f"b/contract_tests/alpaca_mock/{mutant.module}",
            n=1,
            lineterm="",
        )
    )
    return mutated, diff


def changed_line(diff: str) -> str:
    """The first added line of a diff, stripped: the mutant's own text."""
    for line in diff.splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            return line[1:].strip()
    return ""


def sample(mutants: Sequence[Mutant], size: int | None, seed: int) -> list[Mutant]:
    """A reproducible sample (the same N and S always pick the same mutants), in file order."""
    if size is None or size >= len(mutants):
        return list(mutants)
    picker = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    chosen = set(picker.sample(range(len(mutants)), size))
    return [m for i, m in enumerate(mutants) if i in chosen]


# ----------------------------------------------------------------------------- running the suite


@dataclass
class Workers:
    """J private folders, each a copy of alpaca_mock that one mutant at a time is written into,
    and the pristine copy every mutant is made from (edits to the repository during a run of
    hours change nothing)."""

    base: Path
    count: int
    pristine: Path = field(init=False)
    free: list[Path] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: set[subprocess.Popen[bytes]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.pristine = self.base / "pristine" / "alpaca_mock"
        shutil.copytree(PACKAGE, self.pristine, ignore=_no_caches)
        for number in range(self.count):
            folder = self.base / f"worker-{number}"
            shutil.copytree(self.pristine, folder / "alpaca_mock")
            self.free.append(folder)

    def take(self) -> Path:
        with self.lock:
            return self.free.pop()

    def give(self, folder: Path) -> None:
        with self.lock:
            self.free.append(folder)

    def stop_all(self) -> None:
        with self.lock:
            for process in self.running:
                _kill(process)


def _no_caches(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__"]


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):  # it ended by itself meanwhile
        os.killpg(process.pid, signal.SIGKILL)


def suite_command(folder: Path, coverage_file: Path | None = None) -> list[str]:
    """The default conformance run, reports in the worker's folder."""
    run = [sys.executable]
    if coverage_file is not None:
        run += ["-m", "coverage", "run", f"--data-file={coverage_file}"]
        run += [f"--source={folder / 'alpaca_mock'}", "--branch"]
    return [*run, "-m", "alpaca_conformance", "--report-dir", str(folder / "report"), "-q"]


def run_suite(
    workers: Workers, folder: Path, command: list[str], timeout: float
) -> tuple[int | None, float, str]:
    """(exit status or None when timed out, seconds, the end of its output)."""
    shutil.rmtree(folder / ".hypothesis", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own argv
        command,
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    with workers.lock:
        workers.running.add(process)
    try:
        output, _ = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        _kill(process)
        output, _ = process.communicate()
        status = None
    finally:
        with workers.lock:
            workers.running.discard(process)
    tail = output.decode("utf-8", "replace").strip().splitlines()[-3:]
    return status, time.monotonic() - started, "\n".join(tail)


def warnings_of(report_dir: Path) -> frozenset[str]:
    """The checks a run warned about (unverified promises broken), from its results.json."""
    try:
        outcomes = json.loads((report_dir / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(
        f"{o.get('operation')}: {o.get('check')}"
        for o in outcomes
        if isinstance(o, dict) and o.get("status") == "warned"
    )


def run_mutant(
    workers: Workers, mutant: Mutant, made: tuple[str, str], timeout: float, usual: frozenset[str]
) -> Outcome:
    """Run the suite once against `mutant` in a free worker folder, then put the module back.
    A passing run that warns about a check the baseline did not (`usual`) is `warned`."""
    mutated, diff = made
    folder = workers.take()
    target = folder / "alpaca_mock" / mutant.module
    try:
        target.write_text(mutated, encoding="utf-8")
        status, seconds, tail = run_suite(workers, folder, suite_command(folder), timeout)
        warned = warnings_of(folder / "report") - usual
    finally:
        shutil.copyfile(workers.pristine / mutant.module, target)
        workers.give(folder)
    result: Status = "timed out" if status is None else "killed" if status else "survived"
    last = tail.splitlines()[-1] if tail else ""
    detail = "" if status in (0, 1, None) else f"exit {status}: {last}"
    if result == "survived" and warned:
        result, detail = "warned", "warned: " + "; ".join(sorted(warned))
    return Outcome(mutant, result, seconds, changed_line(diff), diff, detail)


def is_reached(mutant: Mutant, reached: dict[str, set[int]]) -> bool:
    """Whether the baseline ran any line of the node the mutant changes."""
    lines = range(mutant.line, max(mutant.line, mutant.last_line) + 1)
    return not reached.get(mutant.module, set()).isdisjoint(lines)


def reached_lines(coverage_file: Path, folder: Path) -> dict[str, set[int]]:
    """Lines the baseline run executed, by module name."""
    from coverage import CoverageData

    data = CoverageData(basename=str(coverage_file))
    data.read()
    reached: dict[str, set[int]] = {}
    for measured in data.measured_files():
        path = Path(measured)
        if path.parent == folder / "alpaca_mock":
            reached[path.name] = set(data.lines(measured) or ())
    return reached


# ----------------------------------------------------------------------------- the report


@dataclass
class Tally:
    outcomes: list[Outcome]
    known: dict[str, Explained]

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def survivors(self) -> list[Outcome]:
        """Mutants the suite said nothing about: each needs a reason in the survivors file."""
        return [o for o in self.outcomes if o.status in ("survived", "not reached")]

    @property
    def unexplained(self) -> list[Outcome]:
        return [o for o in self.survivors if o.fingerprint not in self.known]

    @property
    def equivalent(self) -> int:
        return sum(
            self.known[o.fingerprint].kind == "equivalent"
            for o in self.survivors
            if o.fingerprint in self.known
        )

    def score(self, *, warnings: bool = False) -> float | None:
        """Caught over non-equivalent; with `warnings`, a mutant the suite warned about counts
        as caught (it was reported, as a warning, not a failure)."""
        counted = len(self.outcomes) - self.equivalent
        caught = sum(
            o.status in CAUGHT or (warnings and o.status == "warned") for o in self.outcomes
        )
        return caught / counted if counted else None


def report(tally: Tally, seconds: float, jobs: int) -> str:
    counts = "  ".join(f"{s}: {tally.count(s)}" for s in STATUSES)
    lines = [f"mutants: {len(tally.outcomes)}  {counts}  (equivalent: {tally.equivalent})"]
    strict, lenient = tally.score(), tally.score(warnings=True)
    if strict is not None and lenient is not None:
        lines.append(
            f"score: {strict:.1%} of non-equivalent mutants caught (failed the suite); "
            f"{lenient:.1%} counting warnings; "
            f"wall time {seconds / 60:.1f} min on {jobs} worker(s)"
        )
    for outcome in [o for o in tally.outcomes if o.status == "warned"]:
        lines += ["", f"WARNED {outcome.mutant.label}", f"  mutant: {outcome.fingerprint}"]
        lines.append(f"  {outcome.detail}")
    for outcome in tally.survivors:
        explained = tally.known.get(outcome.fingerprint)
        said = (
            f"{explained.kind}: {explained.reason}"
            if explained
            else "NOT IN docs/mutation-survivors.yaml"
        )
        lines += ["", f"{outcome.status.upper()} {outcome.mutant.label}  [{said}]"]
        if outcome.detail:
            lines.append(f"  {outcome.detail}")
        lines.append(f"  mutant: {outcome.fingerprint}")
        if explained is None:
            lines += ["  " + d for d in outcome.diff.splitlines()]
    return "\n".join(lines)


def write_json(path: Path, tally: Tally, seconds: float, args: argparse.Namespace) -> None:
    path.write_text(
        json.dumps(
            {
                "sample": args.sample,
                "seed": args.seed,
                "jobs": args.jobs,
                "seconds": round(seconds, 1),
                "score": tally.score(),
                "score_counting_warnings": tally.score(warnings=True),
                "counts": {s: tally.count(s) for s in STATUSES},
                "mutants": [
                    {
                        "mutant": o.fingerprint,
                        "line": o.mutant.line,
                        "status": o.status,
                        "seconds": round(o.seconds, 1),
                        "detail": o.detail,
                        "diff": o.diff,
                    }
                    for o in tally.outcomes
                ],
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


# ----------------------------------------------------------------------------- the command


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number, not {text[:20]!r}") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"from 1 to 1,000,000, not {value}")
    return value


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/mutation",
        description="Mutate the mock's domain code; run the conformance suite against each mutant.",
    )
    parser.add_argument("--sample", type=_positive, help="run only N mutants, picked with --seed")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    parser.add_argument(
        "--jobs", type=_positive, default=os.cpu_count() or 1, help="mutants at once (cores)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="run only mutants whose label or text contains TEXT (repeatable: any of them)",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants; run nothing")
    parser.add_argument("--out", type=Path, help="write mutation.json here (a folder)")
    parser.add_argument("--survivors", type=Path, default=SURVIVORS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        known = load_survivors(args.survivors)
    except UsageError as exc:
        print(f"mutation: {exc}", file=sys.stderr)
        return 2
    if args.list:
        everything = find_mutants(PACKAGE)
        chosen = _select(everything, args)
        for mutant in chosen:
            print(f"{mutant.label}: {mutant.before}")
        print(f"{len(chosen)} of {len(everything)} mutants", file=sys.stderr)
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="alpaca-mutation-") as temporary:
        workers = Workers(Path(temporary), args.jobs)
        everything = find_mutants(workers.pristine)
        chosen = _select(everything, args)
        if not chosen:
            print("mutation: no mutant selected", file=sys.stderr)
            return 2
        print(f"mutation: {len(chosen)} of {len(everything)} mutants, {args.jobs} at a time")
        print("mutation: the baseline run, under coverage", flush=True)
        folder = workers.take()
        coverage_file = Path(temporary) / "baseline.coverage"
        try:
            status, baseline, tail = run_suite(
                workers, folder, suite_command(folder, coverage_file), timeout=1800
            )
        except KeyboardInterrupt:
            workers.stop_all()
            print("mutation: interrupted during the baseline run", file=sys.stderr)
            return 130
        workers.give(folder)
        if status != 0:
            print(f"mutation: the unmutated suite fails (exit {status}):\n{tail}", file=sys.stderr)
            return 2
        reached = reached_lines(coverage_file, folder)
        timeout = max(3 * baseline, 60.0)
        print(f"mutation: baseline {baseline:.0f} s; timeout {timeout:.0f} s", flush=True)
        usual = warnings_of(folder / "report")
        outcomes, interrupted = _run_all(workers, chosen, reached, timeout, args.jobs, usual)
    tally = Tally(outcomes, known)
    seconds = time.monotonic() - started
    print()
    print(report(tally, seconds, args.jobs))
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        write_json(args.out / "mutation.json", tally, seconds, args)
    if interrupted:
        print("mutation: interrupted; the counts above are of what finished", file=sys.stderr)
        return 130
    return 1 if tally.unexplained else 0


def _select(everything: list[Mutant], args: argparse.Namespace) -> list[Mutant]:
    chosen = sample(everything, args.sample, args.seed)
    if args.only:
        chosen = [m for m in chosen if any(o in f"{m.label}: {m.before}" for o in args.only)]
    return chosen


def _run_all(
    workers: Workers,
    chosen: list[Mutant],
    reached: dict[str, set[int]],
    timeout: float,
    jobs: int,
    usual: frozenset[str],
) -> tuple[list[Outcome], bool]:
    outcomes: list[Outcome] = []
    to_run: list[tuple[Mutant, tuple[str, str]]] = []
    for mutant in chosen:
        made = mutate(workers.pristine, mutant)
        if made is None:
            print(f"mutation: left out {mutant.label}: cosmic-ray made no valid Python there")
        elif is_reached(mutant, reached):
            to_run.append((mutant, made))
        else:
            outcomes.append(Outcome(mutant, "not reached", 0.0, changed_line(made[1]), made[1]))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    futures = [pool.submit(run_mutant, workers, m, made, timeout, usual) for m, made in to_run]
    try:
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            outcome = future.result()
            outcomes.append(outcome)
            print(
                f"[{done}/{len(to_run)}] {outcome.status:<9} {outcome.seconds:5.1f} s  "
                f"{outcome.mutant.label}",
                flush=True,
            )
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        workers.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        return _in_order(outcomes), True
    pool.shutdown(wait=True)
    return _in_order(outcomes), False


def _in_order(outcomes: list[Outcome]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.mutant.module, o.mutant.line, o.fingerprint))


if __name__ == "__main__":
    sys.exit(main())
