"""Runs every Schemathesis check on each generated case and records the outcome per check.

Why not `case.call_and_validate()`: it stops at the first failing check and reports nothing
about the checks that passed. Running the checks one by one on the same response gives the
operation x check table, and each failure keeps its own minimal reproduction.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx
import hypothesis
import schemathesis
from alpaca_trading import AsyncClient
from alpaca_trading.spec import spec_path
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

from alpaca_conformance import budget, discovery, interrupts, invariants, pacing, target_gone
from alpaca_conformance.catalogue import Promise
from alpaca_conformance.narrowing import (
    HELD_BY_ITS_CLOSE,
    NEEDS_SECOND_ACCOUNT,
    POSITIVE_DATA_ALSO_ALLOWED,
    STATEFUL_ONLY,
    held_by_its_close,
)
from alpaca_conformance.results import Failure, Results, redact
from alpaca_conformance.settings import Settings
from alpaca_conformance.targets import Target, build_target
from alpaca_conformance.watching import WatchedTransport

load_all_checks()
REQUEST_SECONDS = 30.0
STATEFUL_STEPS = 50  # Hypothesis' default length of a scenario, outside a budget
SETTINGS = Settings.from_env()
TARGET: Target = build_target(SETTINGS)
RESULTS = Results()
pacing.configure(SETTINGS.max_rate)
if TARGET.app is None:
    pacing.install_requests_pacing()  # every request Schemathesis sends over HTTP
    target_gone.watch(TARGET.base_url, TARGET.headers)
else:
    TARGET.app = budget.CountingApp(TARGET.app)  # in-process requests are counted here


def _charged(headers: Mapping[str, str]) -> bool:
    """A request the account's rate limit counts: one with the run's own key id."""
    return any(k.lower() == "apca-api-key-id" and v == TARGET.key_id for k, v in headers.items())


BUDGET = budget.configure(
    budget.Budget(SETTINGS.plan(), _charged, waited=lambda: pacing.PACER.waited_seconds)
)
ALL_CHECKS: dict[str, Any] = {c.__name__: c for c in CHECKS.get_all()}
# ignored_auth sends three probes (no credentials, a wrong key, a wrong token) after every
# success. "Enforcement is a property of the operation, so one confirmation per run is
# enough", as Schemathesis' own runner has it; under a budget the suite does the same, and
# the probes' requests pay for more generated cases instead.
AUTH_CONFIRMED: set[str] = set()


def load_schema() -> Any:
    """The spec with the suite's own configuration: an explicit default SchemathesisConfig,
    so a schemathesis.toml in the caller's directory (or above it) never changes the run."""
    schema = schemathesis.openapi.from_path(str(spec_path()), config=SchemathesisConfig())
    if TARGET.app is not None:
        schema.app = TARGET.app
    # A bound on each answer: a target that hangs is probed (target_gone.py), not waited on
    # for ever.
    schema.config.update(
        base_url=TARGET.base_url, headers=TARGET.headers, request_timeout=REQUEST_SECONDS
    )
    if TARGET.second is not None:
        add_second_identity(schema, TARGET.headers, TARGET.second_headers)
    return schema


def add_second_identity(schema: Any, first: dict[str, str], second: dict[str, str]) -> None:
    """Two identities that must not see each other's objects, for object_level_authorization:
    the first sends every case; the second replays the first's reads of its own objects.
    Built from Schemathesis' Web Fuzzing Commons auth (what its `[auth.wfc]` config does),
    without writing the credentials to a file."""
    from schemathesis.wfc.converter import wfc_to_auth_provider
    from schemathesis.wfc.escalation import EscalatingAuthProvider
    from schemathesis.wfc.loader import load_from_dict

    def fixed(name: str, headers: dict[str, str]) -> dict[str, Any]:
        return {"name": name, "fixedHeaders": [{"name": k, "value": v} for k, v in headers.items()]}

    entries = load_from_dict({"auth": [fixed("first", first), fixed("second", second)]})
    providers: list[Any] = [wfc_to_auth_provider(entry) for entry in entries]
    schema.auth.providers.append(
        EscalatingAuthProvider(
            providers, ["first", "second"], peers=("first", "second"), pinned="first"
        )
    )


SCHEMA = load_schema()


