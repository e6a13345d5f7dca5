"""The proxy's checks in their own process: exchanges handed over in order and never lost,
the lag bounded, the rate-limit reset judged when the answer arrived, and the command's
exits when the judging process is interrupted or dies."""

from __future__ import annotations

import asyncio
import io
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from alpaca_conformance.proxy.exchange import Exchange
from alpaca_conformance.proxy.judge import judge_answer
from alpaca_conformance.proxy.outbox import Outbox
from alpaca_conformance.proxy.request_check import RequestVerdict
from alpaca_conformance.proxy.routes import Route
from alpaca_conformance.proxy.upstream import UpstreamAnswer
from alpaca_conformance.proxy.worker import (
    ABANDON,
    ANSWERED,
    BEGIN,
    OBSERVE,
    WorkerSettings,
    _Stop,
    run,
)
from alpaca_mock.served import served_mock
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_proxy import _headers

# ------------------------------------------------------------------ the outbox


async def _drain(fd: int, into: bytearray, stop: asyncio.Event) -> None:
    """Read `fd` as bytes arrive, until `stop` and nothing more comes."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            if stop.is_set():
                return
            await asyncio.sleep(0.001)
            continue
        if not chunk:
            return
        into.extend(chunk)


@settings(max_examples=30, deadline=None)
@given(frames=st.lists(st.binary(min_size=1, max_size=200_000), min_size=1, max_size=12))
def test_the_outbox_delivers_every_frame_in_order(frames: list[bytes]) -> None:
    async def main() -> bytes:
        read, write = os.pipe()
        os.set_blocking(read, False)
        outbox = Outbox(write, limit=100_000)
        received = bytearray()
        stop = asyncio.Event()
        reader = asyncio.ensure_future(_drain(read, received, stop))
        for frame in frames:
            outbox.put(frame)
            await outbox.room()
        while outbox.waiting_bytes:
            await asyncio.sleep(0.001)
        stop.set()
        await reader
        os.close(read)
        os.close(write)
        return bytes(received)

    assert asyncio.run(main()) == b"".join(frames)


def test_the_outbox_holds_its_writer_back_beyond_its_limit_and_lets_it_go_when_read() -> None:
    async def main() -> None:
        read, write = os.pipe()
        outbox = Outbox(write, limit=100_000)
        outbox.put(b"x" * 2_000_000)  # far beyond what a pipe and the limit hold
        room = asyncio.ensure_future(outbox.room())
        await asyncio.sleep(0.2)
        assert not room.done(), "the writer must wait while the reader lags"
        os.set_blocking(read, False)
        received = bytearray()
        stop = asyncio.Event()
        reader = asyncio.ensure_future(_drain(read, received, stop))
        await asyncio.wait_for(room, 10)
        while outbox.waiting_bytes:
            await asyncio.sleep(0.001)
        stop.set()
        await reader
        assert len(received) == 2_000_000
        os.close(read)
        os.close(write)

    asyncio.run(main())


def test_a_gone_reader_breaks_the_outbox_without_holding_anyone() -> None:
    async def main() -> None:
        read, write = os.pipe()
        outbox = Outbox(write, limit=10)
        os.close(read)
        outbox.put(b"lost")
        await asyncio.wait_for(outbox.room(), 1)
        assert outbox.broken
        os.close(write)

    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python sets it
    try:
        asyncio.run(main())
    finally:
        signal.signal(signal.SIGPIPE, previous)


def test_what_still_waits_at_the_end_is_handed_over_whole() -> None:
    async def main() -> tuple[Outbox, bytes, int]:
        read, write = os.pipe()
        outbox = Outbox(write, limit=1 << 30)
        for n in range(40):
            outbox.put(bytes([n]) * 10_000)
        return outbox, outbox.detach(), read

    outbox, left, read = asyncio.run(main())
    assert outbox.waiting_bytes == 0
    already = b""
    os.set_blocking(read, False)
    while True:
        try:
            chunk = os.read(read, 1 << 20)
        except BlockingIOError:
            break
        already += chunk
    assert already + left == b"".join(bytes([n]) * 10_000 for n in range(40))


# ------------------------------------------------------------------ the judging process


def _exchange(number: int, identity: int | None = 1) -> Exchange:
    return Exchange(
        at=time.time(),
        method="GET",
        raw_path="/v2/orders",  # outside the spec: judged as forwarded unchecked
        query="",
        request_headers=[(b"apca-api-key-id", b"PKSECRETKEY000000001")],
        operation=None,
        identity=identity,
        number=number,
        outside="GET /v2/orders",
        secrets=["PKSECRETKEY000000001"],
    )


def _events(count: int) -> bytes:
    stream = b""
    answer = UpstreamAnswer(200, [(b"content-type", b"application/json")], b"[]")
    verdict = RequestVerdict(route=Route(None))
    for number in range(1, count + 1):
        stream += pickle.dumps((BEGIN, number, 1, "GET", None))
        if number % 3 == 0:
            stream += pickle.dumps((ABANDON, number))
        elif number % 3 == 1:
            stream += pickle.dumps((ANSWERED, _exchange(number), answer, verdict))
        else:
            stream += pickle.dumps((OBSERVE, _exchange(number)))
    return stream


def _settings(tmp_path: Path) -> WorkerSettings:
    return WorkerSettings(
        base_url="http://127.0.0.1:1",
        recording=str(tmp_path / "recording.jsonl"),
        record_limit=1 << 20,
        console=False,
    )


def test_the_worker_observes_every_exchange_handed_over_and_records_it(tmp_path: Path) -> None:
    session = run(_settings(tmp_path), io.BytesIO(_events(9)), _Stop())
    summary = session.summary()
    assert summary.exchanges == 6  # 3 abandoned: never observed
    lines = (tmp_path / "recording.jsonl").read_text().splitlines()
    assert len(lines) == 6
    assert "PKSECRETKEY000000001" not in "".join(lines)


def test_a_stream_cut_mid_event_ends_the_session_with_what_came_whole(tmp_path: Path) -> None:
    stream = _events(8)  # its last event hands exchange 8 over, and is cut
    session = run(_settings(tmp_path), io.BytesIO(stream[: len(stream) - 10]), _Stop())
    assert session.summary().exchanges == 5


def test_a_stop_counts_the_rest_as_not_judged(tmp_path: Path) -> None:
    stop = _Stop()
    stop.requested = True
    session = run(_settings(tmp_path), io.BytesIO(_events(9)), stop)
    assert session.summary(not_judged=stop.not_judged).exchanges == 0
    assert stop.not_judged == 6


def _rate_limited(answered_at: float) -> tuple[Exchange, UpstreamAnswer]:
    exchange = Exchange(
        at=answered_at - 0.1,
        method="GET",
        raw_path="/v2/account",
        query="",
        request_headers=[],
        operation="getAccount",
        identity=1,
        answered_at=answered_at,
    )
    headers = [
        (b"content-type", b"application/json"),
        (b"x-ratelimit-limit", b"200"),
        (b"x-ratelimit-remaining", b"199"),
        (b"x-ratelimit-reset", str(int(time.time() - 29)).encode()),
    ]
    return exchange, UpstreamAnswer(200, headers, b"{}")


def test_the_reset_is_judged_when_the_answer_arrived_however_late_the_checks_run() -> None:
    """The checks may run long after the answer (a busy machine); the reset 1 s after the
    answer arrived is no violation then, and one 29 s before now is, judged now."""

    def rate_limit(exchange: Exchange) -> str | None:
        found = [p for c, p in exchange.results if c.startswith("HEADERS-RATE-LIMIT")]
        found += [p for c, p in exchange.warnings if c.startswith("HEADERS-RATE-LIMIT")]
        assert found, exchange.results
        return found[0]

    verdict = RequestVerdict(route=Route("getAccount"))
    on_time, answer = _rate_limited(answered_at=time.time() - 30)
    judge_answer(on_time, answer, verdict)
    assert rate_limit(on_time) is None
    judged_now, answer = _rate_limited(answered_at=0.0)  # no arrival known: judged as of now
    judge_answer(judged_now, answer, verdict)
    assert rate_limit(judged_now) is not None


# ------------------------------------------------------------------ the command


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def _start_proxy(upstream: str, reports: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "alpaca_conformance", "proxy", "--upstream", upstream,
         "--port", "0", "--report-dir", str(reports), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line.split(": ", 1)[1].split(" ->")[0]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc for the worker")
def test_ctrl_c_in_a_terminal_reaches_the_worker_too_and_every_exchange_is_judged(
    tmp_path: Path,
) -> None:
    """A terminal's Ctrl-C goes to the whole process group: the judging process ignores it,
    judges what it was handed, and the report holds every exchange."""
    reports = tmp_path / "reports"
    with served_mock() as upstream:
        process, url = _start_proxy(upstream, reports)
        try:
            for _ in range(20):
                assert httpx.get(f"{url}/v2/account", headers=_headers()).status_code == 200
            os.killpg(process.pid, signal.SIGINT)
            assert process.wait(timeout=60) == 130
        finally:
            process.kill()
    report = (reports / "report.md").read_text()
    assert "INTERRUPTED" in report
    assert "NOT JUDGED" not in report
    assert process.stdout is not None
    assert "20 exchange(s)" in process.stdout.read()
    lines = (reports / "recording.jsonl").read_text().splitlines()
    assert len(lines) == 20


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc for the worker")
def test_a_judging_process_that_dies_is_exit_5_and_traffic_still_flows(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    with served_mock() as upstream:
        process, url = _start_proxy(upstream, reports)
        try:
            assert httpx.get(f"{url}/v2/account", headers=_headers()).status_code == 200
            (worker,) = _children(process.pid)
            os.kill(worker, signal.SIGKILL)
            time.sleep(0.2)
            for _ in range(3):  # forwarded as before; the first one finds the pipe broken
                assert httpx.get(f"{url}/v2/account", headers=_headers()).status_code == 200
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 5
        finally:
            process.kill()
    assert process.stderr is not None
    said = process.stderr.read()
    assert "the checks' process stopped" in said
    assert "no report is written; exit 5" in said
    assert "Traceback" not in said
