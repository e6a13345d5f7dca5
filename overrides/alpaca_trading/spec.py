"""Where the OpenAPI document is: inside an installed wheel, or openapi/ in a source tree."""

from __future__ import annotations

from pathlib import Path

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
