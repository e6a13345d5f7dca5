"""`alpaca-conformance`: run the conformance suite and report, operation by check.

    alpaca-conformance                       the in-process mock (default, offline, fastest)
    alpaca-conformance --base-url URL        any server; our mock served over HTTP included
    alpaca-conformance proxy --upstream URL  your own code's traffic, checked and recorded
                                             (see `alpaca-conformance proxy --help`)
    alpaca-conformance --paper               Alpaca's paper API, keys from APCA_API_KEY_ID and
                                             APCA_API_SECRET_KEY (exit 2 without them, unless
                                             --skip-without-keys)
    --admin-token   the admin token of our mock served with --admin (or ALPACA_MOCK_ADMIN_TOKEN)
    --allow-close   also run the operations that close positions on a target that is not our mock
    --second-key-id/--second-secret-key
                    a second account, for object_level_authorization and account isolation
                    (our mock's second account by default when testing our mock)
    --max-rate N    at most N requests a second; 429s are always waited out
    --max-requests N, --max-minutes M
                    a budget: at most N requests, done within M minutes (3 by default
                    against a target that sends rate-limit headers); the client checks and
                    every operation's first case run first, the reports say what was left out;
                    --no-budget runs everything
    --deep          many more examples (nightly)
    --json          print the outcome as JSON on stdout (the table goes to stderr)

It drives pytest in this process over the suite (contract_tests/alpaca_conformance/suite),
isolated from the caller: the current directory's pytest configuration, conftest.py files,
PYTEST_ADDOPTS and installed pytest plugins are not loaded. Reports: report.md, junit.xml (one
testcase per operation x check), results.json; the Markdown is appended to
$GITHUB_STEP_SUMMARY when that is set.

Exit status:
  0    every check that ran passed
  1    the target does not conform (a check failed)
  2    bad usage: a bad URL or --app, --paper without keys, credentials that cannot be sent
       (a secret ending in a line break; never shown), keys the target refuses, a
       selection (-k) under which no check ran, or a suite that could not start (an --app
       factory that raises)
  3    the target cannot be reached or is not this API (found within 10 s, before any test),
       or it stopped answering mid-run (the reports keep the checks that ran before)
  130  interrupted (Ctrl-C); the reports are written and say the run is incomplete
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from alpaca_conformance import interrupts, pacing, progress, target_gone
from alpaca_conformance.budget import load_report, minutes_said, rate_limit_of, summary_lines
from alpaca_conformance.preflight import (
    UNREACHABLE,
    USAGE,
    Problem,
    check_app,
    check_base_url,
    check_target,
)
from alpaca_conformance.reports import as_json, print_summary, write_all
from alpaca_conformance.results import FAILED, Results
from alpaca_conformance.settings import PAPER_URL, Settings
from alpaca_conformance.targets import SECOND_KEY_ENV, SECOND_SECRET_ENV

SUITE = Path(__file__).with_name("suite")
DEFAULT_MINUTES = 3.0  # against a rate-limited target: what users give a CI step
N = TypeVar("N", int, float)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alpaca-conformance",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--base-url", help="test the server at this URL instead of the in-process mock"
    )
    where.add_argument(
        "--paper", action="store_true", help=f"test Alpaca's paper API ({PAPER_URL})"
    )
    where.add_argument(
        "--app", help="test an ASGI app in-process, given as 'package.module:factory'"
    )
    parser.add_argument(
        "--allow-close",
        action="store_true",
        help="close positions on a target that is not our mock",
    )
    parser.add_argument(
        "--admin-token",
        help="the admin token of our mock served with --admin, so the suite can reset it "
        "between cases; prefer ALPACA_MOCK_ADMIN_TOKEN: other local users can read a "
        "command line in the process list",
    )
    parser.add_argument("--deep", action="store_true", help="many more examples (nightly runs)")
    parser.add_argument(
        "--max-requests",
        type=_whole_number,
        metavar="N",
        help="at most N requests to the target in all; what matters most runs first, and the "
        "reports say what was left out",
    )
    parser.add_argument(
        "--max-minutes",
        type=_minutes,
        metavar="M",
        help="finish within M minutes, planned from the target's rate-limit headers "
        f"(default: {DEFAULT_MINUTES:g} against a target that sends them, e.g. the paper API; "
        "none in-process or with --deep)",
    )
    parser.add_argument(
        "--no-budget",
        action="store_true",
        help="run every example whatever it takes (about 7.5 minutes at 200 requests a minute)",
    )
    parser.add_argument(
        "--second-key-id",
        help="a second account's key id, for object_level_authorization and account isolation "
        f"(default: {SECOND_KEY_ENV}; our mock's second account when testing our mock)",
    )
    parser.add_argument(
        "--second-secret-key",
        help=f"that account's secret (default: {SECOND_SECRET_ENV}; never shown)",
    )
    parser.add_argument(
        "--max-rate",
        type=_rate,
        metavar="PER_SECOND",
        help="at most this many requests a second to the target (a shared server); 429s are "
        "always waited out until X-Ratelimit-Reset",
    )
    parser.add_argument(
        "--seed", type=int, default=Settings.seed, help="kept for the record in reports"
    )
    parser.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go")
    parser.add_argument("-k", dest="keyword", help="only tests matching this pytest expression")
    parser.add_argument("-q", "--quiet", action="store_true", help="less progress output")
    parser.add_argument(
        "--skip-without-keys",
        action="store_true",
        help="with --paper and no keys: skip (exit 0, said in the reports) instead of exit 2",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the outcome as JSON on stdout (for machines)"
    )
    return parser


def _within(convert: Callable[[str], N], low: N, high: N, unit: str = "") -> Callable[[str], N]:
    """An argparse type: `convert`'s number from low to high, else an error naming the rule
    (the text shown cut to 40 characters)."""
    kind = "a whole number" if convert is int else "a number"

    def parse(text: str) -> N:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {kind}, got {text[:40]!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be between {low} and {high}{unit}, got {text[:40]}"
            )
        return value

    return parse


_rate = _within(float, 0.01, 1000)
_whole_number = _within(int, 1, 10_000_000)
_minutes = _within(float, 0.5, 1440, " minutes")


def _bad_credentials(base_url: str | None) -> str | None:
    """Why the credentials in the environment cannot be used, naming the variable; or None.

    Checked before anything runs: a secret with a stray line ending would otherwise fail deep
    in the HTTP stack, in messages that carry it in escaped forms; and an admin token that
    the served mock refuses would otherwise leave it unreset, failing checks for no reason."""
    from alpaca_mock.admin import TOKEN_ENV, check_token
    from alpaca_trading.auth import check_credential

    from alpaca_conformance.targets import admin_refusal

    try:
        for name in ("APCA_API_KEY_ID", "APCA_API_SECRET_KEY", SECOND_KEY_ENV, SECOND_SECRET_ENV):
            if os.environ.get(name):
                check_credential(os.environ[name], name)
        if bool(os.environ.get(SECOND_KEY_ENV)) != bool(os.environ.get(SECOND_SECRET_ENV)):
            return "--second-key-id and --second-secret-key go together"
        token = os.environ.get(TOKEN_ENV)
        if token:
            check_token(token, f"the admin token (--admin-token or {TOKEN_ENV})")
    except ValueError as exc:  # ConfigurationError included
        return str(exc)
    return admin_refusal(base_url) if token and base_url else None


def _usage_problem(args: argparse.Namespace) -> Problem | None:
    """Everything that makes the command unusable as called: exit 2, before anything runs."""
    if args.base_url is not None:
        problem = check_base_url(args.base_url)
        if problem is not None:
            return problem
    if args.app is not None:
        problem = check_app(args.app)
        if problem is not None:
            return problem
    said = _bad_credentials(PAPER_URL if args.paper else args.base_url)
    if said is not None:
        return Problem(USAGE, f"{said}; nothing was sent")
    return None


def _isolated_pytest_args(args: argparse.Namespace) -> list[str]:
    """pytest's arguments for the suite alone: its own ini file, no conftest.py above it, no
    cache, only the plugins it needs (autoload is turned off in the environment)."""
    pytest_args = [
        str(SUITE),
        "-c", str(SUITE / "pytest.ini"),
        "--rootdir", str(SUITE),
        "--confcutdir", str(SUITE),
        "-p", "no:cacheprovider",
        "-p", "anyio.pytest_plugin",
        "-p", "_hypothesis_pytestplugin",
        "-p", "schemathesis.pytest.plugin",
        "--tb=short",
        "-q" if args.quiet or args.json else "-v",
    ]  # fmt: skip
    if args.keyword:
        pytest_args += ["-k", args.keyword]
    return pytest_args


def _budget_minutes(
    args: argparse.Namespace, rate_limit: tuple[int, int, float] | None
) -> float | None:
    """--max-minutes, else DEFAULT_MINUTES against a target that sends rate-limit headers
    (not with --deep or --no-budget); the budget is said before the run starts."""
    minutes: float | None = args.max_minutes
    if minutes is None and rate_limit is not None and not (args.deep or args.no_budget):
        minutes = DEFAULT_MINUTES
    if minutes is not None or args.max_requests is not None:
        said = [f"at most {args.max_requests} requests"] if args.max_requests else []
        said += [f"within {minutes_said(minutes)}"] if minutes else []
        if rate_limit is not None:
            said.append(f"the target allows {rate_limit[0]} requests a window")
        print(
            f"alpaca-conformance: budget: {', '.join(said)}; what matters most runs first "
            "(--no-budget runs everything)",
            file=sys.stderr,
            flush=True,
        )
    return minutes


@contextlib.contextmanager
def _hypothesis_home_elsewhere() -> Iterator[None]:
    """Hypothesis keeps a cache in ./.hypothesis; the run writes it to a temporary folder,
    removed after, so nothing lands in the caller's directory outside --report-dir."""
    from hypothesis.configuration import set_hypothesis_home_dir

    with tempfile.TemporaryDirectory(prefix="alpaca-conformance-") as scratch:
        set_hypothesis_home_dir(Path(scratch) / ".hypothesis")
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["proxy"]:
        from alpaca_conformance.proxy.cli import main as proxy

        return proxy(argv[1:])
    args = _parser().parse_args(argv)
    if args.admin_token:
        print(
            "alpaca-conformance: warning: --admin-token is readable by other local users in "
            "the process list; set ALPACA_MOCK_ADMIN_TOKEN instead",
            file=sys.stderr,
        )
        os.environ["ALPACA_MOCK_ADMIN_TOKEN"] = args.admin_token
    if args.second_key_id:
        os.environ[SECOND_KEY_ENV] = args.second_key_id
    if args.second_secret_key:
        os.environ[SECOND_SECRET_ENV] = args.second_secret_key
    problem = _usage_problem(args)
    if args.no_budget and (args.max_minutes or args.max_requests):
        problem = Problem(USAGE, "--no-budget goes with neither --max-minutes nor --max-requests")
    if problem is not None:
        print(f"alpaca-conformance: {problem.message}", file=sys.stderr)
        return problem.code
    base_url = PAPER_URL if args.paper else args.base_url
    if args.paper and not (
        os.environ.get("APCA_API_KEY_ID") and os.environ.get("APCA_API_SECRET_KEY")
    ):
        if not args.skip_without_keys:
            print(
                "alpaca-conformance: --paper needs APCA_API_KEY_ID and APCA_API_SECRET_KEY (paper "
                "keys); nothing was sent. Pass --skip-without-keys to make this a skip (exit 0), "
                "e.g. for pull requests from forks, which get no secrets",
                file=sys.stderr,
            )
            return USAGE
        message = (
            "SKIPPED: --paper without APCA_API_KEY_ID/APCA_API_SECRET_KEY (--skip-without-keys)"
        )
        print(f"alpaca-conformance: {message}; nothing was sent", file=sys.stderr)
        write_all(Results(), args.report_dir, f"Conformance of {PAPER_URL}", 0.0, banner=message)
        return 0
    run_started = time.time()  # the budget's deadline counts from here, preflight included
    rate_limit = None
    if base_url is not None:
        from alpaca_conformance.targets import build_target

        target = build_target(Settings(base_url=base_url))
        problem, seen = check_target(target.base_url, target.headers, target.secrets)
        if problem is not None:
            print(f"alpaca-conformance: {problem.message}", file=sys.stderr)
            return problem.code
        mode = target.mode()
        rate_limit = rate_limit_of(seen)
    elif args.app:
        mode = "reset before each case if the app exposes a world, as our mock does"
    else:
        mode = "reset to its seed before each case"
    where = base_url or args.app or "in-process mock"
    print(f"alpaca-conformance: target {where}: {mode}", file=sys.stderr, flush=True)
    max_minutes = _budget_minutes(args, rate_limit)
    settings = Settings(
        base_url=base_url,
        app=args.app,
        allow_close=args.allow_close,
        deep=args.deep,
        seed=args.seed,
        report_dir=args.report_dir,
        max_rate=args.max_rate,
        max_requests=args.max_requests,
        max_minutes=max_minutes,
        started=run_started,
        rate_limit=rate_limit,
    )
    args.report_dir.mkdir(parents=True, exist_ok=True)
    results_file = args.report_dir / "results.json"
    results_file.unlink(missing_ok=True)
    budget_file = args.report_dir / "budget.json"
    budget_file.unlink(missing_ok=True)
    os.environ.update(settings.to_env())
    for leaking in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "SCHEMATHESIS_HOOKS"):
        os.environ.pop(leaking, None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    import pytest

    interrupts.install()
    progress.open_stream()
    started = time.monotonic()
    try:
        # With --json, stdout is the JSON document alone: pytest's own output goes to stderr.
        with (
            contextlib.redirect_stdout(sys.stderr) if args.json else contextlib.nullcontext(),
            _hypothesis_home_elsewhere(),
        ):
            code = pytest.main(_isolated_pytest_args(args))
    except KeyboardInterrupt:
        code = pytest.ExitCode.INTERRUPTED
    elapsed = time.monotonic() - started
    # pytest also says INTERRUPTED for an error while collecting (the suite could not even
    # build its target): only a real Ctrl-C, which interrupts.py saw, is an interruption.
    interrupted = interrupts.INTERRUPTED.is_set()
    results = Results.load(results_file)
    title = f"Conformance of {where} to openapi/alpaca-trading-v2.yaml"
    if interrupted:
        exit_code, verdict = 130, "interrupted"
        banner = "INTERRUPTED (Ctrl-C): the run is incomplete; what ran is below"
    elif target_gone.GONE.is_set():
        exit_code, verdict = UNREACHABLE, "the target stopped answering"
        failed = sum(1 for outcome in results.outcomes.values() if outcome.status == FAILED)
        banner = (
            f"THE TARGET STOPPED ANSWERING mid-run ({target_gone.reason()}): the run is "
            f"incomplete; the checks below ran before it went away ({failed} of them failed)"
        )
    elif code in (
        pytest.ExitCode.INTERRUPTED,
        pytest.ExitCode.INTERNAL_ERROR,
        pytest.ExitCode.USAGE_ERROR,
    ):
        exit_code, verdict = USAGE, "the suite could not run"
        banner = f"THE SUITE COULD NOT RUN (pytest exit {int(code)}): the error is above"
    elif not results.outcomes:
        exit_code, verdict = USAGE, "no check ran"
        selection = f" (-k {args.keyword!r} selects nothing)" if args.keyword else ""
        banner = f"NO CHECK RAN{selection}"
    elif code not in (0, 5) or results.any_failed:
        exit_code, verdict, banner = 1, "does not conform", ""
    else:
        exit_code, verdict, banner = 0, "conforms", ""
    spent = load_report(budget_file)
    budget_said = summary_lines(spent) if spent is not None else []
    if spent is not None and spent.get("incomplete") and not banner:
        banner = (
            f"THE BUDGET LEFT PARTS OUT: {spent['incomplete']}; every check that ran "
            f"{'passed' if exit_code == 0 else 'is below'} (what and why: Budget)"
        )
    write_all(results, args.report_dir, title, elapsed, interrupted, banner, budget_said)
    out = sys.stderr if args.json else sys.stdout
    print_summary(results, title, banner, out)
    if budget_said:
        print("\n" + "\n".join(budget_said), file=out)
    if pacing.PACER.waits:
        print(
            f"\nrate limit: waited {pacing.PACER.waits} times for the window to reset "
            f"({pacing.PACER.resends} requests answered 429 and sent again)",
            file=out,
        )
    print(
        f"\n{verdict}: exit {exit_code}; wall time {elapsed:.1f} s; reports: "
        f"{args.report_dir / 'report.md'}, {args.report_dir / 'junit.xml'}",
        file=out,
    )
    if args.json:
        print(as_json(results, verdict, exit_code, elapsed, spent))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
