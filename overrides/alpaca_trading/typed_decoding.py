"""The fast way from a success body to the generated models, derived from the spec.

The reference way (responses.parse_success) decodes the JSON into dicts, checks them against
the spec's schema and builds the models with their from_dict, which parses every uuid and date
in Python. For a page of 10,000 option contracts that was 1.1x alpaca-py's time. Here msgspec
decodes the JSON straight into typed values (uuids, dates, booleans checked and made in C) in
structs made once from the spec's schemas, and a builder made once per model (compiled source,
as attrs and dataclasses make their __init__) turns them into the same generated models.

Never a second opinion: `decode` returns None, and the caller takes the reference way, whenever
this one is not sure to give the very value the reference gives. That is a field the spec does
not name (from_dict keeps it in additional_properties), anything msgspec refuses (the reference
then names the field and the rule), a pattern a value does not match, a byte order mark. A
schema written with a keyword this module does not know gets no fast way at all
(`_Unsupported`): number fields (read as exact decimals by the models), date-times (the models
keep their text), inline objects, validation keywords beyond type, format, pattern and nullable.

Patterns (the decimal strings) are checked in one pass per pattern over all values of a body,
by Python's re in ASCII mode with multi-line anchors: the values joined by newlines must
reduce to the newlines alone, which holds only if every value matches the pattern whole. A
value holding a newline is left to the reference way, whose regex engine reads anchors as
JSON Schema does.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any
from uuid import UUID

import attrs
import msgspec
from alpaca_trading_api import models
from alpaca_trading_api.types import UNSET

from alpaca_trading.spec import spec_document
from alpaca_trading.validation import spec_response

# Keys that say nothing about what a value may be.
_ANNOTATIONS = frozenset({"description", "example", "examples", "title", "deprecated"})
_LENGTHS = {"minLength": "min_length", "maxLength": "max_length"}
# format → the type msgspec decodes it to; the models hold the same (decimals stay strings).
_FORMATS: dict[Any, Any] = {None: str, "decimal": str, "uuid": UUID, "date": datetime.date}


class _Unsupported(Exception):
    """The schema uses something this module does not translate: no fast way for it."""


@dataclass(frozen=True)
class _Value:
    """How one JSON value is decoded (`annotation`, for msgspec), turned into what the model
    holds (`build`, an expression of the variable it is given) and checked (`checks`,
    statements)."""

    annotation: Any
    build: Callable[[str], str]
    checks: Callable[[str], list[str]]


def _same(variable: str) -> str:
    return variable


def _none(_: str) -> list[str]:
    return []


class _Compiler:
    """Structs and builders for one top-level schema and the models it reaches."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._schemas: Mapping[str, Any] = document["components"]["schemas"]
        self.namespace: dict[str, Any] = {"UNSET": UNSET, "_MU": msgspec.UNSET}
        self.patterns: list[str] = []
        self.source: list[str] = []
        self._models: dict[str, tuple[Any, str]] = {}

    def _name(self, prefix: str, value: Any) -> str:
        name = f"{prefix}{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def _pattern(self, pattern: str) -> int:
        if pattern not in self.patterns:
            re.compile(pattern, re.ASCII | re.MULTILINE)  # an error here: no fast way
            self.patterns.append(pattern)
        return self.patterns.index(pattern)

    def _unfold(self, node: Any) -> tuple[Any, bool]:
        """The schema behind single-item allOf and $ref wrappers, and whether any was nullable;
        a $ref to an object schema is kept as it is (a model)."""
        nullable = False
        while True:
            if not isinstance(node, Mapping):
                raise _Unsupported(f"schema {node!r}")
            nullable |= node.get("nullable") is True
            keys = {k for k in node if k not in _ANNOTATIONS and not str(k).startswith("x-")}
            keys.discard("nullable")
            if keys == {"$ref"}:
                target = self._schemas[self._ref_name(node["$ref"])]
                if target.get("type") == "object":
                    return {"$ref": node["$ref"]}, nullable
                node = target
            elif keys == {"allOf"} and len(node["allOf"]) == 1:
                node = node["allOf"][0]
            else:
                return {k: node[k] for k in keys}, nullable

    @staticmethod
    def _ref_name(ref: Any) -> str:
        prefix = "#/components/schemas/"
        if not isinstance(ref, str) or not ref.startswith(prefix):
            raise _Unsupported(f"$ref {ref!r}")
        return ref[len(prefix) :]

    def value(self, node: Any) -> _Value:
        """One property's schema, nullable or not."""
        base, nullable = self._unfold(node)
        inner = self._base(base)
        if not nullable:
            return inner
        build, checks = inner.build, inner.checks
        return _Value(
            inner.annotation | None,
            _same if build is _same else lambda v: f"(None if {v} is None else {build(v)})",
            checks if checks is _none else lambda v: [f"if {v} is not None:", *_indent(checks(v))],
        )

    def _base(self, node: dict[str, Any]) -> _Value:
        if set(node) == {"$ref"}:
            struct, builder = self.model(self._ref_name(node["$ref"]))
            return _Value(struct, lambda v: f"{builder}({v}, o)", _none)
        if set(node) == {"anyOf"}:
            return self._open_enum(node["anyOf"])
        kind = node.get("type")
        if kind == "boolean" and set(node) == {"type"}:
            return _Value(bool, _same, _none)
        if kind == "integer" and set(node) == {"type"}:
            return _Value(int, _same, _none)
        if kind == "array" and set(node) == {"type", "items"}:
            return self._array(node["items"])
        if kind == "string" and set(node) <= {"type", "format", "pattern", *_LENGTHS}:
            value = self._string(node.get("format"), node.get("pattern"))
            lengths = {_LENGTHS[key]: node[key] for key in _LENGTHS if key in node}
            if not lengths:
                return value
            if value.annotation is not str:
                raise _Unsupported(f"length limits on format {node.get('format')!r}")
            # msgspec counts characters (code points), as JSON Schema does
            annotation = Annotated[str, msgspec.Meta(**lengths)]
            return _Value(annotation, value.build, value.checks)
        raise _Unsupported(f"schema {node!r}")

    def _string(self, form: Any, pattern: Any) -> _Value:
        if form not in _FORMATS:
            raise _Unsupported(f"format {form!r}")
        annotation = _FORMATS[form]
        if pattern is None:
            return _Value(annotation, _same, _none)
        if annotation is not str or not isinstance(pattern, str):
            raise _Unsupported(f"pattern {pattern!r} on format {form!r}")
        index = self._pattern(pattern)
        return _Value(str, _same, lambda v: [f"o[{index}].append({v})"])

    def _array(self, items: Any) -> _Value:
        item = self.value(items)
        if item.checks is not _none:
            raise _Unsupported("checks inside array items")  # none in the spec today
        annotation = list.__class_getitem__(item.annotation)
        if item.build is _same:
            return _Value(annotation, _same, _none)
        return _Value(
            annotation,
            lambda v: f"[{item.build('x')} for x in {v}]",
            _none,
        )

    def _open_enum(self, options: Any) -> _Value:
        """anyOf [a string enum, any string]: a known value becomes the generated enum's member,
        another stays a str (the generated models read it so)."""
        if not isinstance(options, list) or len(options) != 2:
            raise _Unsupported("anyOf")
        known, other = options
        if other != {"type": "string"} or set(known) != {"$ref"}:
            raise _Unsupported("anyOf")
        name = self._ref_name(known["$ref"])
        schema = self._schemas[name]
        enum = getattr(models, name, None)
        if not (isinstance(enum, type) and issubclass(enum, Enum)):
            raise _Unsupported(f"no generated enum {name}")
        members = {member.value: member for member in enum}
        if schema.get("type") != "string" or set(schema.get("enum", ())) != set(members):
            raise _Unsupported(f"enum {name} differs from the generated one")
        table = self._name("_enum", members)
        return _Value(str, lambda v: f"{table}.get({v}, {v})", _none)

    def model(self, name: str) -> tuple[Any, str]:
        """The struct decoding one object schema and the name of the function that builds the
        generated model from it (`builder(struct, pattern_buckets)`)."""
        if name in self._models:
            if self._models[name][0] is None:
                raise _Unsupported(f"{name} reaches itself")
            return self._models[name]
        schema = self._schemas[name]
        cls = getattr(models, name, None)
        extra = set(schema) - {"type", "required", "properties"} - _ANNOTATIONS
        if cls is None or not attrs.has(cls) or schema.get("type") != "object" or extra:
            raise _Unsupported(f"object schema {name}")
        self._models[name] = (None, "")  # being made
        required = set(schema.get("required", ()))
        properties: dict[str, Any] = schema.get("properties", {})
        arguments = _arguments(cls, properties)
        fields: list[Any] = []
        lines: list[str] = []
        built: dict[str, str] = {}  # __init__ argument → its expression
        for index, (key, node) in enumerate(properties.items()):
            value = self.value(node)
            attribute = f"s.f{index}"
            if key in required:
                fields.append((f"f{index}", value.annotation))
                lines += value.checks(attribute)
                built[arguments[key]] = value.build(attribute)
                continue
            annotation = value.annotation | msgspec.UnsetType
            fields.append((f"f{index}", annotation, msgspec.UNSET))
            variable = f"v{index}"
            lines.append(f"{variable} = {attribute}")
            checks = value.checks(variable)
            if checks:
                lines += [f"if {variable} is not _MU:", *_indent(checks)]
            built[arguments[key]] = f"(UNSET if {variable} is _MU else {value.build(variable)})"
        struct = msgspec.defstruct(
            f"_{name}",
            fields,
            kw_only=True,
            forbid_unknown_fields=True,
            gc=False,  # holds decoded values and other such structs only: never in a cycle
            rename={f"f{i}": key for i, key in enumerate(properties)},
        )
        builder = f"_build_{name}"
        model = self._name("_model", cls)
        # positional, in the order of the model's __init__: a fifth faster than keywords
        positional = ", ".join(built[field.name] for field in attrs.fields(cls) if field.init)
        body = [*lines, f"return {model}({positional})"]
        self.source += [f"def {builder}(s, o):", *_indent(body), ""]
        self._models[name] = (struct, builder)
        return struct, builder


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" for line in lines]


