"""`alpaca-conformance proxy`: the user's own traffic checked against the spec, and recorded.

A client points its base URL at the proxy; the proxy forwards to the upstream (our mock, or
Alpaca's paper API) and judges every exchange on the way:

    routes.py          which operation a request addresses, from the undecoded path
    request_check.py   the request against the spec's request rules: refused as Alpaca would
                       (documented rules) or forwarded with a warning (unverified ones)
    upstream.py        forwarding, bounded, with the response's bytes kept exactly
    response_check.py  the response against the spec (status, headers, body) and the
                       business invariants the suite checks
    exchange.py        one request and its answer, as the checks, report and recording see it
    accounts.py        the session model: each identity's account across exchanges, and the
                       behaviour model's promises between them
    traffic.py         the report: calls and violations per operation x check
    recorder.py        the recording, JSONL, credentials removed
    judge.py           the checks of one answered exchange (request verdict, response)
    session.py         what each exchange is handed to: checks, session model, report,
                       recording, console; and the summary at the end
    worker.py          the judging process: the session, at the lowest CPU priority
    outbox.py          bytes for a pipe, written from the event loop, bounded
    judging.py         the proxy's side of the judging process: exchanges handed over in order
    app.py             the ASGI application tying these together
    serving.py         serving it until --duration, --until-idle, the wrapped command, or a signal
    cli.py             the command: arguments, refusals, exit codes, reports
"""