def known_keys() -> list[str]:
    """Real symbols and ids of the target, so generated requests also reach real logic."""
    return ["AAPL", "GME", "MSFT", "BTCUSD", "BTC/USD", "XYZQ", "037833100",
            "b6d1aa75-5c9c-4353-a305-9e2caa1925ab", "SRNE", "ETHUSD"]  # fmt: skip


@functools.cache
def option_keys() -> discovery.OptionKeys:
    """The target's listed contracts and option positions, read on first use (discovery.py)."""
    return discovery.read_option_keys(
        lambda: AsyncClient(
            TARGET.key_id,
            TARGET.secret_key,
            base_url=TARGET.base_url,
            transport=suite_transport(),
            max_retries=0,
        )
    )


@SCHEMA.hook("flatmap_path_parameters")  # type: ignore[untyped-decorator]
def mix_in_real_keys(context: Any, path_parameters: dict[str, Any]) -> Any:
    parameters = path_parameters or {}
    if "symbol_or_asset_id" in parameters:
        keys = known_keys()
        name = "symbol_or_asset_id"
    elif "symbol_or_id" in parameters:
        keys = list(option_keys().contracts)
        name = "symbol_or_id"
    elif "symbol_or_contract_id" in parameters:
        found = option_keys()
        keys = [*found.positions, *found.contracts[:4], "AAPL"]
        name = "symbol_or_contract_id"
    else:
        return st.just(path_parameters)
    if not keys:
        return st.just(path_parameters)
    real = st.sampled_from(keys).map(lambda key: {name: key})
    return st.one_of(real, st.just(path_parameters))


# Filters that generated values almost never satisfy (a random underlying, a day in 2000, a
# page_token the server never gave): half of the generated listings leave them out, so the
# contracts a listing answers with are judged too, not only empty pages.
_RARE_OPTION_FILTERS = frozenset(
    ["underlying_symbols", "root_symbol", "expiration_date", "expiration_date_gte",
     "expiration_date_lte", "page_token", "strike_price_gte", "strike_price_lte", "ppind"]
)  # fmt: skip


@SCHEMA.hook("flatmap_query")  # type: ignore[untyped-decorator]
def reach_real_contracts(context: Any, query: dict[str, Any] | None) -> Any:
    operation = getattr(context, "operation", None)
    definition = getattr(getattr(operation, "definition", None), "raw", {}) or {}
    if definition.get("operationId") != "getOptionContracts" or not query:
        return st.just(query)
    common = {k: v for k, v in query.items() if k not in _RARE_OPTION_FILTERS}
    return st.one_of(st.just(common), st.just(query))


