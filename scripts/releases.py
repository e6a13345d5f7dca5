"""Where the previous release is, so a new one can be compared with what users really have.

The previous release is the newest version of the package on the index it is published to:
its wheel ships the spec (alpaca_trading/openapi.yaml), and that spec is what users run. When
the index holds no version yet (or cannot be asked), it is the newest tag v* that does not
point at HEAD: HEAD's own tag is the release being made, not the previous one. When neither
exists, the answer is None and the caller decides (publish refuses unless --first-release).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spec_changes import Version, format_version, parse_version
from untrusted_spec import MAX_SPEC_BYTES, SpecRefused, load_spec

NAME = "alpaca-trading-kit"
SPEC_IN_WHEEL = "alpaca_trading/openapi.yaml"
SPEC_PATH = "openapi/alpaca-trading-v2.yaml"
MAX_PAGE_BYTES = 5 * 1024 * 1024  # an index page listing this package's files
MAX_WHEEL_BYTES = 64 * 1024 * 1024  # our wheel is well under 1 MB
TIMEOUT = 15.0
_WHEEL = re.compile(r"alpaca_trading_kit-(\d+\.\d+\.\d+)-py3-none-any\.whl")
_ANCHOR = re.compile(r"<a\s[^<>]*>", re.IGNORECASE)  # cannot run past the next "<"
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SHA256 = re.compile(r"sha256=[0-9a-fA-F]{64}")


class ReleaseLookupError(Exception):
    """The previous release could not be read (a broken index, a wheel without the spec)."""


class UntrustedIndex(ReleaseLookupError):
    """The index answered with something that cannot be trusted (a redirect elsewhere, a link
    without its hash or to a local file): never passed over for the tags, always an error."""


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


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects stay on the host they started from, and never from https down to http: a
    redirect elsewhere would let another server choose "the previous release"."""

    max_redirections = 5

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        before, after = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if after.scheme not in ("http", "https") or after.hostname != before.hostname:
            raise UntrustedIndex(
                f"{req.full_url} redirects to another host ({_origin(newurl)}): refused"
            )
        if before.scheme == "https" and after.scheme != "https":
            raise UntrustedIndex(f"{req.full_url} redirects from https to http: refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}"[:200]


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


def _read(url: str, limit: int) -> bytes:
    """At most `limit` bytes from an http(s) or file URL; ReleaseLookupError beyond it.
    Redirects are followed only on the same host (and never from https to http)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https", "file"):
        raise ReleaseLookupError(f"not an http(s) or file URL: {url}")
    with _OPENER.open(url, timeout=TIMEOUT) as answer:
        data: bytes = answer.read(limit + 1)
    if len(data) > limit:
        raise ReleaseLookupError(f"{url} is larger than {limit} bytes")
    return data


def index_wheels(index: str, name: str = NAME) -> dict[Version, str]:
    """The package's wheels on a PEP 503 simple index: version → URL. {} when the index does
    not know the package (404); OSError when it cannot be reached.

    Links are found by a scan that is linear in the page (a regex over a whole tag
    backtracked quadratically: a 96 KB page of `<a ` took 19 s). A wheel's link must carry
    the index's `#sha256=` (the download is checked against it) and, on a page served over
    http(s), be http(s) itself: a remote page cannot point us at a local file."""
    page_url = f"{index.rstrip('/')}/{name}/"
    try:
        page = _read(page_url, MAX_PAGE_BYTES).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return {}
        raise ReleaseLookupError(f"{page_url}: HTTP {error.code}") from None
    page_is_local = urllib.parse.urlsplit(page_url).scheme == "file"
    wheels: dict[Version, str] = {}
    for href in _hrefs(page):
        url = urllib.parse.urljoin(page_url, href)
        parts = urllib.parse.urlsplit(url)
        filename = urllib.parse.unquote(parts.path.rsplit("/", 1)[-1])
        found = _WHEEL.fullmatch(filename)
        if not found:
            continue
        if parts.scheme not in ("http", "https") and not (page_is_local and parts.scheme == "file"):
            raise UntrustedIndex(f"{page_url}: the link to {filename} is not http(s): refused")
        if not _SHA256.fullmatch(parts.fragment):
            raise UntrustedIndex(
                f"{page_url}: the link to {filename} carries no #sha256= to check it against"
            )
        wheels[parse_version(found.group(1))] = url
    return wheels


def _hrefs(page: str) -> list[str]:
    """The href of every `<a ...>` tag, in one pass: a tag is `<a` up to the next `>`, and a
    tag cut short by another `<` is no tag (each character is looked at a bounded number of
    times)."""
    found = []
    for tag in _ANCHOR.finditer(page):
        href = _HREF.search(tag.group(0))
        if href:
            found.append(html.unescape(next(g for g in href.groups() if g is not None)))
    return found


def spec_from_wheel(url: str) -> dict[str, Any]:
    """The spec shipped in the wheel at `url`, checked against the index's sha256."""
    data = _read(url, MAX_WHEEL_BYTES)
    fragment = urllib.parse.urlsplit(url).fragment
    expected = fragment.removeprefix("sha256=")
    if hashlib.sha256(data).hexdigest() != expected.lower():
        raise ReleaseLookupError(f"{url}: the download does not match the index's sha256")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel, wheel.open(SPEC_IN_WHEEL) as member:
            # Read under the bound whatever the archive declares: a member's declared size
            # can lie, and a 2 MB wheel can inflate to gigabytes.
            text = member.read(MAX_SPEC_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError) as error:
        raise ReleaseLookupError(f"{url} holds no readable {SPEC_IN_WHEEL}: {error}") from None
    try:
        return load_spec(text, f"{SPEC_IN_WHEEL} in {url}")
    except SpecRefused as error:
        raise ReleaseLookupError(str(error)) from None


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
    """The spec as committed at a git ref; None when the ref has no spec. A spec that is
    there but cannot be used (too large, not UTF-8, not YAML, an alias bomb, the wrong
    shape) is a ReleaseLookupError naming the ref and the rule."""
    where = f"{ref}:{SPEC_PATH}"
    size = _git(root, "cat-file", "-s", where)
    if size is None:
        return None
    if not size.strip().isdigit() or int(size) > MAX_SPEC_BYTES:
        raise ReleaseLookupError(f"{where} is larger than {MAX_SPEC_BYTES:,} bytes")
    result = subprocess.run(  # noqa: S603 - a fixed git command
        ["git", "cat-file", "blob", where],  # noqa: S607 - git from PATH
        cwd=root,
        capture_output=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        return None
    try:
        return load_spec(result.stdout, where)
    except SpecRefused as error:
        raise ReleaseLookupError(str(error)) from None


def previous_release(root: Path, index: str | None) -> Lookup:
    """The newest release on `index` (None: not asked), else the newest tag before HEAD."""
    lookup = Lookup(None)
    if index:
        try:
            wheels = index_wheels(index)
        except UntrustedIndex:
            raise
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
