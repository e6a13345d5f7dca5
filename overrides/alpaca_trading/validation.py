"""Success bodies checked against the spec before they are parsed.

The generated models do not check types: `"qty": 5` (a number for a decimal string) or a null
in a required string would pass silently and surface later as a wrong value. Checking the
body against the operation's response schema turns those into a ResponseDecodeError that
names the field. The schemas are the spec's (OpenAPI 3.0 `nullable` turned into JSON Schema),
compiled with jsonschema-rs (which checks 35,000 assets in milliseconds) the first time an
answer needs it. The proxy of the conformance suite checks every answer, errors included,
with the same compiled schemas (body_validator).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema_rs

from alpaca_trading.spec import resolve, spec_document


def json_schema_of(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: `nullable: true` becomes "or null"."""
    if isinstance(node, list):
        return [json_schema_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: json_schema_of(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True:
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def _components() -> Any:
    return json_schema_of(spec_document()["components"])


@cache
def _responses() -> dict[tuple[str, int], Any]:
    """(operationId, status) → the spec's response object, for every documented status."""
    spec = spec_document()
    responses: dict[tuple[str, int], Any] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                if status.isdigit():
                    responses[(operation["operationId"], int(status))] = resolve(spec, response)
    return responses


def spec_response(operation: str, status: int) -> Any:
    """The spec's response object (references followed) for this answer, or None when the
    spec documents no such status for the operation."""
    return _responses().get((operation, status))


_COMPILED: dict[tuple[str, int], Any] = {}  # every client's hot path: one dict lookup


def body_validator(operation: str, status: int) -> Any:
    """The compiled JSON Schema of the body the spec gives this answer (a jsonschema-rs
    validator), or None when the spec documents no JSON body for it."""
    key = (operation, status)
    try:
        return _COMPILED[key]
    except KeyError:
        pass
    response = spec_response(operation, status)
    if response is None:
        return None  # not documented: nothing to compile, nothing kept
    content = (response.get("content") or {}).get("application/json")
    validator = None
    if content is not None and "schema" in content:
        schema = dict(json_schema_of(content["schema"]))
        schema["components"] = _components()
        validator = jsonschema_rs.Draft7Validator(schema, validate_formats=False)
    return _COMPILED.setdefault(key, validator)


def problem_with(operation: str, status: int, data: Any) -> str | None:
    """Why `data` is not what the spec promises for this answer, or None when it is."""
    if not 200 <= status < 300:
        return None  # the check of success bodies, before the model is built
    validator = body_validator(operation, status)
    if validator is None or validator.is_valid(data):
        return None
    error = next(iter(validator.iter_errors(data)))
    where = "/".join(str(part) for part in error.instance_path) or "(the body)"
    return f"at {where}: {error.message[:200]}"
