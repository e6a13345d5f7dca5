"""`alpaca-conformance proxy`: run your own code through a proxy that checks every exchange.

    alpaca-conformance proxy --upstream https://paper-api.alpaca.markets --port 8790
    APCA_API_BASE_URL=http://127.0.0.1:8790 python my_bot.py      # your code, your keys
    cat reports/report.md                                           # after the proxy stops

or in one step (CI): the command runs with APCA_API_BASE_URL set to the proxy, and its end
ends the session:

    alpaca-conformance proxy --upstream https://paper-api.alpaca.markets -- python my_bot.py

Every request is checked against the spec before it is forwarded; one that breaks it is
answered as Alpaca would answer it (a 422 naming the parameter, a 404 for a symbol with a
raw slash) with the header `X-Alpaca-Proxy: refused`, and never reaches the upstream, unless
--forward-invalid (then it is forwarded, and flagged). Every answer is passed through byte for
byte, then checked: status, headers, body, and the suite's business invariants. Requests the
spec does not describe (orders, the clock ...) are forwarded unchecked and counted.

Credentials pass through untouched and are written nowhere. The recording
(<report-dir>/recording.jsonl, one exchange a line, credentials redacted, ids kept) can seed
the mock: `alpaca-mock --from-recording reports/recording.jsonl`.

The session ends when the wrapped command exits, after --duration seconds, after --until-idle
seconds without a request, on SIGTERM, or on Ctrl-C (a command still running is then sent
SIGTERM); then report.md, junit.xml and results.json are written (the suite's
formats; the Markdown is also appended to $GITHUB_STEP_SUMMARY when that is set).

Exit status:
  0    every exchange kept the spec
  1    a violation: a request that broke the spec (refused or forwarded), or an answer that did
  2    bad usage: a bad --upstream, a live upstream without --live, plain http to a remote
       host, a port that cannot be listened on, a command that cannot be started, or no
       request reached the proxy at all
  3    the upstream cannot be reached (before the session), or gave no answer to a request
  4    the wrapped command failed (exit status not 0), and every exchange kept the spec
  5    the checks could not finish: their process died, or was stopped twice while it caught
       up; no report is written
  130  interrupted (Ctrl-C): the reports are written and say so (and, when a second Ctrl-C
       stopped the checks catching up, how many exchanges were not judged)

The checks run in a second process at the lowest CPU priority, after each answer has gone
back: on a busy machine they lag behind (64 MiB of exchanges at most) and catch up when the
traffic pauses, or at the end.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from alpaca_mock.recording import MAX_LINE_BYTES
from alpaca_trading.deadline import DEADLINE, deadline_transport

from alpaca_conformance.preflight import UNREACHABLE, USAGE, check_base_url
from alpaca_conformance.proxy.app import ProxyApp
from alpaca_conformance.proxy.judging import Judging
from alpaca_conformance.proxy.serving import Ending, PortError, bind, serve
from alpaca_conformance.proxy.session import Summary
from alpaca_conformance.proxy.upstream import Upstream
from alpaca_conformance.proxy.worker import WorkerSettings
from alpaca_conformance.proxy.wrapped import CommandResult, WrappedCommand
from alpaca_conformance.reports import as_json, print_summary, write_all

LIVE_HOSTS = frozenset({"api.alpaca.markets"})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
PROBE_SECONDS = 10.0
COMMAND_FAILED = 4
CHECKS_LOST = 5


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most a week, got {text}")
    return value


def _mebibytes(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1024 * 1024:
        raise argparse.ArgumentTypeError(f"must be a whole number of MiB, 1-1048576, got {text!r}")
    return int(text)


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number 0-65535, got {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alpaca-conformance proxy",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--upstream",
        required=True,
        help="where to forward: Alpaca's paper API (https://paper-api.alpaca.markets) or a "
        "served mock",
    )
    parser.add_argument(
        "--port", type=_port, default=8790, help="port on 127.0.0.1 (default 8790; 0: any free)"
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="allow a live upstream (api.alpaca.markets: real money); refused without it",
    )
    parser.add_argument(
        "--forward-invalid",
        action="store_true",
        help="forward requests that break the spec (flagged: X-Alpaca-Proxy: forwarded-invalid "
        "and a violation) instead of answering them",
    )
    parser.add_argument("--duration", type=_seconds, help="end the session after this many seconds")
    parser.add_argument(
        "--until-idle",
        type=_seconds,
        metavar="SECONDS",
        help="end the session after this many seconds without a request",
    )
    parser.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go")
    record = parser.add_mutually_exclusive_group()
    record.add_argument(
        "--record", type=Path, help="the recording's file (default <report-dir>/recording.jsonl)"
    )
    record.add_argument("--no-record", action="store_true", help="record nothing")
    parser.add_argument(
        "--record-limit",
        type=_mebibytes,
        default=1024,
        metavar="MiB",
        help="the recording's size, at most (default 1024 MiB); beyond it exchanges are "
        "counted, not written",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=30.0, help="seconds the upstream has per answer (30)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no line per violation")
    parser.add_argument(
        "--json", action="store_true", help="print the outcome as JSON on stdout (for machines)"
    )
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        help="after --: a command to run through the proxy (APCA_API_BASE_URL is set for it); "
        "the session ends when it exits",
    )
    return parser


def _upstream_problem(upstream: str, live: bool) -> str | None:
    problem = check_base_url(upstream)
    if problem is not None:
        return problem.message.replace("--base-url", "--upstream")
    parts = urlsplit(upstream)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.path not in ("", "/"):
        return f"--upstream must be the server's root URL, without a path, got {parts.path!r}"
    if host in LIVE_HOSTS and not live:
        return (
            f"--upstream {host} is Alpaca's LIVE API (real money): refused without --live. "
            "For paper trading use https://paper-api.alpaca.markets"
        )
    if parts.scheme == "http" and host not in _LOOPBACK:
        return (
            f"--upstream http://{host}: credentials would cross the network unencrypted; "
            "use https (plain http is for a server on this machine)"
        )
    return None


def _unwritable(report_dir: Path) -> str | None:
    """Why the reports could not be written at the end, or None: found before the session."""
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / ".write-check").write_bytes(b"")
        (report_dir / ".write-check").unlink()
    except OSError as exc:
        return f"--report-dir {report_dir}: cannot be written ({exc.strerror})"
    return None


def _probe(upstream: str, timeout: float) -> str | None:
    """Why the upstream cannot be reached (one GET /v2/account without credentials), or None.

    Only the status line and headers are awaited, and within one deadline for the whole
    probe (the client's deadline transport): an upstream that trickles them a byte at a time
    is "cannot be reached", not a stall before the session."""
    seconds = min(PROBE_SECONDS, timeout)
    token = DEADLINE.set(time.monotonic() + seconds)
    try:
        with (
            httpx.Client(
                transport=deadline_transport(), timeout=seconds, trust_env=False
            ) as client,
            client.stream("GET", upstream.rstrip("/") + "/v2/account"),
        ):
            pass
    except httpx.HTTPError as exc:
        return f"the upstream {upstream} cannot be reached ({type(exc).__name__}: {exc})"[:300]
    finally:
        DEADLINE.reset(token)
    return None


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # before the session (the probe, the start): nothing to report
        print("alpaca-conformance proxy: interrupted before the session began", file=sys.stderr)
        return 130


def _main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    if args.command and args.command[0].startswith("-"):
        parser.error(f"unknown option {args.command[0]!r} (a command to wrap goes after --)")
    said = _upstream_problem(args.upstream, args.live)
    if said is not None:
        print(f"alpaca-conformance proxy: {said}; nothing was sent", file=sys.stderr)
        return USAGE
    unwritable = _unwritable(args.report_dir)
    if unwritable is not None:
        print(f"alpaca-conformance proxy: {unwritable}", file=sys.stderr)
        return USAGE
    try:
        sock = bind(args.port)
    except PortError as exc:
        print(f"alpaca-conformance proxy: {exc}", file=sys.stderr)
        return USAGE
    unreachable = _probe(args.upstream, args.timeout)
    if unreachable is not None:
        sock.close()
        print(f"alpaca-conformance proxy: {unreachable}", file=sys.stderr)
        return UNREACHABLE
    return _run(args, sock)


def _run(args: argparse.Namespace, sock: socket.socket) -> int:
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    recording = None if args.no_record else (args.record or args.report_dir / "recording.jsonl")
    if recording is not None:
        try:  # created (emptied) now: a path that cannot be written is bad usage, found early
            recording.parent.mkdir(parents=True, exist_ok=True)
            recording.open("wb").close()
        except OSError as exc:
            sock.close()
            print(f"alpaca-conformance proxy: {recording}: cannot be written ({exc.strerror})",
                  file=sys.stderr)  # fmt: skip
            return USAGE
    settings = WorkerSettings(
        base_url=url,
        recording=None if recording is None else str(recording),
        record_limit=args.record_limit * 1024 * 1024,
        console=not args.quiet,
    )
    try:
        judging = Judging(settings)
    except OSError as exc:
        sock.close()
        print(f"alpaca-conformance proxy: the checks' process cannot start ({exc})",
              file=sys.stderr)  # fmt: skip
        return USAGE
    app = ProxyApp(Upstream(args.upstream, timeout=args.timeout), judging, args.forward_invalid)
    command = WrappedCommand(args.command) if args.command else None
    ends = [
        "when the command exits" if command else "",
        f"after {args.duration:g} s" if args.duration else "",
        f"after {args.until_idle:g} s without a request" if args.until_idle else "",
        "on SIGTERM or Ctrl-C",
    ]

    def listening() -> None:
        print(f"alpaca-conformance proxy: {url} -> {args.upstream}", flush=True)
        print(
            f"  point your code at it: APCA_API_BASE_URL={url}; the session ends "
            f"{', '.join(e for e in ends if e)}",
            file=sys.stderr,
            flush=True,
        )
        if recording is not None:
            print(f"  recording to {recording}", file=sys.stderr, flush=True)

    ending = serve(app, sock, judging, args.duration, args.until_idle, listening, command)
    summary, lost = judging.finish()
    if summary is None:
        print(f"alpaca-conformance proxy: {lost}: no report is written; exit {CHECKS_LOST}",
              file=sys.stderr)  # fmt: skip
        return CHECKS_LOST
    if summary.record_left_out:
        print(
            f"alpaca-conformance proxy: the recording reached --record-limit "
            f"({args.record_limit} MiB): {summary.record_left_out} exchange(s) were not recorded",
            file=sys.stderr,
        )
    if summary.record_too_long:
        print(
            f"alpaca-conformance proxy: {summary.record_too_long} exchange(s) were not recorded:"
            f" each line would be longer than the {MAX_LINE_BYTES // 2**20} MiB a reader takes",
            file=sys.stderr,
        )
    return _report(args, summary, ending, recording)


def _command_said(result: CommandResult | None) -> str:
    if result is None:
        return ""
    if result.error:
        return f"THE COMMAND COULD NOT START: {result.error}"
    if result.stopped:
        return "the command was still running when the session ended, and was stopped"
    return f"the command exited with status {result.exit_code}"


def _report(
    args: argparse.Namespace, summary: Summary, ending: Ending, recording: Path | None
) -> int:
    results = summary.results
    reason, elapsed, ran = ending.reason, ending.elapsed, ending.command
    interrupted = ending.interrupted or summary.not_judged > 0
    if interrupted:
        code, verdict = 130, "interrupted"
        banner = "INTERRUPTED (Ctrl-C): the session ended early; what it saw is below"
        if summary.not_judged:
            banner += (
                f". {summary.not_judged} EXCHANGE(S) WERE NOT JUDGED: the checks were stopped"
                " while they caught up"
            )
    elif ran is not None and ran.error:
        code, verdict, banner = USAGE, "the command could not start", _command_said(ran)
    elif summary.violations:
        code, verdict, banner = 1, "does not conform", ""
    elif summary.upstream_failures:
        code, verdict = UNREACHABLE, "the upstream gave no answer"
        banner = f"THE UPSTREAM GAVE NO ANSWER to {summary.upstream_failures} request(s)"
    elif summary.exchanges == 0:
        code, verdict = USAGE, "no traffic"
        banner = "NO REQUEST REACHED THE PROXY: was your code pointed at it?"
    elif ran is not None and not ran.stopped and ran.exit_code not in (0, None):
        code, verdict = COMMAND_FAILED, "the command failed"
        banner = f"THE COMMAND FAILED: {_command_said(ran)}; every exchange kept the spec"
    else:
        code, verdict, banner = 0, "conforms", ""
    title = f"Traffic through the proxy to {args.upstream}, checked against the spec"
    write_all(results, args.report_dir, title, elapsed, interrupted, banner)
    out = sys.stderr if args.json else sys.stdout
    print_summary(results, title, banner, out)
    kept = f", recording: {recording}" if recording is not None else ""
    if ran is not None and not banner:
        print(f"\n{_command_said(ran)}", file=out)
    print(
        f"\n{verdict}: exit {code}; {summary.exchanges} exchange(s) in {elapsed:.1f} s "
        f"(ended: {reason}); reports: {args.report_dir / 'report.md'}, "
        f"{args.report_dir / 'junit.xml'}{kept}",
        file=out,
    )
    if args.json:
        print(as_json(results, verdict, code, elapsed))
    return code
