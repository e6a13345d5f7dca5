"""scripts/mutation: the mutants it makes, the sample it picks, the score it gives, the file of
reasons it holds survivors to, and one real run (a mutant killed, one surviving, unexplained).

The mutation score itself is measured by running scripts/mutation (hours for all mutants,
--sample for less), never here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scripts_mutation", ROOT / "scripts/mutation.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scripts_mutation"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


mutation: Any = _load()


def _mutant(line: int = 10, where: str = "Book.close", before: str = "a = b + c") -> Any:
    return mutation.Mutant(
        "ledger.py", "core/ReplaceBinaryOperator_Add_Sub", 3, line, where, before
    )


def _outcome(status: str, after: str = "a = b - c", line: int = 10) -> Any:
    return mutation.Outcome(_mutant(line=line), status, 1.0, after, "diff")


# ----------------------------------------------------------------------------- the survivors file


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "survivors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_committed_survivors_file_is_valid() -> None:
    known = mutation.load_survivors(mutation.SURVIVORS)
    assert known, "docs/mutation-survivors.yaml lists the survivors of the measured sample"
    assert all(e.reason for e in known.values())


def test_a_missing_survivors_file_explains_nothing(tmp_path: Path) -> None:
    assert mutation.load_survivors(tmp_path / "absent.yaml") == {}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("survivors: [", "not YAML"),
        ("- a list\n", "top-level 'survivors' list"),
        ("survivors:\n  - mutant: x\n    kind: equivalent\n", "survivors[1]: needs exactly"),
        ("survivors:\n  - {mutant: x, kind: maybe, reason: r}\n", "survivors[1].kind"),
        ("survivors:\n  - {mutant: '', kind: equivalent, reason: r}\n", "survivors[1].mutant"),
        ("survivors:\n  - {mutant: x, kind: unchecked, reason: '  '}\n", "survivors[1].reason"),
        (
            'survivors:\n  - {mutant: x, kind: unchecked, reason: "one\\ntwo"}\n',
            "survivors[1].reason: one line",
        ),
        (
            "survivors:\n  - {mutant: x, kind: unchecked, reason: r}\n"
            "  - {mutant: x, kind: equivalent, reason: r}\n",
            "survivors[2].mutant: listed twice",
        ),
    ],
)
def test_a_broken_survivors_file_names_the_entry_and_the_rule(
    tmp_path: Path, text: str, named: str
) -> None:
    with pytest.raises(mutation.UsageError, match=named.replace("[", r"\[").replace("]", r"\]")):
        mutation.load_survivors(_write(tmp_path, text))


def test_a_huge_survivors_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = _write(tmp_path, "#" * (mutation.MAX_SURVIVORS_FILE + 1))
    with pytest.raises(mutation.UsageError, match="larger than"):
        mutation.load_survivors(path)


# ----------------------------------------------------------------------------- mutants and sample


def test_annotations_and_excluded_code_are_never_mutated(tmp_path: Path) -> None:
    (tmp_path / "bonds.py").write_text(
        "from __future__ import annotations\n"
        "def step(x: int | None, y: list[int] = []) -> int | None:\n"
        "    z: int | None = None\n"
        "    return x + 1\n"
        "def parse_bonds(moment: int) -> int:\n"
        "    return moment - 5\n",
        encoding="utf-8",
    )
    mutants = mutation.find_mutants(tmp_path, ["bonds.py"])
    assert mutants, "the addition and the number in step() are mutated"
    assert {m.where for m in mutants} == {"step"}, "parse_bonds is EXCLUDED for bonds.py"
    assert {m.line for m in mutants} == {4}, "annotations (lines 2 and 3) are not"


def test_a_condition_split_over_lines_is_reached_by_its_later_lines(tmp_path: Path) -> None:
    """Coverage records no execution of an `if (` line: the lines after it count for it."""
    (tmp_path / "app.py").write_text(
        "def route(a, b):\n"
        "    if (\n"
        "        a\n"
        "        and b\n"
        "    ):\n"
        "        return 1\n"
        "    return 2\n",
        encoding="utf-8",
    )
    negated = [m for m in mutation.find_mutants(tmp_path, ["app.py"]) if "AddNot" in m.operator]
    assert [(m.line, m.last_line) for m in negated] == [(2, 6)]
    assert mutation.is_reached(negated[0], {"app.py": {1, 3, 4, 7}})
    assert not mutation.is_reached(negated[0], {"app.py": {1, 7}, "ledger.py": {3}})
    assert mutation.is_reached(_mutant(line=10), {"ledger.py": {10}}), "one line, no last_line"


def test_every_mutant_of_the_real_modules_changes_the_code() -> None:
    mutants = mutation.find_mutants(mutation.PACKAGE)
    assert len(mutants) > 1000
    assert all(m.module in mutation.MODULES for m in mutants)
    for mutant in mutation.sample(mutants, 25, 3):
        made = mutation.mutate(mutation.PACKAGE, mutant)
        assert made is not None, mutant.label
        mutated, diff = made
        with warnings.catch_warnings():  # a mutant `is` against a literal warns; it still runs
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(mutated, mutant.module, "exec")
        assert f"alpaca_mock/{mutant.module}" in diff
        assert mutation.changed_line(diff) != mutant.before


@given(size=st.integers(min_value=0, max_value=60), seed=st.integers())
def test_a_sample_is_reproducible_and_in_file_order(size: int, seed: int) -> None:
    mutants = [_mutant(line=n) for n in range(50)]
    picked = mutation.sample(mutants, size, seed)
    assert picked == mutation.sample(mutants, size, seed)
    assert len(picked) == min(size, 50)
    assert [m.line for m in picked] == sorted(m.line for m in picked)


def test_the_fingerprint_names_the_change_not_the_line_number() -> None:
    moved = _outcome("survived", line=99)
    assert _outcome("survived").fingerprint == moved.fingerprint
    assert "Book.close ReplaceBinaryOperator_Add_Sub: a = b + c => a = b - c" in moved.fingerprint
    assert _outcome("survived", after="a = b * c").fingerprint != moved.fingerprint


# ----------------------------------------------------------------------------- the score


def test_equivalent_survivors_leave_the_score_and_timeouts_count_as_caught() -> None:
    equivalent = _outcome("survived", after="a = b - c")
    unchecked = _outcome("not reached", after="a = b * c")
    unknown = _outcome("survived", after="a = b / c")
    known = {
        equivalent.fingerprint: mutation.Explained("equivalent", "same result"),
        unchecked.fingerprint: mutation.Explained("unchecked", "not judged"),
    }
    warned = _outcome("warned", after="a = b % c")
    outcomes = [*(_outcome("killed") for _ in range(6)), _outcome("timed out"), warned]
    tally = mutation.Tally([*outcomes, equivalent, unchecked, unknown], known)
    assert tally.equivalent == 1
    assert tally.score() == pytest.approx(7 / 10)
    assert tally.score(warnings=True) == pytest.approx(8 / 10)
    assert tally.unexplained == [unknown], "a warned mutant needs no reason: it was reported"
    text = mutation.report(tally, 60.0, 2)
    counts = "killed: 6  timed out: 1  warned: 1  survived: 2  not reached: 1  (equivalent: 1)"
    assert counts in text
    assert (
        "score: 70.0% of non-equivalent mutants caught (failed the suite); 80.0% counting" in text
    )
    assert "NOT IN docs/mutation-survivors.yaml" in text
    assert "equivalent: same result" in text


# ----------------------------------------------------------------------------- a real run


def test_a_real_run_kills_a_mutant_and_reports_an_unexplained_survivor(tmp_path: Path) -> None:
    """Two mutants through the real suite: cash reported as zero for every account is killed;
    the mock's own query-field bound moved by one is not, and without a reason in the survivors
    file the run exits 1 and prints its diff."""
    empty = _write(tmp_path, "survivors: []\n")
    out = tmp_path / "out"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/mutation.py"),
            "--jobs=2",
            "--only=MAX_QUERY_FIELDS = 50",
            "--only=Book.account_json NumberReplacer: long_value = short_value",
            f"--survivors={empty}",
            f"--out={out}",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    result = json.loads((out / "mutation.json").read_text(encoding="utf-8"))
    statuses = {m["mutant"]: m["status"] for m in result["mutants"]}
    assert len(statuses) == 4, statuses
    assert {s for m, s in statuses.items() if "Decimal(0)" in m} == {"killed"}
    assert {s for m, s in statuses.items() if "MAX_QUERY_FIELDS" in m} == {"survived"}
    assert "NOT IN docs/mutation-survivors.yaml" in run.stdout
    assert "-MAX_QUERY_FIELDS = 50" in run.stdout
    assert not list(tmp_path.glob(".hypothesis")), "nothing written where it was run"
