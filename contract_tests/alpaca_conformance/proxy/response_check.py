"""A response against the spec: its status, its headers, its body; then the invariants.

Read once from the spec (every operation, every documented status): the headers each answer
must carry with their schemas, and the body's JSON Schema, compiled by the client's own
alpaca_trading.validation (the same schemas the client checks success bodies with). The
business invariants are those the suite holds every response to (invariants.py). Each check
says what it found, naming the operation and the field, or None when the answer keeps it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from alpaca_trading.bodies import parse_json
from alpaca_trading.spec import resolve, spec_document
from alpaca_trading.validation import body_validator

from alpaca_conformance.catalogue import catalogue
from alpaca_conformance.invariants import Seen, judge

STATUS_CHECK = "response: status documented"
HEADERS_CHECK = "response: headers"
BODY_CHECK = "response: body matches the schema"
_SHOWN = 120


@dataclass(frozen=True)
class _Header:
    name: str  # lower case: header names are compared case-insensitively
    required: bool
    integer: bool
    minimum: int | None


@dataclass(frozen=True)
class _Answer:
    headers: tuple[_Header, ...]
    validator: Any | None  # None: the spec gives no JSON body for this answer


def _answer(spec: Mapping[str, Any], operation: str, status: int, response: Any) -> _Answer:
    response = resolve(spec, response)
    headers = []
    for name, raw in (response.get("headers") or {}).items():
        header = resolve(spec, raw)
        schema = resolve(spec, header.get("schema", {}))
        headers.append(
            _Header(
                name=name.lower(),
                required=bool(header.get("required")),
                integer=schema.get("type") == "integer",
                minimum=schema.get("minimum"),
            )
        )
    return _Answer(tuple(headers), body_validator(operation, status))


@cache
def _answers() -> dict[str, dict[int, _Answer]]:
    """operationId → status → what the spec says of that answer."""
    spec = spec_document()
    table: dict[str, dict[int, _Answer]] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            name = operation["operationId"]
            table[name] = {
                int(status): _answer(spec, name, int(status), response)
                for status, response in operation["responses"].items()
                if status.isdigit()
            }
    return table


def warm_up() -> None:
    """Read the spec and the catalogue now, not when the first answer is judged."""
    _answers()
    catalogue()


def _shown(value: str) -> str:
    return repr(value) if len(value) <= _SHOWN else repr(value[:_SHOWN]) + "..."


def _header_problems(answer: _Answer, headers: Mapping[str, str]) -> list[str]:
    problems = []
    for header in answer.headers:
        value = headers.get(header.name)
        if value is None:
            if header.required:
                problems.append(f"header {header.name} is missing")
            continue
        if header.integer:
            text = value.strip()
            if not (text.isascii() and text.lstrip("-").isdigit() and len(text) <= 20):
                problems.append(f"header {header.name} must be an integer, got {_shown(value)}")
            elif header.minimum is not None and int(text) < header.minimum:
                problems.append(f"header {header.name} must be at least {header.minimum}")
    return problems


def _body_problem(validator: Any, headers: Mapping[str, str], content: bytes) -> str | None:
    media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        return f"content type {_shown(media or '(none)')} where the spec says application/json"
    try:
        data = parse_json(content)
    except ValueError as exc:
        return f"the body is not JSON ({str(exc)[:_SHOWN]})"
    if validator.is_valid(data):
        return None
    errors = list(validator.iter_errors(data))
    first = errors[0]
    where = "/" + "/".join(str(part) for part in first.instance_path)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"body at {where}: {first.message[:200]}{more}"


def check_response(
    operation: str,
    status: int,
    headers: Mapping[str, str],
    content: bytes | None,
    query: Mapping[str, str],
    key: str = "",
    *,
    received_at: float | None = None,
) -> Iterator[tuple[str, str | None]]:
    """(check, problem or None) for each check that applies to this answer. `headers` have
    lower-case names; `content` is the decoded body, or None when it could not be decoded
    (then the body check reports why, and the invariants are not judged); `key` is the
    path's symbol or id as the request wrote it (undecoded); `received_at` is when the answer
    arrived (epoch seconds; None: now). A promise nobody has seen Alpaca
    keep is judged too: the caller makes its departures warnings (catalogue: warns_only)."""
    documented = _answers()[operation]
    answer = documented.get(status)
    if answer is None:
        listed = ", ".join(str(s) for s in sorted(documented))
        yield STATUS_CHECK, f"status {status} is not documented (the spec lists {listed})"
        return
    yield STATUS_CHECK, None
    problems = _header_problems(answer, headers)
    yield HEADERS_CHECK, "; ".join(problems) if problems else None
    if content is None:
        yield BODY_CHECK, "the body could not be decoded (see the exchange)"
        return
    if answer.validator is not None:
        yield BODY_CHECK, _body_problem(answer.validator, headers, content)
    seen = Seen(status, headers, content, query, {"key": key} if key else None)
    for name, _, violation in judge(operation, seen, seen, received_at=received_at):
        yield name, violation
