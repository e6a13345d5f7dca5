"""The behaviour model (behaviour.yaml) read, checked and rendered: the one source of the suite's
and the proxy's checks, their names in every report and how sure each promise is.

A check's name in the reports is the name the catalogue gives it ("POSITION-SIGNS: shorts
negative, longs positive"), so a failure names the promise it breaks; a promise whose source
is `unverified` turns a departure into a warning (the suite is never stricter than the API).

`python -m alpaca_conformance.catalogue` prints the readable page (docs/behaviour-model.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml
from alpaca_mock.request_rules import RequestRule, request_rules

KNOWN = ("documented", "observed", "unverified")
KINDS = ("spec", "request", "body", "calls", "change", "headers")
RULES = frozenset(
    [
        "uuid",
        "timestamp",
        "date",
        "decimal",
        "decimal>=0",
        "decimal<=0",
        "decimal>0",
        "number",
        "number>=0",
        "count",
        "level",
        "code",
        "http-status",
        "text",
        "boolean",
        "symbol",
        "cusip",
        "isin",
        "list",
        "object",
        "any",
    ]
)


@dataclass(frozen=True)
class Unit:
    name: str
    rule: str
    says: str


@dataclass(frozen=True)
class Field:
    schema: str
    name: str
    unit: Unit
    meaning: str


@dataclass(frozen=True)
class Promise:
    id: str
    about: tuple[str, ...]  # operationIds, or ("all",)
    kind: str
    says: str
    source: str
    known: str
    checks: tuple[str, ...]  # run by the suite (a default run runs every one)
    proxy_checks: tuple[str, ...] = ()  # run by the proxy alone, on the traffic it sees

    @property
    def warns_only(self) -> bool:
        """Nobody knows the real API does this: a departure is a warning, not a failure."""
        return self.known == "unverified"


class CatalogueError(ValueError):
    """behaviour.yaml breaks its own rules; the message names the entry and the rule."""


@dataclass(frozen=True)
class Catalogue:
    units: dict[str, Unit]
    fields: dict[str, dict[str, Field]]
    promises: dict[str, Promise]
    by_check: dict[str, Promise]  # each check's promise (its own, else the first listing it)
    own_checks: dict[str, str]  # promise id → the suite's own check, named "<id>: ..."

    def check_name(self, promise_id: str) -> str:
        """The name of the suite's own check of a promise (KeyError when it has none)."""
        return self.own_checks[promise_id]

    def promise_of(self, check: str) -> Promise | None:
        """The promise a check judges (the one it is named for, else the first listing it)."""
        return self.by_check.get(check)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: '{key}' must be a non-empty string")
    return value


def parse(document: Any, request_rules: Iterable[RequestRule] = ()) -> Catalogue:
    """The catalogue from behaviour.yaml's document and the spec's request rules (each a
    promise of kind request, judged by the proxy), or CatalogueError naming what is wrong."""
    if not isinstance(document, dict):
        raise CatalogueError("behaviour.yaml: the document must be a mapping")
    units: dict[str, Unit] = {}
    for name, entry in (document.get("units") or {}).items():
        rule = _text(entry, "rule", f"units.{name}")
        if rule not in RULES:
            raise CatalogueError(f"units.{name}: rule {rule!r} is none of {sorted(RULES)}")
        units[name] = Unit(name, rule, _text(entry, "says", f"units.{name}"))
    fields: dict[str, dict[str, Field]] = {}
    for schema, entries in (document.get("fields") or {}).items():
        fields[schema] = {}
        for name, line in (entries or {}).items():
            unit, sep, meaning = str(line).partition("|")
            if not sep or not meaning.strip():
                raise CatalogueError(f"fields.{schema}.{name}: write '<unit> | <meaning>'")
            if unit.strip() not in units:
                raise CatalogueError(
                    f"fields.{schema}.{name}: unit {unit.strip()!r} is not in units"
                )
            fields[schema][name] = Field(schema, name, units[unit.strip()], meaning.strip())
    promises: dict[str, Promise] = {}
    for pid, entry in (document.get("promises") or {}).items():
        where = f"promises.{pid}"
        if not isinstance(entry, dict):
            raise CatalogueError(f"{where}: must be a mapping")
        about = entry.get("about")
        about_list = ("all",) if about == "all" else tuple(about or ())
        known, kind = _text(entry, "known", where), _text(entry, "kind", where)
        if known not in KNOWN:
            raise CatalogueError(f"{where}: known {known!r} is none of {KNOWN}")
        if kind not in KINDS:
            raise CatalogueError(f"{where}: kind {kind!r} is none of {KINDS}")
        checks = tuple(str(c) for c in entry.get("checks") or ())
        proxy_checks = tuple(str(c) for c in entry.get("proxy_checks") or ())
        if not about_list or not checks:
            raise CatalogueError(f"{where}: needs 'about' and at least one check")
        promises[pid] = Promise(
            pid, about_list, kind, _text(entry, "says", where), _text(entry, "source", where),
            known, checks, proxy_checks,
        )  # fmt: skip
    for request_rule in request_rules:
        rid = request_rule.id
        if rid in promises:
            raise CatalogueError(f"promises.{rid}: the id of a request rule of the spec")
        source = f"the spec's x-request-rules: {request_rule.evidence}"
        promises[rid] = Promise(
            rid, ("all",), "request", request_rule.says, source, request_rule.known, (),
            (request_rule.check,),
        )  # fmt: skip
    by_check: dict[str, Promise] = {}
    own_checks: dict[str, str] = {}
    for promise in promises.values():
        for check in promise.checks + promise.proxy_checks:
            by_check.setdefault(check, promise)
            if check.startswith(f"{promise.id}:"):
                own_checks.setdefault(promise.id, check)
    for promise_id, check in own_checks.items():
        by_check[check] = promises[promise_id]  # a check named for its promise judges it
    return Catalogue(units, fields, promises, by_check, own_checks)


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    text = files("alpaca_conformance").joinpath("behaviour.yaml").read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"behaviour.yaml is not valid YAML: {exc}") from None
    return parse(document, request_rules().values())


def markdown(model: Catalogue) -> str:
    """The readable page: promises by kind, then every field with its unit and meaning."""
    lines = [
        "# The behaviour model",
        "",
        "Generated from `contract_tests/alpaca_conformance/behaviour.yaml` by",
        "`python -m alpaca_conformance.catalogue`; do not edit by hand. A promise marked",
        "*unverified* is our reading of the API: the suite warns on a departure, never fails.",
        "",
        "## Promises",
        "",
        "| id | kind | about | promise | known | source | checked by |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in sorted(model.promises.values(), key=lambda p: (KINDS.index(p.kind), p.id)):
        checks = "; ".join([*p.checks, *(f"{c} (proxy)" for c in p.proxy_checks)])
        cells = (p.id, p.kind, ", ".join(p.about), p.says, p.known, p.source, checks)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "## Units", "", "| unit | rule | meaning |", "|---|---|---|"]
    lines += [f"| {u.name} | {u.rule} | {u.says} |" for u in model.units.values()]
    for schema, entries in model.fields.items():
        lines += ["", f"## {schema}", "", "| field | unit | meaning |", "|---|---|---|"]
        lines += [f"| {f.name} | {f.unit.name} | {f.meaning} |" for f in entries.values()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown(catalogue()))
