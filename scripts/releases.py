"""Where the previous release is, so a new one can be compared with what users really have.

The previous release is the newest version of the package on the index it is published to:
its wheel ships the spec (alpaca_trading/openapi.yaml), and that spec is what users run. When
the index holds no version yet (or cannot be asked), it is the newest tag v* that does not
point at HEAD: HEAD's own tag is the release being made, not the previous one. When neither
exists, the answer is None and the caller decides (publish refuses unless --first-release).
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spec_changes import Version, format_version, parse_version

NAME = "alpaca-trading-kit"
SPEC_IN_WHEEL = "alpaca_trading/openapi.yaml"
SPEC_PATH = "openapi/alpaca-trading-v2.yaml"
MAX_PAGE_BYTES = 5 * 1024 * 1024  # an index page listing this package's files
MAX_WHEEL_BYTES = 64 * 1024 * 1024  # our wheel is well under 1 MB
TIMEOUT = 15.0
_WHEEL = re.compile(r"alpaca_trading_kit-(\d+\.\d+\.\d+)-py3-none-any\.whl")
_HREF = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class ReleaseLookupError(Exception):
    """The previous release could not be read (a broken index, a wheel without the spec)."""


@dataclass(frozen=True)
class Release:
    """A published version and the spec it shipped."""

    version: str
    spec: dict[str, Any]
    source: str  # where it was found, for the report: a wheel on an index, or a tag


@dataclass
class Lookup:
    """What was found, and how: `notes` say what was tried and why it was passed over."""

    release: Release | None
    notes: list[str] = field(default_factory=list)


def _git(root: Path, *args: str) -> str | None:
    result = subprocess.run(  # noqa: S603 - a fixed git command
        ["git", *args],  # noqa: S607 - git from PATH
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.stdout if result.returncode == 0 else None


def _read(url: str, limit: int) -> bytes:
    """At most `limit` bytes from an http(s) or file URL; ReleaseLookupError beyond it."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https", "file"):
        raise ReleaseLookupError(f"not an http(s) or file URL: {url}")
    with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:  # noqa: S310 - scheme checked
        data: bytes = answer.read(limit + 1)
    if len(data) > limit:
        raise ReleaseLookupError(f"{url} is larger than {limit} bytes")
    return data


def index_wheels(index: str, name: str = NAME) -> dict[Version, str]:
    """The package's wheels on a PEP 503 simple index: version → URL. {} when the index does
    not know the package (404); OSError when it cannot be reached."""
    page_url = f"{index.rstrip('/')}/{name}/"
    try:
        page = _read(page_url, MAX_PAGE_BYTES).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return {}
        raise ReleaseLookupError(f"{page_url}: HTTP {error.code}") from None
    wheels: dict[Version, str] = {}
    for href in _HREF.findall(page):
        url = urllib.parse.urljoin(page_url, href)
        filename = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
        found = _WHEEL.fullmatch(filename)
        if found:
            wheels[parse_version(found.group(1))] = url
    return wheels


def spec_from_wheel(url: str) -> dict[str, Any]:
    """The spec shipped in the wheel at `url`, checked against the index's sha256 if given."""
    data = _read(url, MAX_WHEEL_BYTES)
    fragment = urllib.parse.urlsplit(url).fragment
    if fragment.startswith("sha256="):
        expected = fragment.removeprefix("sha256=")
        if hashlib.sha256(data).hexdigest() != expected:
            raise ReleaseLookupError(f"{url}: the download does not match the index's sha256")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            text = wheel.read(SPEC_IN_WHEEL).decode("utf-8")
    except (zipfile.BadZipFile, KeyError) as error:
        raise ReleaseLookupError(f"{url} holds no {SPEC_IN_WHEEL}: {error}") from None
    spec = yaml.safe_load(text)
    if not isinstance(spec, dict):
        raise ReleaseLookupError(f"{url}: {SPEC_IN_WHEEL} is not an OpenAPI document")
    return spec


def tags_before_head(root: Path) -> list[tuple[Version, str]]:
    """Tags vX.Y.Z that do not point at HEAD, newest version first."""
    listed = _git(root, "tag", "--list", "v*")
    at_head = set((_git(root, "tag", "--points-at", "HEAD") or "").split())
    tags = []
    for tag in (listed or "").split():
        if tag in at_head:
            continue
        try:
            tags.append((parse_version(tag), tag))
        except ValueError:
            continue
    return sorted(tags, reverse=True)


def spec_at(ref: str, root: Path) -> dict[str, Any] | None:
    """The spec as committed at a git ref; None when the ref has no spec."""
    text = _git(root, "show", f"{ref}:{SPEC_PATH}")
    if text is None:
        return None
    spec = yaml.safe_load(text)
    return spec if isinstance(spec, dict) else None


def previous_release(root: Path, index: str | None) -> Lookup:
    """The newest release on `index` (None: not asked), else the newest tag before HEAD."""
    lookup = Lookup(None)
    if index:
        try:
            wheels = index_wheels(index)
        except (OSError, ReleaseLookupError) as error:
            lookup.notes.append(f"the index {index} could not be read ({error})")
            wheels = {}
        else:
            if not wheels:
                lookup.notes.append(f"the index {index} holds no {NAME} wheel")
        if wheels:
            newest = max(wheels)
            version = format_version(newest)
            url = wheels[newest]
            try:
                spec = spec_from_wheel(url)
            except OSError as error:  # the listing was read, the wheel was not
                raise ReleaseLookupError(f"{url}: {error}") from None
            filename = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
            lookup.release = Release(version, spec, f"{filename} on {index}")
            return lookup
    for version_parts, tag in tags_before_head(root):
        tagged = spec_at(tag, root)
        if tagged is None:
            lookup.notes.append(f"tag {tag} has no {SPEC_PATH}")
            continue
        lookup.release = Release(format_version(version_parts), tagged, f"tag {tag}")
        return lookup
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        lookup.notes.append(
            "this is a shallow clone, which may lack the release tags: git fetch --tags --unshallow"
        )
    else:
        lookup.notes.append("no tag vX.Y.Z other than HEAD's own")
    return lookup
