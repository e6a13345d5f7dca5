"""Where the OpenAPI document is: inside an installed wheel, or openapi/ in a source tree."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_FILENAME = "alpaca-trading-v2.yaml"


def spec_path() -> Path:
    """The spec the mock and the suite are driven by; one file, never a copy that can drift."""
    packaged = Path(__file__).with_name("openapi.yaml")
    if packaged.is_file():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "openapi" / SPEC_FILENAME
    if source_tree.is_file():
        return source_tree
    raise FileNotFoundError(
        f"the OpenAPI spec is neither packaged ({packaged}) nor in a source tree ({source_tree})"
    )


@cache
def spec_document() -> dict[str, Any]:
    """The spec, loaded once per process. Shared: read it, never change it."""
    loaded: dict[str, Any] = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    return loaded


def resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """`node`, or what its `$ref` (a local reference, followed to the end) points at."""
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node