def hypothesis_settings(
    max_examples: int, *, shrink: bool = True, steps: int | None = None
) -> hypothesis.settings:
    """Reproducible settings. shrink=False for the stateful runs: shrinking a failing sequence
    replays it hundreds of times (against a server that answered an unknown asset 200 {}, 300 s
    of a 310 s run); the failing step is reported as found, with its curl reproduction."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    return hypothesis.settings(
        max_examples=max_examples,
        phases=phases,
        derandomize=True,  # reproducible: the same cases on every run
        database=None,  # no example database: a CI failure reproduces anywhere
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        stateful_step_count=steps or STATEFUL_STEPS,
    )


def _record_watched(operation: str, check: str, promise: Promise, violation: str | None) -> None:
    failure = None
    if violation is not None:
        failure = Failure(redact(violation, TARGET.secrets), "alpaca-conformance -k client")
    RESULTS.verdict(operation, check, promise, failure)


def suite_transport() -> httpx.AsyncBaseTransport:
    """For the suite's own requests (client checks, behaviour scenario): in-process, the app
    itself; over HTTP, paced, so a 429 is waited out (pacing.py). Either way every answer is
    held to the single-answer promises (watching.py)."""
    if TARGET.app is not None:
        inner: httpx.AsyncBaseTransport = httpx.ASGITransport(app=TARGET.app)
    else:
        inner = pacing.PacedTransport(httpx.AsyncHTTPTransport())
    return WatchedTransport(inner, _record_watched)


def operation_id(case: Any) -> str:
    return str(case.operation.definition.raw.get("operationId", case.operation.label))


def reproduction(case: Any) -> str:
    """A curl line that sends what was really sent (%2F stays %2F) with secrets redacted."""
    curl = str(case.as_curl_command(headers=TARGET.headers))
    if case.path_parameters:
        shown = case.formatted_path
        wire = case.operation.path.format(
            **{k: quote(str(v), safe="") for k, v in case.path_parameters.items()}
        )
        curl = curl.replace(shown, wire, 1)
    return redact(curl, TARGET.secrets)


_FRAMING = frozenset(
    [
        "transfer-encoding",
        "content-length",
        "connection",
        "te",
        "upgrade",
        "host",
        "trailer",
        "keep-alive",
        "expect",
    ]
)


def drop_framing_headers(case: Any) -> None:
    """Generated headers never set HTTP's own framing: a random `Transfer-Encoding` makes any
    HTTP server refuse the message (400) before the API sees it, which says nothing about the
    API and, against a served target, is answered by the server library, not the app."""
    headers = getattr(case, "headers", None)
    if headers:
        for name in [n for n in headers if str(n).lower() in _FRAMING]:
            del headers[name]


def closes_positions(case: Any) -> bool:
    return str(case.method).upper() == "DELETE"


def run_case(case: Any, *, stateful: bool = False) -> None:
    """Call the target with the case and run every applicable check, recording each."""
    interrupts.check()
    target_gone.check()
    op = operation_id(case)
    stop = BUDGET.next_case()
    if stop:
        import pytest

        pytest.skip(f"left out by the budget: {stop}")
    if closes_positions(case) and not TARGET.may_close and not SETTINGS.allow_close:
        reason = "closes positions on a real account: pass --allow-close to run it"
        for check in ALL_CHECKS:
            RESULTS.skipped(op, check, reason)
        import pytest

        pytest.skip(reason)
    if TARGET.reset is not None and not stateful:
        TARGET.reset()  # every case starts from the seed: closes cannot starve later cases
    drop_framing_headers(case)
    response = case.call()
    run_checks(case, response, stateful=stateful, received_at=time.time())


def run_checks(
    case: Any,
    response: Any,
    *,
    stateful: bool,
    recorder: Any = None,
    received_at: float | None = None,
) -> None:
    """Every check on one answer. `received_at` is when it arrived: the checks Schemathesis
    runs may send requests of their own first, so the clock is read before them."""
    received_at = time.time() if received_at is None else received_at
    interrupts.check()
    op = operation_id(case)
    failures: list[str] = []
    for name, check in ALL_CHECKS.items():
        if name in NEEDS_SECOND_ACCOUNT and TARGET.second is None:
            RESULTS.skipped(
                op, name, "needs a second account's keys: --second-key-id/--second-secret-key"
            )
            continue
        if name in STATEFUL_ONLY and not stateful:
            continue
        if name == "ignored_auth" and BUDGET.plan.active and op in AUTH_CONFIRMED:
            continue  # under a budget, confirmed once per operation (see AUTH_CONFIRMED)
        if name == "positive_data_acceptance" and op in POSITIVE_DATA_ALSO_ALLOWED:
            allowed, reason = POSITIVE_DATA_ALSO_ALLOWED[op]
            if response.status_code in allowed:
                RESULTS.passed(op, name + " (narrowed)", reason=reason)
                continue
            name = name + " (narrowed)"
        try:
            case.validate_response(
                response, checks=[check], headers=TARGET.headers, recorder=recorder
            )
        except (AssertionError, FailureGroup) as exc:  # one failure, or several at once
            if name == "use_after_free" and held_by_its_close(response):
                RESULTS.passed(op, name + " (narrowed)", reason=HELD_BY_ITS_CLOSE)
                continue
            message = redact(str(exc).strip(), TARGET.secrets)
            RESULTS.failed(op, name, Failure(message=message, reproduction=reproduction(case)))
            failures.append(f"{name}: {message}")
        else:
            RESULTS.passed(op, name)
            if name == "ignored_auth" and 200 <= response.status_code < 300:
                AUTH_CONFIRMED.add(op)
    for name, promise, violation in invariants.judge(op, case, response, received_at=received_at):
        failure = None
        if violation is not None:
            failure = Failure(redact(violation, TARGET.secrets), reproduction(case))
        if RESULTS.verdict(op, name, promise, failure) and failure is not None:
            failures.append(f"{name}: {failure.message}")
    if failures:
        raise AssertionError(f"{op}: " + "\n".join(failures) + f"\n\n{reproduction(case)}")
