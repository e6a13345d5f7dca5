"""Validate any response against the spec: the schema of its operation and status, and headers."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import httpx
import yaml
from alpaca_trading.spec import spec_path
from openapi_schema_validator import OAS30Validator

ROUTES = [
    (re.compile(r"^/v2/account$"), "/v2/account"),
    (re.compile(r"^/v2/assets$"), "/v2/assets"),
    (re.compile(r"^/v2/assets/[^/]+$"), "/v2/assets/{symbol_or_asset_id}"),
    (re.compile(r"^/v2/positions$"), "/v2/positions"),
    (re.compile(r"^/v2/positions/[^/]+$"), "/v2/positions/{symbol_or_asset_id}"),
    (re.compile(r"^/v2/options/contracts$"), "/v2/options/contracts"),
    (re.compile(r"^/v2/options/contracts/[^/]+$"), "/v2/options/contracts/{symbol_or_id}"),
    (
        re.compile(r"^/v2/positions/[^/]+/exercise$"),
        "/v2/positions/{symbol_or_contract_id}/exercise",
    ),
    (
        re.compile(r"^/v2/positions/[^/]+/do-not-exercise$"),
        "/v2/positions/{symbol_or_contract_id}/do-not-exercise",
    ),
]


@cache
def spec() -> dict[str, Any]:
    return dict(yaml.safe_load(spec_path().read_text(encoding="utf-8")))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def check_response(response: httpx.Response) -> None:
    """Assert that a response of a spec'd route is one the spec allows."""
    path = response.request.url.raw_path.decode().split("?")[0]
    template = next((t for pattern, t in ROUTES if pattern.match(path)), None)
    if template is None:
        return  # not a spec'd route (plain-text 404, admin API)
    operation = spec()["paths"][template].get(response.request.method.lower())
    if operation is None:
        assert response.status_code == 405
        return
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{response.status_code} is not declared for {template}"
    declared = _resolve(declared)
    for name in declared.get("headers", {}):
        assert name in response.headers, f"missing header {name}"
    if "content" not in declared:  # a status without a body (exercise's 200)
        assert response.content == b"", f"{template}: a body where the spec declares none"
        return
    assert response.headers["content-type"].startswith("application/json")
    schema = dict(declared["content"]["application/json"]["schema"])
    schema["components"] = spec()["components"]
    OAS30Validator(schema).validate(json.loads(response.content))
