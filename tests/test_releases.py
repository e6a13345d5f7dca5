"""scripts/releases.py reads the previous release from a simple index as pip would, and trusts
nothing it downloads: a listing it cannot parse, a wheel whose hash differs, a huge page."""

from __future__ import annotations

import hashlib
import http.server
import io
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import releases

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
        files = self.files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/simple"
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
