"""What changed for users between two versions of the spec, and the version bump it needs.

Compares operations, parameters, schema fields, types, required fields and enum values; a
well-kept OpenAPI diff tool (oasdiff) is a Go binary that no registry here ships, so this is a
small comparer of our own, tested in tests/test_spec_changes.py.

Breaking: an operation, a parameter or a field removed; a parameter or a field's type changed;
a request parameter (or a field) becoming required; an enum value removed (a request enum
stops accepting it; for a response "Known" enum, user code naming the member breaks).
Not breaking: anything added that is optional, enum values added, descriptions.
Bumps follow semver, and for 0.x releases the Cargo convention: breaking → 0.(y+1).0,
additions → 0.y.(z+1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alpaca_conformance.escaping import md_inline, printable


@dataclass
class Changes:
    """What changed for users between two specs: breaking changes and additions."""

    breaking: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)

    @property
    def bump(self) -> str:
        """ "breaking", "additive" or "none"."""
        return "breaking" if self.breaking else ("additive" if self.additions else "none")

    def report(self) -> str:
        """The changes as plain text, one line each (for a terminal)."""
        lines = [f"spec changes: {len(self.breaking)} breaking, {len(self.additions)} additive"]
        lines += [f"  BREAKING  {c}" for c in self.breaking]
        lines += [f"  added     {c}" for c in self.additions]
        return printable("\n".join(lines))  # no escape sequence from a spec reaches a terminal

    def markdown(self, since: str, previous: str, current: str) -> str:
        """The changes as Markdown (a pull-request comment, $GITHUB_STEP_SUMMARY), with the
        version they require after `previous`, and whether the spec's `current` has it."""
        needed = format_version(required_version(previous, self))
        if self.bump == "none":
            verdict = f"No change for users since {previous}; a release needs at least {needed}."
        else:
            verdict = f"**{previous} → {needed}** ({self.bump} changes)."
        if parse_version(current) >= parse_version(needed):
            state = f"The spec's version, {current}, is enough."
        else:
            state = f"The spec says {current}: set `info.version` to at least {needed}."
        lines = [
            f"## Spec changes since {previous} ({since})",
            "",
            f"{verdict} {state}",
            "",
        ]
        if self.breaking or self.additions:
            lines += ["| kind | change |", "|---|---|"]
            lines += [f"| **breaking** | {_cell(c)} |" for c in self.breaking]
            lines += [f"| added | {_cell(c)} |" for c in self.additions]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a previous spec is someone else's text, so its
    names may hold HTML, control characters or a `|` (the reports' escaper)."""
    return md_inline(text)


def _type(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "?"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _type(schema["allOf"][0])
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return f"{combinator}[{', '.join(_type(s) for s in schema[combinator])}]"
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"array[{_type(schema.get('items'))}]"
    return kind + (f"<{schema['format']}>" if "format" in schema else "")


_MAX_HOPS = 16  # a $ref chain longer than this is a cycle (or no spec of ours)


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    """A parameter, its `$ref`s followed; ValueError for one that leads nowhere or in a loop."""
    for _ in range(_MAX_HOPS):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/components/parameters/"):
            return node
        node = spec.get("components", {}).get("parameters", {}).get(ref.rsplit("/", 1)[-1])
        if node is None:
            raise ValueError(f"parameter $ref {ref[:200]} leads nowhere")
    raise ValueError(f"a parameter $ref chain is longer than {_MAX_HOPS} (a loop?)")


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result = {}
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method == "parameters":
                continue
            params = {}
            for raw in [*shared, *operation.get("parameters", [])]:
                p = _resolve(spec, raw)
                params[(p["in"], p["name"])] = p
            result[operation["operationId"]] = {
                "route": f"{method.upper()} {path}",
                "params": params,
            }
    return result


def _enum(spec: dict[str, Any], schema: Any, hops: int = 0) -> set[str]:
    if hops > _MAX_HOPS:
        raise ValueError(f"a schema $ref chain is longer than {_MAX_HOPS} (a loop?)")
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        schemas = spec.get("components", {}).get("schemas", {})
        return _enum(spec, schemas.get(schema["$ref"].rsplit("/", 1)[-1], {}), hops + 1)
    if isinstance(schema, dict) and schema.get("type") == "array":
        return _enum(spec, schema.get("items"), hops + 1)
    values = schema.get("enum", []) if isinstance(schema, dict) else []
    return {str(v) for v in values} if isinstance(values, list) else set()


def compare(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """Every user-visible difference from `old` to `new`, classified."""
    changes = Changes()
    old_ops, new_ops = _operations(old), _operations(new)
    for op in sorted(old_ops.keys() - new_ops.keys()):
        changes.breaking.append(f"operation {op} ({old_ops[op]['route']}) removed")
    for op in sorted(new_ops.keys() - old_ops.keys()):
        changes.additions.append(f"operation {op} ({new_ops[op]['route']})")
    for op in sorted(old_ops.keys() & new_ops.keys()):
        before, after = old_ops[op]["params"], new_ops[op]["params"]
        for key in sorted(before.keys() - after.keys()):
            changes.breaking.append(f"{op}: {key[0]} parameter {key[1]} removed")
        for key in sorted(after.keys() - before.keys()):
            target = changes.breaking if after[key].get("required") else changes.additions
            label = "required" if after[key].get("required") else "optional"
            target.append(f"{op}: {label} {key[0]} parameter {key[1]}")
        for key in sorted(before.keys() & after.keys()):
            a, b = before[key], after[key]
            if _type(a.get("schema")) != _type(b.get("schema")):
                before_type, after_type = _type(a.get("schema")), _type(b.get("schema"))
                changes.breaking.append(
                    f"{op}: parameter {key[1]} type {before_type} → {after_type}"
                )
            if b.get("required") and not a.get("required"):
                changes.breaking.append(f"{op}: parameter {key[1]} became required")
            removed = _enum(old, a.get("schema")) - _enum(new, b.get("schema"))
            if removed:
                changes.breaking.append(
                    f"{op}: parameter {key[1]} no longer accepts {sorted(removed)}"
                )
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    for name in sorted(old_schemas.keys() - new_schemas.keys()):
        changes.breaking.append(f"schema {name} removed")
    for name in sorted(new_schemas.keys() - old_schemas.keys()):
        changes.additions.append(f"schema {name}")
    for name in sorted(old_schemas.keys() & new_schemas.keys()):
        a, b = old_schemas[name], new_schemas[name]
        removed_values = {str(v) for v in a.get("enum", [])} - {str(v) for v in b.get("enum", [])}
        if removed_values:
            changes.breaking.append(f"{name}: enum values {sorted(removed_values)} removed")
        added_values = {str(v) for v in b.get("enum", [])} - {str(v) for v in a.get("enum", [])}
        if added_values:
            changes.additions.append(f"{name}: enum values {sorted(added_values)}")
        a_props, b_props = a.get("properties", {}), b.get("properties", {})
        for prop in sorted(a_props.keys() - b_props.keys()):
            changes.breaking.append(f"{name}.{prop} removed")
        for prop in sorted(b_props.keys() - a_props.keys()):
            target = changes.breaking if prop in b.get("required", []) else changes.additions
            label = "required" if prop in b.get("required", []) else "optional"
            target.append(f"{name}.{prop} ({label}, {_type(b_props[prop])})")
        for prop in sorted(a_props.keys() & b_props.keys()):
            if _type(a_props[prop]) != _type(b_props[prop]):
                changes.breaking.append(
                    f"{name}.{prop} type {_type(a_props[prop])} → {_type(b_props[prop])}"
                )
            if prop in b.get("required", []) and prop not in a.get("required", []):
                changes.breaking.append(f"{name}.{prop} became required")
    return changes


Version = tuple[int, int, int]


def parse_version(text: str) -> Version:
    """(major, minor, patch) from "1.2.3" or "v1.2.3"; ValueError for anything else."""
    parts = text.removeprefix("v").split(".")
    if len(parts) != 3 or not all(p.isdigit() and len(p) <= 9 for p in parts):
        raise ValueError(f"version must look like 1.2.3, got {text!r}")
    return int(parts[0]), int(parts[1]), int(parts[2])


def format_version(version: Version) -> str:
    """ "1.2.3" from (1, 2, 3)."""
    return ".".join(map(str, version))


def required_version(previous: str, changes: Changes) -> Version:
    """The smallest version that may follow `previous` with these changes."""
    major, minor, patch = parse_version(previous)
    if changes.bump == "breaking":
        return (major, minor + 1, 0) if major == 0 else (major + 1, 0, 0)
    if changes.bump == "additive":
        return (major, minor, patch + 1) if major == 0 else (major, minor + 1, 0)
    return (major, minor, patch + 1)
