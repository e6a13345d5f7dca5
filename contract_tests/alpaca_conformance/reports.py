"""The files a run leaves for people and for CI: report.md, junit.xml, results.json, and the
job summary of GitHub Actions.

JUnit is written from the recorded outcomes, not by pytest: one testcase per operation x check,
named `<operationId>.<check>`, class `alpaca_conformance.<operationId>` (stable: no paths), so a
CI dashboard shows which check of which operation failed, and counts skipped checks.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from alpaca_conformance.catalogue import catalogue
from alpaca_conformance.escaping import md_inline, printable
from alpaca_conformance.results import FAILED, SKIPPED, WARNED, Results


def junit(results: Results, elapsed: float, interrupted: bool = False) -> str:
    """JUnit XML: a testcase per operation x check, failures with message and reproduction."""
    outcomes = sorted(results.outcomes.values(), key=lambda o: (o.operation, o.check))
    failures = sum(o.status == FAILED for o in outcomes)
    skipped = sum(o.status == SKIPPED for o in outcomes)
    suites = ET.Element("testsuites")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="alpaca-conformance",
        tests=str(len(outcomes)),
        failures=str(failures),
        errors="1" if interrupted else "0",
        skipped=str(skipped),
        time=f"{elapsed:.3f}",
    )
    for o in outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=printable(f"alpaca_conformance.{o.operation}"),
            name=printable(f"{o.operation}.{o.check}"),
            time="0",
        )
        promise = catalogue().promise_of(o.check)
        breaks = f"breaks {promise.id}: " if promise is not None else ""
        if o.status == FAILED and o.failure is not None:
            first_line = breaks + (o.failure.message.splitlines() or [""])[0]
            failure = ET.SubElement(case, "failure", message=printable(first_line)[:500])
            text = f"{o.failure.message}\n\nReproduce:\n{o.failure.reproduction}"
            failure.text = printable(text)
        elif o.status == WARNED and o.failure is not None:
            out = ET.SubElement(case, "system-out")
            out.text = printable(f"warning, {breaks}{o.failure.message}")
        elif o.status == SKIPPED:
            ET.SubElement(case, "skipped", message=printable(o.reason or "skipped"))
    if interrupted:
        case = ET.SubElement(
            suite, "testcase", classname="alpaca_conformance.run", name="run.completed"
        )
        ET.SubElement(case, "error", message="interrupted (Ctrl-C): the run is incomplete")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def write_all(
    results: Results,
    report_dir: Path,
    title: str,
    elapsed: float,
    interrupted: bool = False,
    banner: str = "",
    budget: list[str] | None = None,
) -> str:
    """Write report.md, junit.xml and results.json; append the Markdown to the GitHub job
    summary when GITHUB_STEP_SUMMARY is set. Returns the Markdown."""
    report_dir.mkdir(parents=True, exist_ok=True)
    markdown = results.markdown(title)
    if banner:
        heading, _, rest = markdown.partition("\n")
        markdown = f"{heading}\n\n**{md_inline(banner)}**\n{rest}"
    if budget:
        markdown += "\n## Budget\n\n" + "\n".join(f"- {md_inline(line.strip())}" for line in budget)
        markdown += "\n"
    (report_dir / "report.md").write_text(markdown, encoding="utf-8")
    (report_dir / "junit.xml").write_text(junit(results, elapsed, interrupted), encoding="utf-8")
    results.save(report_dir / "results.json")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown + "\n")
        except OSError:
            pass  # a summary that cannot be written does not change the verdict
    return markdown


def as_json(
    results: Results,
    verdict: str,
    exit_code: int,
    elapsed: float,
    budget: dict[str, Any] | None = None,
) -> str:
    """The run for machines: verdict, exit code, counts, every outcome, and the budget
    (what it was, what was spent, what was left out) when there was one."""
    outcomes = [asdict(o) for o in results.outcomes.values()]
    counts = {
        status: sum(o["status"] == status for o in outcomes)
        for status in ("passed", "failed", "skipped", "warned")
    }
    document = {
        "verdict": verdict,
        "exit_code": exit_code,
        "elapsed_seconds": round(elapsed, 3),
        "counts": counts,
        "outcomes": outcomes,
        "budget": budget,
    }
    return json.dumps(document, indent=1)


def print_summary(results: Results, title: str, banner: str, out: TextIO) -> None:
    """The run for a person at a terminal: title, the operation x check table, the banner."""
    print(printable(f"\n{title}\n"), file=out)
    print(printable(results.table()), file=out)
    if banner:
        print(printable(f"\n{banner}"), file=out)
