"""One face written by hand (calls.py), three derived from it (faces.py, scripts/derive_faces).

What users rely on: Client, AsyncClient and both ``with_raw_response`` faces offer the same
operations with the same arguments, overloads and documentation; adding an operation to
calls.py adds it to all four; and faces.py is never stale.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import inspect
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import get_overloads

import pytest
from alpaca_trading import AsyncClient, Client
from alpaca_trading.calls import AsyncCalls
from alpaca_trading.faces import AsyncRawCalls, Calls, Pages, RawCalls
from alpaca_trading.pagination import AsyncPages

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "derive_faces"


def _script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("derive_faces", str(SCRIPT))
    spec = importlib.util.spec_from_loader("derive_faces", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _operations(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_faces_py_is_what_the_script_derives_from_calls_py() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


# Paged lists return every item lazily (AsyncPages / Pages): a whole RawResponse has no
# meaning for them, so the raw faces leave them out.
PAGED = {"list_option_contracts"}


def test_all_four_faces_have_the_same_operations_and_arguments() -> None:
    source = _operations(AsyncCalls)
    assert {"get_account", "close_position", "list_us_corporates"} <= set(source)
    assert set(source) >= PAGED
    for face in (Calls, RawCalls, AsyncRawCalls):
        derived = _operations(face)
        expected = set(source) if face is Calls else set(source) - PAGED
        assert set(derived) == expected, face
        source_of_face = {name: source[name] for name in expected}
        for name, signature in source_of_face.items():
            assert list(derived[name].parameters) == list(signature.parameters), (face, name)
            for parameter in signature.parameters.values():
                twin = derived[name].parameters[parameter.name]
                assert (twin.kind, twin.default) == (parameter.kind, parameter.default)
    assert issubclass(Client, Calls)
    assert issubclass(AsyncClient, AsyncCalls)


def test_sync_faces_are_not_coroutines_and_async_ones_are() -> None:
    for name in set(_operations(AsyncCalls)) - PAGED:
        assert inspect.iscoroutinefunction(getattr(AsyncCalls, name))
        assert inspect.iscoroutinefunction(getattr(AsyncRawCalls, name))
        assert not inspect.iscoroutinefunction(getattr(Calls, name))
        assert not inspect.iscoroutinefunction(getattr(RawCalls, name))
    # a paged list is a plain call in both clients; its pages are async in one only
    assert inspect.get_annotations(AsyncCalls.list_option_contracts)["return"] == (
        "AsyncPages[OptionContract]"
    )
    assert inspect.get_annotations(Calls.list_option_contracts)["return"] == "Pages[OptionContract]"
    assert inspect.isasyncgenfunction(AsyncPages.by_page)
    assert inspect.isgeneratorfunction(Pages.by_page)


def test_documentation_and_overloads_are_written_once_and_shown_everywhere() -> None:
    doc = inspect.getdoc(Client.close_position)
    assert doc is not None
    assert doc == inspect.getdoc(AsyncClient.close_position)
    assert "qty" in doc
    raw_doc = inspect.getdoc(RawCalls.close_position)
    assert raw_doc is not None
    assert raw_doc.startswith("Client.close_position, returning the whole RawResponse")
    # The registry keeps one of the two @deprecated overloads (they share their wrapper's
    # line), so it counts 4 of the 5; what matters is that every face has the same ones.
    written = len(get_overloads(AsyncCalls.close_position))
    assert written >= 4
    for face in (Calls, RawCalls, AsyncRawCalls):
        assert len(get_overloads(face.close_position)) == written, face


def test_an_operation_added_to_calls_py_appears_in_every_derived_face() -> None:
    script = _script()
    source = (ROOT / "overrides" / "alpaca_trading" / "calls.py").read_text(encoding="utf-8")
    source += textwrap.indent(
        textwrap.dedent(
            '''
            async def get_clock(self, *, timeout: Timeout | None = None) -> Account:
                """GET /v2/clock: a new operation."""
                call = ops.get_account()
                return (await self._send(call, timeout, None, None)).parsed
            '''
        ),
        "    ",
    )
    derived = script.derive(source)
    assert derived.count("def get_clock(") == 3
    assert (
        "async def get_clock(self, *, timeout: Timeout | None=None) -> RawResponse[Account]:"
        in derived
    )
    assert "def get_clock(self, *, timeout: Timeout | None=None) -> Account:" in derived
    assert "return self._client._send(call, timeout, None, None)" in derived


@pytest.mark.parametrize(
    ("method", "rule"),
    [
        (
            """
            async def get_clock(self) -> Account:
                return await self._send(ops.get_account(), None, None, None)
            """,
            "must end with",
        ),
        (
            """
            def get_clock(self) -> Account:
                return ops.get_account()
            """,
            "must be async def",
        ),
        (
            """
            async def get_clock(self):
                return (await self._send(ops.get_account(), None, None, None)).parsed
            """,
            "has no return type",
        ),
    ],
)
def test_a_method_of_another_shape_is_refused_by_name(method: str, rule: str) -> None:
    script = _script()
    source = (ROOT / "overrides" / "alpaca_trading" / "calls.py").read_text(encoding="utf-8")
    source += textwrap.indent(textwrap.dedent(method), "    ")
    with pytest.raises(script.DeriveError, match=rule) as caught:
        script.derive(source)
    assert "AsyncCalls.get_clock" in str(caught.value)
