"""`alpaca-conformance`: run the conformance suite and report, operation by check.

    alpaca-conformance                       the in-process mock (default, offline, fastest)
    alpaca-conformance --base-url URL        any server; our mock served over HTTP included
    alpaca-conformance --paper               Alpaca's paper API, keys from APCA_API_KEY_ID and
                                             APCA_API_SECRET_KEY (skipped without them)
    --admin-token   the admin token of our mock served with --admin (or ALPACA_MOCK_ADMIN_TOKEN)
    --allow-close   also run the operations that close positions on a target that is not our mock
    --deep          many more examples (nightly)

It drives pytest in this process over the suite (contract_tests/alpaca_conformance/suite):
pytest gives progress, JUnit XML and Hypothesis' shrinking for free; the suite records each
check's outcome, from which this command prints the summary table and writes reports/report.md.
Exit status: 0 when every check passed, 1 on any failure, 2 on bad usage (credentials that
cannot be sent, such as a secret ending in a line break, included; the value is never shown).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from alpaca_conformance.results import Results
from alpaca_conformance.settings import PAPER_URL, Settings

SUITE = Path(__file__).with_name("suite")


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
        "between cases (default: ALPACA_MOCK_ADMIN_TOKEN)",
    )
    parser.add_argument("--deep", action="store_true", help="many more examples (nightly runs)")
    parser.add_argument(
        "--seed", type=int, default=Settings.seed, help="kept for the record in reports"
    )
    parser.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go")
    parser.add_argument("-k", dest="keyword", help="only tests matching this pytest expression")
    parser.add_argument("-q", "--quiet", action="store_true", help="less progress output")
    return parser


def _bad_credentials(base_url: str | None) -> str | None:
    """Why the credentials in the environment cannot be used, naming the variable; or None.

    Checked before anything runs: a secret with a stray line ending would otherwise fail deep
    in the HTTP stack, in messages that carry it in escaped forms; and an admin token that
    the served mock refuses would otherwise leave it unreset, failing checks for no reason."""
    from alpaca_mock.admin import TOKEN_ENV, check_token
    from alpaca_trading.auth import check_credential

    from alpaca_conformance.targets import admin_refusal

    try:
        for name in ("APCA_API_KEY_ID", "APCA_API_SECRET_KEY"):
            if os.environ.get(name):
                check_credential(os.environ[name], name)
        token = os.environ.get(TOKEN_ENV)
        if token:
            check_token(token, f"the admin token (--admin-token or {TOKEN_ENV})")
    except ValueError as exc:  # ConfigurationError included
        return str(exc)
    return admin_refusal(base_url) if token and base_url else None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.admin_token:
        os.environ["ALPACA_MOCK_ADMIN_TOKEN"] = args.admin_token
    problem = _bad_credentials(PAPER_URL if args.paper else args.base_url)
    if problem is not None:
        print(f"alpaca-conformance: {problem}; nothing was sent", file=sys.stderr)
        return 2
    base_url = PAPER_URL if args.paper else args.base_url
    if args.paper and not (
        os.environ.get("APCA_API_KEY_ID") and os.environ.get("APCA_API_SECRET_KEY")
    ):
        print(
            "alpaca-conformance: skipped: --paper needs APCA_API_KEY_ID and APCA_API_SECRET_KEY "
            "(paper keys); nothing was sent",
            file=sys.stderr,
        )
        return 0
    settings = Settings(
        base_url=base_url,
        app=args.app,
        allow_close=args.allow_close,
        deep=args.deep,
        seed=args.seed,
        report_dir=args.report_dir,
    )
    args.report_dir.mkdir(parents=True, exist_ok=True)
    results_file = args.report_dir / "results.json"
    results_file.unlink(missing_ok=True)
    os.environ.update(settings.to_env())
    pytest_args = [
        str(SUITE),
        "-p", "no:cacheprovider",
        f"--junitxml={args.report_dir / 'junit.xml'}",
        "-o", "junit_family=xunit2",
        "--tb=short",
        "-q" if args.quiet else "-v",
    ]  # fmt: skip
    if args.keyword:
        pytest_args += ["-k", args.keyword]
    import pytest

    started = time.monotonic()
    code = pytest.main(pytest_args)
    elapsed = time.monotonic() - started
    results = Results.load(results_file)
    target = base_url or args.app or "in-process mock"
    title = f"Conformance of {target} to openapi/alpaca-trading-v2.yaml"
    (args.report_dir / "report.md").write_text(results.markdown(title), encoding="utf-8")
    print(f"\n{title}\n")
    print(results.table())
    print(
        f"\nwall time {elapsed:.1f} s; reports: "
        f"{args.report_dir / 'report.md'}, {args.report_dir / 'junit.xml'}"
    )
    if code not in (0, 5) or results.any_failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
