"""alpaca-conformance as another team's CI runs it: from another directory, with their pytest
setup around it, against servers that are down or not this API, with Ctrl-C. Exit codes,
messages and reports are the interface (see `alpaca-conformance --help`)."""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "caller-secret-NEVER-SHOWN-0123456789"


def conformance(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("APCA_", "ALPACA_"))}
    base["PYTHONPATH"] = str(ROOT)  # for --app tests.broken_mocks:...
    return subprocess.run(
        [sys.executable, "-m", "alpaca_conformance", "--report-dir", str(cwd / "reports"), *args],
        cwd=cwd, env={**base, **(env or {})}, capture_output=True, text=True,
        check=False, timeout=timeout,
    )  # fmt: skip


def outcomes(cwd: Path) -> dict[tuple[str, str], str]:
    data = json.loads((cwd / "reports" / "results.json").read_text())
    return {(o["operation"], o["check"]): o["status"] for o in data}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket is closed


@pytest.fixture
def html_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>Welcome to nginx</body></html>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# ------------------------------------------------------------------ 3: unreachable, not this API


def test_nothing_listening_is_exit_3_in_one_line(tmp_path: Path) -> None:
    result = conformance(
        tmp_path,
        "--base-url",
        f"http://127.0.0.1:{_closed_port()}",
        env={"APCA_API_KEY_ID": "PKCALLER", "APCA_API_SECRET_KEY": SECRET},
    )
    assert result.returncode == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("alpaca-conformance: cannot reach http://127.0.0.1:")
    assert "Traceback" not in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_web_page_is_not_this_api_exit_3(tmp_path: Path, html_server: str) -> None:
    result = conformance(tmp_path, "--base-url", html_server)
    assert result.returncode == 3
    assert "does not look like Alpaca's Trading API" in result.stderr
    assert "text/html" in result.stderr


