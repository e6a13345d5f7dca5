"""Query-parameter validation compiled from our OpenAPI spec, so the mock cannot drift from it.

At start-up every operation's query parameters are read from the spec and their schemas
compiled into jsonschema validators (openapi-core validates whole requests too, but costs a
few hundred microseconds per request; the mock's hot path cannot afford that, and only query
parameters vary here). A change to a parameter's schema in the spec changes what the mock
accepts, with no code change. Every error names the parameter and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import yaml
from alpaca_trading.spec import resolve
from jsonschema import Draft4Validator

# Alpaca's server is Go: booleans are read as strconv.ParseBool reads them, nothing else.
MAX_QUERY_FIELDS = 50
_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


class ParameterError(ValueError):
    """A query parameter that breaks the spec; the message names it and the rule, and `rule`
    is the id of the spec's x-request-rules entry it breaks."""

    def __init__(self, message: str, rule: str = "REQUEST-SCHEMA") -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class QueryParameter:
    name: str
    kind: str  # the schema's type: string, boolean, integer, number or array
    validator: Draft4Validator
    # A compiled check for the simple schemas query parameters use (fast_check); jsonschema's
    # own machinery costs ~8 us a value, a third of a close's time in the mock. Valid values
    # pass here; anything else goes to the validator, which also words the error.
    fast: Callable[[Any], bool] | None = None
    decimal: bool = False  # format: decimal (written plainly: request_rules' number forms)
    cased: bool = False  # an enum or a boolean (its letter case: request_rules)

    def parse(self, raw: str) -> Any:
        if self.kind == "boolean":
            if raw in _TRUE:
                return True
            if raw in _FALSE:
                return False
            raise ParameterError(
                f"{self.name} must be a boolean as Go reads one (true/false, True/False, "
                f"TRUE/FALSE, t/f, T/F, 1/0), got {raw!r}"
            )
        if self.kind == "array":
            value: Any = raw.split(",")
        elif self.kind == "integer":
            try:
                value = int(raw)
            except ValueError:
                raise ParameterError(f"{self.name} must be an integer, got {raw!r}") from None
        else:
            value = raw
        if self.fast is not None and self.fast(value):
            return value
        error = next(iter(self.validator.iter_errors(value)), None)
        if error is not None:
            raise ParameterError(
                f"invalid {self.name}: {_rule(error.validator, error.validator_value, value)}"
            )
        return value


_ANNOTATIONS = frozenset({"description", "format", "example", "title", "deprecated"})
_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "array": list,
    "boolean": bool,
    "integer": int,
}


def fast_check(schema: Any) -> Callable[[Any], bool] | None:
    """A plain function that says whether a value is valid under `schema`, for the keywords
    query parameters use (type string/array/boolean/integer, enum, pattern, minItems,
    maxItems, items, minLength, maxLength, minimum, maximum);
    None for a schema with any other keyword, which then goes to jsonschema alone. `format` is an
    annotation here, as it is for jsonschema without a format checker."""
    if not isinstance(schema, Mapping) or not set(schema) <= _ANNOTATIONS | {
        "type", "enum", "pattern", "minItems", "maxItems", "items", "minLength", "maxLength",
        "minimum", "maximum",
    }:  # fmt: skip
        return None
    kind = _TYPES.get(schema.get("type", ""))
    if kind is None:
        return None
    enum = frozenset(schema["enum"]) if "enum" in schema else None
    pattern = re.compile(schema["pattern"]).search if "pattern" in schema else None
    least, most = schema.get("minItems"), schema.get("maxItems")
    shortest, longest = schema.get("minLength"), schema.get("maxLength")
    low, high = schema.get("minimum"), schema.get("maximum")
    items = fast_check(schema["items"]) if "items" in schema else None
    if "items" in schema and items is None:
        return None

    def check(value: Any) -> bool:
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            return False
        if enum is not None and (not isinstance(value, str) or value not in enum):
            return False
        if pattern is not None and isinstance(value, str) and pattern(value) is None:
            return False
        if isinstance(value, str) and (
            (shortest is not None and len(value) < shortest)
            or (longest is not None and len(value) > longest)
        ):
            return False
        if isinstance(value, int) and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            return False
        if isinstance(value, list):
            if least is not None and len(value) < least:
                return False
            if most is not None and len(value) > most:
                return False
            if items is not None and not all(items(v) for v in value):
                return False
        return True

    return check