def _arguments(cls: Any, properties: Mapping[str, Any]) -> dict[str, str]:
    """JSON property → the generated model's __init__ argument. The generator names an
    argument as the property, with `_` appended where that shadows a builtin (type_); any
    other renaming, or an argument no property feeds, means no fast way."""
    if any(field.kw_only for field in attrs.fields(cls)):
        raise _Unsupported(f"{cls.__name__} takes keyword-only arguments")
    init = {field.name for field in attrs.fields(cls) if field.init}
    arguments: dict[str, str] = {}
    for key in properties:
        matches = [name for name in (key, f"{key}_") if name in init]
        if len(matches) != 1:
            raise _Unsupported(f"{cls.__name__} has no single argument for {key!r}")
        arguments[key] = matches[0]
    if set(arguments.values()) != init:
        raise _Unsupported(f"{cls.__name__} takes arguments the spec does not name")
    return arguments


def _all_match(regex: re.Pattern[str], values: list[str]) -> bool:
    distinct = set(values)  # decimals repeat: a multiplier of 100, a few strikes, ...
    if "" in distinct:  # an empty line reads the same whether it matched or not
        if regex.fullmatch("") is None:
            return False
        distinct.discard("")
        if not distinct:
            return True
    text = "\n".join(distinct)
    newlines = len(distinct) - 1
    return text.count("\n") == newlines and regex.sub("", text) == "\n" * newlines


