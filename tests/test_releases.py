"""scripts/releases.py reads the previous release from a simple index as pip would, and trusts
nothing it downloads: a listing it cannot parse, a wheel whose hash differs, a huge page."""

from __future__ import annotations

import hashlib
import http.server
import io
import re
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import releases
import untrusted_spec

SPEC_TEXT = 'openapi: 3.0.3\ninfo: {title: t, version: "0.3.0"}\npaths: {}\n'


def _wheel(spec: str | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("alpaca_trading/__init__.py", "")
        if spec is not None:
            archive.writestr("alpaca_trading/openapi.yaml", spec)
    return buffer.getvalue()


class Index:
    """A simple index on 127.0.0.1 serving fixed files."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        files, redirects = self.files, self.redirects

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path in redirects:
                    self.send_response(302)
                    self.send_header("Location", redirects[self.path])
                    self.end_headers()
                    return
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/simple"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, version: str, wheel: bytes, digest: str | None = None) -> str:
        name = f"alpaca_trading_kit-{version}-py3-none-any.whl"
        self.files[f"/packages/{name}"] = wheel
        digest = digest or hashlib.sha256(wheel).hexdigest()
        link = f'<a href="../../packages/{name}#sha256={digest}">{name}</a><br>\n'
        page = self.files.get("/simple/alpaca-trading-kit/", b"<html><body>\n")
        self.files["/simple/alpaca-trading-kit/"] = page + link.encode()
        return name


@pytest.fixture
def index() -> Iterator[Index]:
    served = Index()
    yield served
    served.server.shutdown()


def test_the_newest_version_on_the_index_is_the_previous_release(
    index: Index, tmp_path: Path
) -> None:
    index.publish("0.2.0", _wheel(SPEC_TEXT.replace("0.3.0", "0.2.0")))
    index.publish("0.10.0", _wheel(SPEC_TEXT))  # newer than 0.2.0 although it sorts before it
    index.files["/simple/alpaca-trading-kit/"] += b'<a href="x/alpaca-trading-kit-1.0.tar.gz">s</a>'
    lookup = releases.previous_release(tmp_path, index.url)
    assert lookup.release is not None
    assert lookup.release.version == "0.10.0"
    assert lookup.release.spec["info"]["version"] == "0.3.0"
    assert lookup.release.source.startswith("alpaca_trading_kit-0.10.0-py3-none-any.whl on ")


def test_a_wheel_that_does_not_match_the_index_hash_is_refused(
    index: Index, tmp_path: Path
) -> None:
    index.publish("0.2.0", _wheel(SPEC_TEXT), digest="0" * 64)
    with pytest.raises(releases.ReleaseLookupError, match="sha256"):
        releases.previous_release(tmp_path, index.url)


def test_a_wheel_without_the_spec_is_refused(index: Index, tmp_path: Path) -> None:
    index.publish("0.2.0", _wheel(None))
    with pytest.raises(releases.ReleaseLookupError, match=r"openapi\.yaml"):
        releases.previous_release(tmp_path, index.url)


def test_an_oversized_listing_is_refused(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(releases, "MAX_PAGE_BYTES", 100)
    index.files["/simple/alpaca-trading-kit/"] = b"<a>" * 100
    lookup = releases.previous_release(tmp_path, index.url)  # not a git repository either
    assert lookup.release is None
    assert any("larger than 100 bytes" in note for note in lookup.notes)


def test_an_index_without_the_package_falls_back_to_tags_and_says_so(
    index: Index, tmp_path: Path
) -> None:
    lookup = releases.previous_release(tmp_path, index.url)
    assert lookup.release is None
    assert lookup.notes[0] == f"the index {index.url} holds no alpaca-trading-kit wheel"


# ---- hostile indexes, wheels and previous specs: each a clear refusal, bounded in time


def test_a_huge_page_of_unclosed_links_is_scanned_in_linear_time(index: Index) -> None:
    # The old link regex backtracked quadratically: 96 KB of "<a " took 19 s, 1 MiB never
    # ended. A hang guard, not a speed goal: the scan takes well under a second here.
    index.files["/simple/alpaca-trading-kit/"] = b"<a " * (releases.MAX_PAGE_BYTES // 3)
    started = time.monotonic()
    assert releases.index_wheels(index.url) == {}
    assert time.monotonic() - started < 10


def test_links_in_every_quoting_style_are_found(index: Index) -> None:
    wheel = _wheel(SPEC_TEXT)
    digest = hashlib.sha256(wheel).hexdigest()
    index.files["/p/alpaca_trading_kit-0.1.0-py3-none-any.whl"] = wheel
    page = (
        f"<A HREF='/p/alpaca_trading_kit-0.1.0-py3-none-any.whl#sha256={digest}'>a</A>"
        f"<a data-x=1 href=/p/alpaca_trading_kit-0.2.0-py3-none-any.whl#sha256={digest}>b</a>"
        f'<a href="/p/alpaca&#95;trading_kit-0.3.0-py3-none-any.whl#sha256={digest}">c</a>'
    )
    index.files["/simple/alpaca-trading-kit/"] = page.encode()
    assert sorted(releases.index_wheels(index.url)) == [(0, 1, 0), (0, 2, 0), (0, 3, 0)]


def test_a_redirect_to_another_host_is_refused_not_followed(index: Index, tmp_path: Path) -> None:
    other = Index()  # same machine, another host name: "localhost" is not "127.0.0.1"
    try:
        name = other.publish("9.9.9", _wheel(SPEC_TEXT))
        other_page = other.files["/simple/alpaca-trading-kit/"]
        other.files["/simple/alpaca-trading-kit/"] = other_page.replace(
            b"../../packages/", f"http://localhost:{other.port}/packages/".encode()
        )
        index.redirects["/simple/alpaca-trading-kit/"] = (
            f"http://localhost:{other.port}/simple/alpaca-trading-kit/"
        )
        with pytest.raises(releases.UntrustedIndex, match="redirects to another host"):
            releases.previous_release(tmp_path, index.url)  # not passed over for the tags
        assert name  # the other host's wheel was never taken as the previous release
    finally:
        other.server.shutdown()


def test_a_redirect_on_the_same_host_is_followed(index: Index, tmp_path: Path) -> None:
    index.publish("0.2.0", _wheel(SPEC_TEXT))
    index.redirects["/moved/alpaca-trading-kit/"] = "/simple/alpaca-trading-kit/"
    lookup = releases.previous_release(tmp_path, index.url.replace("/simple", "/moved"))
    assert lookup.release is not None
    assert lookup.release.version == "0.2.0"


def test_a_redirect_from_https_down_to_http_is_refused() -> None:
    handler = releases._SameOriginRedirects()
    request = urllib.request.Request("https://index.example/simple/x/")
    with pytest.raises(releases.UntrustedIndex, match="from https to http"):
        handler.redirect_request(request, None, 302, "Found", {}, "http://index.example/x/")


def test_a_wheel_link_without_its_hash_is_refused(index: Index, tmp_path: Path) -> None:
    name = index.publish("0.2.0", _wheel(SPEC_TEXT))
    page = index.files["/simple/alpaca-trading-kit/"]
    index.files["/simple/alpaca-trading-kit/"] = page.split(b"#sha256=")[0] + b'">x</a>'
    with pytest.raises(releases.UntrustedIndex, match=f"{name} carries no #sha256="):
        releases.previous_release(tmp_path, index.url)


def test_a_file_link_on_a_remote_page_is_refused(index: Index, tmp_path: Path) -> None:
    wheel = tmp_path / "alpaca_trading_kit-0.2.0-py3-none-any.whl"
    wheel.write_bytes(_wheel(SPEC_TEXT))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    link = f'<a href="{wheel.as_uri()}#sha256={digest}">w</a>'
    index.files["/simple/alpaca-trading-kit/"] = link.encode()
    with pytest.raises(releases.UntrustedIndex, match="is not http"):
        releases.previous_release(tmp_path, index.url)


def _bomb_wheel(inflated: int) -> bytes:
    """A wheel whose spec inflates to `inflated` bytes of spaces from a tiny download."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("alpaca_trading/openapi.yaml", "w", force_zip64=True) as member,
    ):
        chunk = b" " * (1024 * 1024)
        for _ in range(inflated // len(chunk)):
            member.write(chunk)
    return buffer.getvalue()


def test_a_wheel_whose_spec_inflates_past_the_bound_is_refused(
    index: Index, tmp_path: Path
) -> None:
    wheel = _bomb_wheel(64 * 1024 * 1024)
    assert len(wheel) < 1024 * 1024
    index.publish("0.2.0", wheel)
    with pytest.raises(releases.ReleaseLookupError, match="larger than 4,194,304 bytes"):
        releases.previous_release(tmp_path, index.url)


_ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (_ALIAS_BOMB.encode(), "expands to more than 1,000,000 nodes"),
        (b"a: &a [*a]\n", "expands to more than"),
        (b"[" * 10_000 + b"]" * 10_000, "nests deeper than 64 levels"),
        (b"openapi: 3.0.3\npaths: [/v2/account]\n", "paths must be a mapping"),
        (b"paths: {/x: {get: {operationId: 5}}}\n", "paths./x.get.operationId must be a string"),
        (b"paths: {/x: {get: {operationId: x, parameters: [{$ref: '#/c/p'}]}}}\n", "must name"),
        (b"components: {schemas: {A: {properties: [a]}}}\n", "A.properties must be a mapping"),
        (b"openapi: [\n", "is not valid YAML"),
        (b"info: {title: \xff}\n", "is not UTF-8 (byte 14)"),
        (b"- a\n- b\n", "the document must be a mapping"),
    ],
)
def test_a_hostile_previous_spec_at_a_tag_is_a_clear_refusal(
    tmp_path: Path, text: bytes, said: str
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "alpaca-trading-v2.yaml").write_bytes(text)
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "old")
    git("tag", "v0.1.0")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "n")
    started = time.monotonic()
    with pytest.raises(releases.ReleaseLookupError, match=re.escape(said)) as refused:
        releases.previous_release(tmp_path, None)
    assert "v0.1.0:openapi/alpaca-trading-v2.yaml" in str(refused.value)
    assert time.monotonic() - started < 10  # a hang guard: the old reader ran on for 20 s+


def test_our_own_spec_reads_the_same_as_pyyaml_reads_it() -> None:
    own = (Path(__file__).resolve().parent.parent / "openapi/alpaca-trading-v2.yaml").read_bytes()
    assert untrusted_spec.load_spec(own, "ours") == yaml.safe_load(own)
