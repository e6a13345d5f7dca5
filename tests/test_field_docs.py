"""What an editor shows on hover over a model field: the field's own description from the spec.

Editors (Pylance, basedpyright, jedi) show the string literal that follows an attribute as its
docstring; the generator writes one per field (docstrings_on_attributes) from the property's
description. A field that borrowed a shared schema's sentence ("A decimal carried as a JSON
string") or a maintainers' note would tell the user nothing.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any

import alpaca_trading_api.models as models
import pytest
import yaml

SPEC = Path(__file__).resolve().parents[1] / "openapi" / "alpaca-trading-v2.yaml"
SCHEMAS: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
# What shared schemas say about themselves: a field's doc must say more than its type's.
GENERIC = {" ".join(str(s["description"]).split()) for s in SCHEMAS.values() if "description" in s}
MAINTAINERS = ("seed (", "seed:", "in reality", "ref §")


def _model_classes() -> list[type]:
    return [
        cls
        for name in models.__all__
        if inspect.isclass(cls := getattr(models, name)) and hasattr(cls, "from_dict")
    ]


def _field_docs(cls: type) -> dict[str, str | None]:
    """Each annotated field of the class and the docstring that follows it (None if none)."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str | None] = {}
    for index, node in enumerate(body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            after = body[index + 1] if index + 1 < len(body) else None
            text = (
                after.value.value
                if isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
                else None
            )
            docs[node.target.id] = " ".join(text.split()) if text is not None else None
    return docs


CLASSES = _model_classes()


def _schema_for(cls: type) -> dict[str, Any] | None:
    schema: dict[str, Any] | None = SCHEMAS.get(cls.__name__)
    return schema if schema is not None and "properties" in schema else None


@pytest.mark.parametrize("cls", [c for c in CLASSES if _schema_for(c)], ids=lambda c: c.__name__)
def test_every_field_has_its_own_description_as_its_docstring(cls: type) -> None:
    schema = _schema_for(cls)
    assert schema is not None
    docs = _field_docs(cls)
    properties = schema["properties"]
    for field, doc in docs.items():
        if field == "additional_properties":
            continue
        assert doc, f"{cls.__name__}.{field} has no docstring"
        said = doc
        assert said not in GENERIC, f"{cls.__name__}.{field} says only what its type says: {said}"
        assert not any(note in said for note in MAINTAINERS), f"{cls.__name__}.{field}: {said}"
        # The generator appends "_" to a name that is a Python keyword or builtin (class, type).
        wire = field[:-1] if field not in properties and field[:-1] in properties else field
        own = " ".join(str(properties[wire]["description"]).split())
        assert said == own, f"{cls.__name__}.{field} does not show its own description"
    fields = set(docs) - {"additional_properties"}
    documented = {f[:-1] if f not in properties else f for f in fields}
    assert documented == set(properties)


def test_the_fields_a_user_reads_most_say_their_unit() -> None:
    """The issue's sample: money says dollars, ratios say fractions, quantities say units."""
    position = _field_docs(models.Position)
    account = _field_docs(models.Account)
    assert "US dollars" in str(account["equity"])
    assert "US dollars" in str(position["market_value"])
    assert "0.05 is 5 %" in str(position["unrealized_plpc"])
    assert "0.05 is 5 %" in str(position["change_today"])
    assert "negative for a short" in str(position["qty"])
    assert "Null when the asset has no price" in str(position["current_price"])


def test_decimal_accessors_carry_the_fields_meaning() -> None:
    doc = inspect.getdoc(models.Account.equity_decimal)
    assert doc is not None
    assert "exact decimal.Decimal" in doc
    assert "Cash plus the market value of every position" in " ".join(doc.split())


def test_class_docstrings_keep_no_maintainers_notes() -> None:
    for cls in CLASSES:
        doc = " ".join((cls.__doc__ or "").split())
        assert not any(note in doc for note in MAINTAINERS), f"{cls.__name__}: {doc}"