@dataclass(frozen=True)
class TypedDecoder:
    """Bytes of one operation's success body → its models, or None (take the reference way)."""

    decoder: msgspec.json.Decoder[Any]
    build: Callable[[Any, list[list[str]]], Any]
    many: bool
    patterns: tuple[re.Pattern[str], ...]

    def decode(self, content: bytes) -> Any:
        """The models the body stands for, or None: then take the reference way."""
        try:
            data = self.decoder.decode(content)
        except msgspec.DecodeError:  # ValidationError included
            return None
        buckets: list[list[str]] = [[] for _ in self.patterns]
        build = self.build
        value = [build(item, buckets) for item in data] if self.many else build(data, buckets)
        for regex, values in zip(self.patterns, buckets, strict=True):
            if values and not _all_match(regex, values):
                return None
        return value


@cache
def typed_decoder(operation: str, status: int = 200) -> TypedDecoder | None:
    """The fast decoder of this answer, or None when its schema is not a model or a list of
    models written with keywords this module knows."""
    response = spec_response(operation, status)
    content = (response or {}).get("content") or {}
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    many = isinstance(schema, Mapping) and schema.get("type") == "array"
    top = schema.get("items") if many else schema
    if not isinstance(top, Mapping) or set(top) != {"$ref"}:
        return None
    compiler = _Compiler(spec_document())
    try:
        struct, builder = compiler.model(_Compiler._ref_name(top["$ref"]))
    except (_Unsupported, re.error):
        return None
    exec("\n".join(compiler.source), compiler.namespace)  # noqa: S102 (source made above)
    patterns = tuple(re.compile(p, re.ASCII | re.MULTILINE) for p in compiler.patterns)
    decoder = msgspec.json.Decoder(list.__class_getitem__(struct) if many else struct)
    return TypedDecoder(decoder, compiler.namespace[builder], many, patterns)