# ------------------------------------------------------------------ 2: bad usage


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--base-url", "not-a-url"], "--base-url must be an http(s) URL"),
        (["--base-url", "http://u:p@127.0.0.1:9"], "user name or password"),
        (["--app", "no_such_module_xyz:factory"], "cannot import no_such_module_xyz"),
        (["--app", "tests.broken_mocks:no_such_factory"], "is not a callable"),
        (["--app", "tests.broken_mocks"], "must look like 'package.module:factory'"),
        (["--paper"], "--skip-without-keys"),
        (["--second-key-id", "PKSECOND"], "--second-key-id and --second-secret-key go together"),
        (
            ["--second-key-id", "PKSECOND", "--second-secret-key", SECRET + "\n"],
            "ALPACA_CONFORMANCE_SECOND_SECRET_KEY",
        ),
    ],
)
def test_bad_usage_is_exit_2_in_one_line(tmp_path: Path, args: list[str], said: str) -> None:
    result = conformance(tmp_path, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_an_app_that_cannot_be_built_is_exit_2_not_interrupted(tmp_path: Path) -> None:
    result = conformance(tmp_path, "-q", "--app", "tests.broken_mocks:factory_that_raises")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "THE SUITE COULD NOT RUN" in result.stdout
    assert "this app cannot be built" in result.stdout + result.stderr
    assert "INTERRUPTED" not in result.stdout


def test_paper_without_keys_skips_only_when_asked_and_says_so(tmp_path: Path) -> None:
    result = conformance(tmp_path, "--paper", "--skip-without-keys")
    assert result.returncode == 0
    assert "SKIPPED" in result.stderr
    assert "SKIPPED" in (tmp_path / "reports" / "report.md").read_text()


def test_a_selection_that_runs_no_check_is_not_a_pass(tmp_path: Path) -> None:
    result = conformance(tmp_path, "-q", "-k", "nothing_matches_this")
    assert result.returncode == 2
    assert "NO CHECK RAN" in result.stdout
    assert "NO CHECK RAN" in (tmp_path / "reports" / "report.md").read_text()


def test_keys_the_target_refuses_are_exit_2(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    with served_mock("--rate-limit", "off") as url:
        result = conformance(
            tmp_path,
            "--base-url",
            url,
            env={"APCA_API_KEY_ID": "PKWRONG", "APCA_API_SECRET_KEY": SECRET},
        )
    assert result.returncode == 2
    assert "refuses these credentials" in result.stderr
    assert SECRET not in result.stdout + result.stderr


# ------------------------------------------------------------------ isolation from the caller


def test_the_callers_pytest_setup_does_not_leak_in(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\naddopts = ["-x", "-p", "no_such_plugin_of_the_caller"]\n'
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -x --maxfail=1\n")
    (tmp_path / "conftest.py").write_text("raise RuntimeError('the caller conftest was loaded')\n")
    result = conformance(
        tmp_path,
        "-q",
        "--app",
        "tests.broken_mocks:dropped_required_field",
        env={"PYTEST_ADDOPTS": "-x --no-such-option", "PYTEST_PLUGINS": "no_such_plugin"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "caller conftest" not in result.stdout + result.stderr
    seen = outcomes(tmp_path)
    assert seen[("getAccount", "response_schema_conformance")] == "failed"
    # not stopped at the first failure: every operation was checked
    assert len({operation for operation, _ in seen}) >= 7


def test_the_callers_schemathesis_and_hypothesis_setup_does_not_leak_in(tmp_path: Path) -> None:
    """A schemathesis.toml in the caller's directory (read by Schemathesis' own discovery), a
    SCHEMATHESIS_HOOKS module, and Hypothesis' ./.hypothesis cache: none changes the run or is
    written beside the caller's files."""
    clean = tmp_path / "clean"
    caller = tmp_path / "caller"
    clean.mkdir()
    caller.mkdir()
    (caller / "schemathesis.toml").write_text(
        '[generation]\nmode = "negative"\n\n[checks]\nenabled = false\n'
        "\n[phases.stateful]\nenabled = false\n"
    )
    (caller / "hooks.py").write_text("raise RuntimeError('the caller hooks were loaded')\n")
    selection = ("-q", "-k", "getAccount or Account or account")
    baseline = conformance(clean, *selection)
    assert baseline.returncode == 0, baseline.stdout + baseline.stderr
    result = conformance(caller, *selection, env={"SCHEMATHESIS_HOOKS": str(caller / "hooks.py")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert outcomes(caller) == outcomes(clean)
    for cwd in (clean, caller):
        theirs = ["hooks.py", "schemathesis.toml"] if cwd == caller else []
        assert sorted(p.name for p in cwd.iterdir()) == sorted(["reports", *theirs])
        assert not (cwd / "reports" / ".hypothesis").exists()


# ------------------------------------------------------------------ reports


def test_a_client_check_whose_expected_error_is_not_raised_is_in_every_report(
    tmp_path: Path,
) -> None:
    result = conformance(
        tmp_path,
        "-q",
        "--app",
        "tests.broken_mocks:close_beyond_available_accepted",
        "-k",
        "test_close_refusals_are_typed",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    check = "client: 403 beyond qty_available, 422 for both"
    assert outcomes(tmp_path)[("deleteOpenPosition", check)] == "failed"
    assert "0 failed" not in result.stdout
    assert f"### deleteOpenPosition: {check}" in (tmp_path / "reports" / "report.md").read_text()
    junit = ET.parse(tmp_path / "reports" / "junit.xml").getroot()
    failed = [c.get("name", "") for c in junit.iter("testcase") if c.find("failure") is not None]
    # and the order it answered is not for the qty asked, nor for the symbol: the invariants
    # name that too
    assert sorted(failed) == [
        "deleteOpenPosition.ANSWERS-THE-KEY: the answer is the object asked for",
        "deleteOpenPosition.CLOSE-REFUSAL: refusals say why; orders are for the qty asked",
        f"deleteOpenPosition.{check}",
    ]


def test_junit_has_a_testcase_per_operation_and_check_with_stable_names(tmp_path: Path) -> None:
    from alpaca_mock import DEFAULT_CREDENTIALS
    from alpaca_mock.served import served_mock

    summary = tmp_path / "summary.md"
    keys = DEFAULT_CREDENTIALS[0]  # given as a user's keys: a target that is not "our mock",
    # so the closing operations are skipped (without --allow-close), with their reasons
    with served_mock("--rate-limit", "off") as url:
        result = conformance(
            tmp_path, "-q", "--json", "--base-url", url,
            env={"GITHUB_STEP_SUMMARY": str(summary), "APCA_API_KEY_ID": keys.key_id,
                 "APCA_API_SECRET_KEY": keys.secret_key},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)  # stdout is the JSON alone
    assert document["verdict"] == "conforms"
    assert document["exit_code"] == 0
    suite = ET.parse(tmp_path / "reports" / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    cases = list(suite.iter("testcase"))
    assert len(cases) == len(document["outcomes"]) == int(suite.get("tests", "0"))
    names = {c.get("name") for c in cases}
    assert "getAccount.response_schema_conformance" in names
    assert "getOpenPosition.client: by symbol, by asset id, crypto pair" in names
    for case in cases:
        assert case.get("classname", "").startswith("alpaca_conformance.")
        assert "/" not in case.get("classname", "")
        assert "site-packages" not in case.get("classname", "")
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert int(suite.get("skipped", "0")) == len(skipped) == document["counts"]["skipped"] > 0
    assert "# Conformance of http://127.0.0.1:" in summary.read_text()
    reasons = {c.find("skipped").get("message") for c in skipped}  # type: ignore[union-attr]
    assert any("--allow-close" in (reason or "") for reason in reasons)


def test_object_level_authorization_runs_against_our_mock(tmp_path: Path) -> None:
    result = conformance(tmp_path, "-q", "-k", "test_operation_conforms")
    assert result.returncode == 0, result.stdout + result.stderr
    seen = outcomes(tmp_path)
    assert seen[("getOpenPosition", "object_level_authorization")] == "passed"


def test_progress_is_shown_under_quiet(tmp_path: Path) -> None:
    result = conformance(tmp_path, "-q")
    assert result.returncode == 0
    progress = [line for line in result.stderr.splitlines() if "operation x check outcomes" in line]
    assert progress, result.stderr
    assert "tests " in progress[0]
    assert " s]" in progress[0]


# ------------------------------------------------------------------ Ctrl-C


def test_ctrl_c_is_exit_130_and_the_reports_say_interrupted(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("APCA_", "ALPACA_"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "alpaca_conformance", "--deep", "-q",
         "--report-dir", str(tmp_path / "reports")],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until it is testing (the first progress line)
        line = process.stderr.readline()
        if "operation x check outcomes" in line or not line:
            break
    process.send_signal(signal.SIGINT)
    try:
        stdout, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, stdout
    assert "INTERRUPTED" in stdout
    report = (tmp_path / "reports" / "report.md").read_text()
    assert "INTERRUPTED" in report
    junit = (tmp_path / "reports" / "junit.xml").read_text()
    assert "interrupted" in junit


# ------------------------------------------------------------------ a target that goes away


@pytest.mark.parametrize("after", [1.0, 4.0])
def test_a_target_that_stops_answering_mid_run_is_exit_3_not_a_failure(
    tmp_path: Path, after: float
) -> None:
    """Killed while the client checks run (async) and while generated cases run (Hypothesis):
    exit 3 either way, the checks that ran before kept, none failed for it, no traceback."""
    from alpaca_mock.served import served_mock

    base = {k: v for k, v in os.environ.items() if not k.startswith(("APCA_", "ALPACA_"))}
    with served_mock("--rate-limit", "off") as url:
        run = subprocess.Popen(
            [sys.executable, "-m", "alpaca_conformance", "-q", "--base-url", url,
             "--report-dir", str(tmp_path / "reports")],
            cwd=tmp_path, env=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert run.stderr is not None
        run.stderr.readline()  # "alpaca-conformance: target ...": the preflight passed
        time.sleep(after)
    stdout, stderr = run.communicate(timeout=120)
    said = stdout + stderr
    assert run.returncode == 3, said
    assert "THE TARGET STOPPED ANSWERING mid-run" in stdout
    assert "the target stopped answering: exit 3" in stdout
    assert "Traceback" not in said
    assert "Flaky" not in said
    seen = outcomes(tmp_path)
    assert "failed" not in seen.values()
    assert "STOPPED ANSWERING" in (tmp_path / "reports" / "report.md").read_text()


# ------------------------------------------------------------------ rate limits


def test_a_rate_limited_target_is_waited_out_not_failed(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    token = "rate-limit-test-token-0123456789"
    with served_mock(
        "--admin", "--rate-limit", "20", "--rate-limit-window", "2", admin_token=token
    ) as url:
        result = conformance(
            tmp_path, "-q", "--base-url", url, "--admin-token", token, "-k", "client"
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout
    waited = [line for line in result.stdout.splitlines() if line.startswith("rate limit: ")]
    assert waited, result.stdout  # it had to wait for resets, and said so
    assert "429" not in (tmp_path / "reports" / "report.md").read_text()


def test_the_pacer_waits_until_the_reset_and_spaces_requests() -> None:
    from alpaca_conformance.pacing import MAX_RESENDS, Pacer

    now = [1_000.0]
    pacer = Pacer(max_rate=4, clock=lambda: now[0])
    assert pacer.delay() == 0
    assert pacer.delay() == pytest.approx(0.25)  # 4 a second
    limited = {"x-ratelimit-reset": "1010", "x-ratelimit-remaining": "0"}
    assert pacer.observe(429, limited, attempt=0) == pytest.approx(10.05)
    assert "waiting for the rate limit" in pacer.describe()
    assert pacer.observe(429, limited, attempt=MAX_RESENDS) is None  # then the 429 is the answer
    assert pacer.observe(429, {"retry-after": "3"}, attempt=0) == 3
    assert pacer.observe(429, {"x-ratelimit-reset": "nan"}, attempt=2) == 4  # a backoff
    assert pacer.observe(429, {"x-ratelimit-reset": "1" * 30}, attempt=0) == 1  # absurd: ignored
    fresh = Pacer(clock=lambda: now[0])
    assert fresh.observe(200, limited, attempt=0) is None  # window used up: the next one waits
    assert fresh.delay() == pytest.approx(10.05)


def test_our_mock_served_without_admin_passes_and_the_mode_is_said(tmp_path: Path) -> None:
    from alpaca_mock.served import served_mock

    with served_mock("--rate-limit", "off") as url:  # no --admin: it cannot be reset
        result = conformance(tmp_path, "-q", "--base-url", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cannot be reset: reads run first, then closes run" in result.stderr
    assert "--admin" in result.stderr.split("cannot be reset", 1)[1].splitlines()[0]
    assert "StopIteration" not in result.stdout