def _rule(keyword: Any, expected: Any, value: Any) -> str:
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    if keyword == "enum":
        return f"{shown} is not one of {', '.join(map(str, expected))}"
    if keyword == "pattern":
        return f"{shown} does not match {expected}"
    if keyword == "minItems":
        return f"at least {expected} value(s) needed"
    return f"{shown} fails {keyword} {expected!r}"


def python_pattern(pattern: str) -> str:
    """An OpenAPI (ECMA-262) pattern for Python's re.search, which jsonschema uses.

    In ECMA-262 `$` matches only at the end of the input; in Python it also matches before a
    final newline, so `^[0-9]+$` would let "1\\n" through. An unescaped `$` becomes `\\Z`."""
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


def _inline(spec: Mapping[str, Any], schema: Any) -> Any:
    """The schema with every $ref replaced by its target (parameter schemas are not recursive)
    and every pattern made to mean in Python what it means in the spec."""
    schema = resolve(spec, schema)
    if isinstance(schema, Mapping):
        return {
            k: python_pattern(v) if k == "pattern" and isinstance(v, str) else _inline(spec, v)
            for k, v in schema.items()
            if not k.startswith("x-")
        }
    if isinstance(schema, list):
        return [_inline(spec, item) for item in schema]
    return schema


def load_query_parameters(spec_file: Path) -> dict[str, dict[str, QueryParameter]]:
    """operationId → {parameter name → QueryParameter}, for every operation in the spec."""
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    operations: dict[str, dict[str, QueryParameter]] = {}
    for item in spec["paths"].values():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            params: dict[str, QueryParameter] = {}
            for raw in [*shared, *operation.get("parameters", [])]:
                parameter = resolve(spec, raw)
                if parameter["in"] != "query":
                    continue
                schema = _inline(spec, parameter["schema"])
                kind = str(schema.get("type", "string"))
                items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
                params[parameter["name"]] = QueryParameter(
                    name=parameter["name"],
                    kind=kind,
                    validator=Draft4Validator(schema),
                    fast=fast_check(schema),
                    decimal=schema.get("format") == "decimal",
                    cased=kind == "boolean" or "enum" in schema or "enum" in items,
                )
            operations[operation["operationId"]] = params
    return operations


def refusal_statuses(spec_file: Path) -> dict[str, int]:
    """operationId → the status a parameter that breaks the spec gets: 422 where the spec
    documents it (the older operations), else 400 (the fixed-income ones document only 400)."""
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    statuses: dict[str, int] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            documented = operation.get("responses", {})
            status = 422 if "422" in documented or "400" not in documented else 400
            statuses[operation["operationId"]] = status
    return statuses


def parse_query(
    declared: Mapping[str, QueryParameter], pairs: list[tuple[str, str]]
) -> dict[str, Any]:
    """Validate and convert the declared parameters; others are ignored, as Alpaca does."""
    values: dict[str, Any] = {}
    for name, raw in pairs:
        parameter = declared.get(name)
        if parameter is None:
            continue
        if name in values:
            raise ParameterError(f"{name} must be given at most once", "REQUEST-REPEATED")
        values[name] = parameter.parse(raw)
    return values


def query_pairs(raw: str) -> list[tuple[str, str]]:
    """A raw query string (as sent, latin-1 text) as (name, value) pairs, percent-decoded as
    UTF-8; a ParameterError for bad UTF-8 or more than MAX_QUERY_FIELDS fields."""
    if not raw:
        return []
    try:
        return parse_qsl(
            raw,
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_QUERY_FIELDS,
        )
    except UnicodeDecodeError:
        raise ParameterError("the query string is not valid UTF-8 after percent-decoding") from None
    except ValueError:
        raise ParameterError(f"the query string has more than {MAX_QUERY_FIELDS} fields") from None


def path_key(raw_key: str) -> str:
    """symbol_or_asset_id from its undecoded path segment; a ParameterError for bad UTF-8."""
    try:
        return unquote(raw_key, errors="strict")
    except UnicodeDecodeError:
        raise ParameterError(
            "symbol_or_asset_id is not valid UTF-8 after percent-decoding"
        ) from None
