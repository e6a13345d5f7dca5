"""Outcomes per operation and check, and the reports made from them.

The suite records here what each check did for each operation; the command turns it into the
summary table, the Markdown report (with a curl reproduction per failure, secrets redacted) and
a JSON file the command reads back after pytest has run.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, quote_plus

from alpaca_conformance.catalogue import Promise, catalogue
from alpaca_conformance.escaping import md_fenced, md_inline

PASSED, FAILED, SKIPPED, WARNED = "passed", "failed", "skipped", "warned"
_SECRET_HEADERS = re.compile(
    r"(-H '(?:APCA-API-SECRET-KEY|APCA-API-KEY-ID|Authorization)\s*:\s*)[^']*'", re.IGNORECASE
)


@lru_cache(maxsize=4096)  # the same credentials come with every request of a session
def secret_forms(secret: str) -> frozenset[str]:
    """Every form a secret takes in text: raw, repr-escaped, JSON-escaped, URL-encoded."""
    forms = {
        secret,
        repr(secret)[1:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote_plus(secret),
    }
    return frozenset(form for form in forms if form)


_FRAGMENT = 12  # a run this long of a secret's characters is masked wherever it stands
_FRAGMENT_SCAN_LIMIT = 1024 * 1024  # texts longer than this get the whole-value pass only


def redact(text: str, secrets: list[str]) -> str:
    """Mask credential headers in a curl line, and any secret value anywhere, in any form.

    Whole values first; then any run of 12 or more characters of a secret (in any of its
    forms), so a secret that something cut short before it reached us (a check's message, a
    body shown in part) is masked too, not only a whole one."""
    text = _SECRET_HEADERS.sub(r"\1[redacted]'", text)
    forms: set[str] = set()
    for secret in secrets:
        forms |= secret_forms(secret) if secret else set()
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, "[redacted]")
    if len(text) <= _FRAGMENT_SCAN_LIMIT:
        for form in forms:
            text = _mask_fragments(text, form)
    return text


def _mask_fragments(text: str, form: str) -> str:
    """`text` with every run of at least _FRAGMENT characters of `form` masked (each run grown
    to its longest, so no tail of the secret is left beside the mask)."""
    if len(form) < _FRAGMENT:
        return text
    spans: list[tuple[int, int]] = []
    for start in range(len(form) - _FRAGMENT + 1):
        window = form[start : start + _FRAGMENT]
        at = text.find(window)
        while at != -1:
            end = at + _FRAGMENT
            while (
                end < len(text)
                and start + (end - at) < len(form)
                and (text[end] == form[start + (end - at)])
            ):
                end += 1
            spans.append((at, end))
            at = text.find(window, at + 1)
    if not spans:
        return text
    spans.sort()
    merged: list[list[int]] = []
    for begin, end in spans:
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    pieces, last = [], 0
    for begin, end in merged:
        pieces += [text[last:begin], "[redacted]"]
        last = end
    return "".join([*pieces, text[last:]])


def _promise_lines(outcome: Outcome) -> list[str]:
    """The promise a failed or warned check judges, with its source (behaviour.yaml)."""
    promise = catalogue().promise_of(outcome.check)
    if promise is None:
        return []
    verdict = "Warning: departs from" if outcome.status == WARNED else "Breaks"
    return [
        f"{verdict} **{md_inline(promise.id)}** ({promise.known}): {md_inline(promise.says)}.",
        f"Source: {md_inline(promise.source)}.",
        "",
    ]


@dataclass
class Failure:
    message: str
    reproduction: str


@dataclass
class Outcome:
    operation: str
    check: str
    status: str = PASSED
    runs: int = 0
    reason: str = ""
    failure: Failure | None = None


@dataclass
class Results:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    failures_recorded: int = 0  # every failed() call, repeats included (not saved)

    def _get(self, operation: str, check: str) -> Outcome:
        key = f"{operation}\t{check}"
        if key not in self.outcomes:
            self.outcomes[key] = Outcome(operation, check)
        return self.outcomes[key]

    def passed(self, operation: str, check: str, reason: str = "") -> None:
        outcome = self._get(operation, check)
        outcome.runs += 1
        outcome.reason = reason or outcome.reason

    def failed(self, operation: str, check: str, failure: Failure) -> None:
        outcome = self._get(operation, check)
        outcome.runs += 1
        outcome.status = FAILED
        self.failures_recorded += 1
        outcome.failure = failure  # the last one: after shrinking, the minimal example

    def warned(self, operation: str, check: str, failure: Failure) -> None:
        """A departure from a promise nobody has seen Alpaca keep: reported, never a failure."""
        outcome = self._get(operation, check)
        outcome.runs += 1
        if outcome.status != FAILED:
            outcome.status = WARNED
            outcome.failure = failure

    def verdict(
        self, operation: str, check: str, promise: Promise, failure: Failure | None
    ) -> bool:
        """A promise's check: passed (its promise as the note), a warning when the promise
        is unverified, else failed. True when a failure was recorded."""
        if failure is None:
            self.passed(operation, check, reason=promise.says)
            return False
        if promise.warns_only:
            self.warned(operation, check, failure)
            return False
        self.failed(operation, check, failure)
        return True

    def skipped(self, operation: str, check: str, reason: str) -> None:
        outcome = self._get(operation, check)
        if outcome.runs == 0:
            outcome.status, outcome.reason = SKIPPED, reason

    @property
    def any_failed(self) -> bool:
        return any(o.status == FAILED for o in self.outcomes.values())

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = [asdict(o) for o in self.outcomes.values()]  # failures_recorded is not saved
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Results:
        results = cls()
        if path.exists():
            for item in json.loads(path.read_text(encoding="utf-8")):
                raw_failure = item.pop("failure", None)
                failure = Failure(**raw_failure) if raw_failure else None
                outcome = Outcome(**item, failure=failure)
                results.outcomes[f"{outcome.operation}\t{outcome.check}"] = outcome
        return results

    def merge(self, other: Results) -> None:
        for key, theirs in other.outcomes.items():
            mine = self.outcomes.get(key)
            if (
                mine is None
                or theirs.status == FAILED
                or mine.status == SKIPPED
                or (theirs.status == WARNED and mine.status != FAILED)
            ):
                self.outcomes[key] = theirs
            else:
                mine.runs += theirs.runs

    # ------------------------------------------------------------ rendering

    def table(self) -> str:
        """Operations down, Schemathesis checks across; then the client conformance checks."""
        marks = {PASSED: "ok", FAILED: "FAIL", SKIPPED: "-", WARNED: "warn"}
        api = [o for o in self.outcomes.values() if not o.check.startswith("client: ")]
        client = [o for o in self.outcomes.values() if o.check.startswith("client: ")]
        operations = sorted({o.operation for o in self.outcomes.values()})
        checks = sorted({o.check for o in api})
        width = max([len(op) for op in operations] + [9])
        header = "  ".join(f"{i + 1:>4}" for i in range(len(checks)))
        lines = [f"{'operation':<{width}}  {header}"]
        for op in operations:
            cells = []
            for check in checks:
                outcome = self.outcomes.get(f"{op}\t{check}")
                cells.append(f"{marks[outcome.status] if outcome else '':>4}")
            lines.append(f"{op:<{width}}  " + "  ".join(cells))
        lines.append("")
        lines.extend(f"{i + 1:>4} = {check}" for i, check in enumerate(checks))
        if client:
            lines.append("\nclient conformance:")
            for o in sorted(client, key=lambda o: (o.operation, o.check)):
                lines.append(f"  {marks[o.status]:>4}  {o.operation}: {o.check[len('client: ') :]}")
        counts = {s: sum(o.status == s for o in self.outcomes.values()) for s in marks}
        warned = f", {counts[WARNED]} warned" if counts[WARNED] else ""
        lines.append(
            f"\n{counts[PASSED]} passed, {counts[FAILED]} failed, {counts[SKIPPED]} skipped"
            f"{warned} (operation x check)"
        )
        return "\n".join(lines)

    def markdown(self, title: str) -> str:
        """The report as Markdown; every text that came from a server is escaped (one line
        in a cell, no HTML, code fences nothing inside can close)."""
        lines = [
            f"# {md_inline(title)}",
            "",
            "| operation | check | result | runs | note |",
            "|---|---|---|---|---|",
        ]
        for o in sorted(self.outcomes.values(), key=lambda o: (o.operation, o.check)):
            note = o.reason or (o.failure.message.splitlines()[0] if o.failure else "")
            cells = (o.operation, o.check, o.status, str(o.runs), note)
            lines.append("| " + " | ".join(md_inline(cell) for cell in cells) + " |")
        failures = [o for o in self.outcomes.values() if o.failure]
        if failures:
            lines += ["", "## Failures and warnings", ""]
            for o in sorted(failures, key=lambda o: o.status != FAILED):
                assert o.failure is not None
                lines += [
                    f"### {md_inline(o.operation)}: {md_inline(o.check)}",
                    "",
                    *_promise_lines(o),
                    md_fenced(o.failure.message),
                    "",
                    "Reproduce:",
                    "",
                    md_fenced(o.failure.reproduction, "sh"),
                    "",
                ]
        return "\n".join(lines) + "\n"
