"""Reading a spec we did not write: the previous release's, from a wheel, a tag or a git ref.

A wheel on an index or a commit in a repository is input from outside, so the spec in it is
read under bounds, each a clear refusal (SpecRefused) rather than a traceback or a stall:
its size, strict UTF-8, YAML nesting depth (PyYAML's composer recurses: 10,000 levels were
a RecursionError), and the size of the document once its aliases are expanded (our own spec
uses a few aliases; an alias bomb of a few hundred bytes expands to billions of nodes, which
the change comparer would then walk). Then the parts the comparer reads are checked for
their shape, naming the first that is off (`paths` as a list was an AttributeError).
Standard library and PyYAML only.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_SPEC_BYTES = 4 * 1024 * 1024  # ours is ~40 KB
MAX_DEPTH = 64  # ours nests 12 levels
MAX_EXPANDED_NODES = 1_000_000  # ours is ~5,000 with its aliases expanded


class SpecRefused(ValueError):
    """A spec that cannot be used; the message names the source and the rule it breaks."""


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the composer's nesting depth bounded."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                line = self.line + 1  # the reader's position: where the nesting got too deep
                raise SpecRefused(f"nests deeper than {MAX_DEPTH} levels (line {line})")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes `node` stands for with every alias expanded (memoised per node, so a
    bomb is measured in time linear in its text)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = MAX_EXPANDED_NODES + 1  # a node inside itself (a recursive alias)
    total = 1
    if isinstance(node, yaml.SequenceNode):
        children: list[yaml.Node] = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    for child in children:
        total += _expanded_size(child, sizes)
        if total > MAX_EXPANDED_NODES:
            break
    sizes[id(node)] = total
    return total


def load_spec(data: bytes, source: str) -> dict[str, Any]:
    """The OpenAPI document in `data`, checked; SpecRefused naming `source` otherwise."""
    if len(data) > MAX_SPEC_BYTES:
        raise SpecRefused(f"{source}: is larger than {MAX_SPEC_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecRefused(f"{source}: is not UTF-8 (byte {exc.start})") from None
    loader = _BoundedLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except SpecRefused as exc:
            raise SpecRefused(f"{source}: {exc}") from None
        except yaml.YAMLError as exc:
            raise SpecRefused(f"{source}: is not valid YAML ({_first_line(exc)})") from None
        if node is not None and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise SpecRefused(
                f"{source}: expands to more than {MAX_EXPANDED_NODES:,} nodes (YAML aliases)"
            )
        try:
            spec = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            raise SpecRefused(f"{source}: is not valid YAML ({_first_line(exc)})") from None
    finally:
        loader.dispose()
    problem = shape_problem(spec)
    if problem:
        raise SpecRefused(f"{source}: is not an OpenAPI document the comparer can read: {problem}")
    assert isinstance(spec, dict)
    return spec


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def _mapping(value: Any, where: str) -> str:
    return "" if isinstance(value, dict) else f"{where} must be a mapping"


_PARAMETER_REF = "#/components/parameters/"


def _parameters(value: Any, where: str, known: Any = None) -> str:
    """What is off in a list of parameters; `known` is the components' parameters, which a
    `$ref` must name (None: inside the components, where no `$ref` is followed)."""
    if not isinstance(value, list):
        return f"{where} must be a list"
    for i, parameter in enumerate(value):
        if not isinstance(parameter, dict):
            return f"{where}[{i}] must be a mapping"
        if "$ref" in parameter:
            ref = parameter["$ref"]
            if known is None:
                return f"{where}[{i}] must not be a $ref"
            if not isinstance(ref, str) or not ref.startswith(_PARAMETER_REF):
                return f"{where}[{i}].$ref must name one of components.parameters"
            if ref.removeprefix(_PARAMETER_REF) not in known:
                return f"{where}[{i}].$ref names no parameter in components.parameters"
            continue
        for key in ("in", "name"):
            if not isinstance(parameter.get(key), str):
                return f"{where}[{i}].{key} must be a string"
    return ""


def _schemas(components: dict[str, Any]) -> str:
    parameters = components.get("parameters", {})
    if not isinstance(parameters, dict):
        return "components.parameters must be a mapping"
    for name, parameter in parameters.items():
        problem = _parameters([parameter], f"components.parameters.{name}")
        if problem:
            return problem.replace("[0]", "")
    schemas = components.get("schemas", {})
    if not isinstance(schemas, dict):
        return "components.schemas must be a mapping"
    for name, schema in schemas.items():
        where = f"components.schemas.{name}"
        if not isinstance(schema, dict):
            return f"{where} must be a mapping"
        for key, kind, label in (
            ("enum", list, "a list"),
            ("properties", dict, "a mapping"),
            ("required", list, "a list"),
        ):
            if key in schema and not isinstance(schema[key], kind):
                return f"{where}.{key} must be {label}"
    return ""


def shape_problem(spec: Any) -> str:
    """What is off in the parts of `spec` the change comparer reads; "" when nothing is."""
    if not isinstance(spec, dict):
        return "the document must be a mapping"
    info = spec.get("info", {})
    if not isinstance(info, dict):
        return "info must be a mapping"
    components = spec.get("components", {})
    problem = _mapping(components, "components") or _schemas(components)
    if problem:
        return problem
    known = components.get("parameters", {})
    paths = spec.get("paths", {})
    if not isinstance(paths, dict):
        return "paths must be a mapping"
    for path, item in paths.items():
        if not isinstance(item, dict):
            return f"paths.{path} must be a mapping"
        for method, operation in item.items():
            where = f"paths.{path}.{method}"
            if method == "parameters":
                problem = _parameters(operation, where, known)
            elif not isinstance(operation, dict):
                problem = f"{where} must be a mapping"
            elif not isinstance(operation.get("operationId"), str):
                problem = f"{where}.operationId must be a string"
            else:
                parameters = operation.get("parameters", [])
                problem = _parameters(parameters, f"{where}.parameters", known)
            if problem:
                return problem
    return ""
