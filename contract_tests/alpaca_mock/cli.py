"""`alpaca-mock`: serve the mock on a port, printing the base URL and the credentials it accepts.

The built-in seed's credentials are public test values and are printed in full; the secrets
of a user's seed file are never printed, only their key ids. With --admin, the admin API
needs the header X-Mock-Admin-Token: its value is ALPACA_MOCK_ADMIN_TOKEN when set (never
printed), else a new random token printed at start. Requests are bounded (--max-header-bytes,
--max-body-bytes, --max-connections, --header-timeout).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from types import FrameType

import yaml

from alpaca_mock.admin import TOKEN_ENV, TOKEN_HEADER, check_token
from alpaca_mock.app import create_app
from alpaca_mock.clock import parse_moment
from alpaca_mock.config import MockConfig
from alpaca_mock.seed import DEFAULT_SEED_PATH, SeedError
from alpaca_mock.serving import Bounds, server_config


def _rate_limit(text: str) -> int | None:
    if text == "off":
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number or 'off', got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1 (or 'off')")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alpaca-mock", description=__doc__)
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)"
    )
    start = parser.add_mutually_exclusive_group()
    start.add_argument("--seed", type=Path, help="a YAML seed file (default: the built-in seed)")
    start.add_argument(
        "--from-recording",
        type=Path,
        metavar="RECORDING",
        help="start from what a recording of `alpaca-conformance proxy` saw: its accounts, "
        "assets and positions (credentials: the built-in seed's, printed below)",
    )
    parser.add_argument(
        "--write-seed",
        type=Path,
        metavar="FILE",
        help="with --from-recording: write the seed it makes as YAML to FILE and exit (to read "
        "or edit it, then serve it with --seed)",
    )
    parser.add_argument("--admin", action="store_true", help="enable the admin API under /_mock/")
    parser.add_argument(
        "--admin-allow-remote",
        action="store_true",
        help="let non-loopback clients use the admin API (off by default)",
    )
    parser.add_argument(
        "--rate-limit",
        type=_rate_limit,
        default=200,
        help="requests per window (a minute by default) per account, or 'off'",
    )
    parser.add_argument(
        "--rate-limit-window",
        type=int,
        default=60,
        metavar="SECONDS",
        help="the rate limit's window in seconds (default 60, as Alpaca's; 1-3600)",
    )
    parser.add_argument(
        "--fill-delay",
        type=float,
        default=0.0,
        help="seconds before closing orders fill (default 0)",
    )
    parser.add_argument(
        "--market-hours",
        action="store_true",
        help="hold equity and option closes while the US market is closed (9:30-16:00 New "
        "York, Monday-Friday), as Alpaca does; crypto fills around the clock",
    )
    parser.add_argument(
        "--clock",
        metavar="ISO-TIME",
        help="the fill model's fixed now, with its offset (2026-12-05T15:00:00Z is a "
        "Saturday); implies --market-hours",
    )
    parser.add_argument("--price-seed", type=int, default=42, help="seed of the price walk and ids")
    parser.add_argument(
        "--log-level", default="warning", help="uvicorn log level (default warning)"
    )
    limits = Bounds()
    parser.add_argument(
        "--max-header-bytes",
        type=int,
        default=limits.max_header_bytes,
        help=f"request line and headers, at most (default {limits.max_header_bytes}; over: 431)",
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=limits.max_body_bytes,
        help=f"a request body, at most (default {limits.max_body_bytes}; over: 413)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=limits.max_connections,
        help=f"open connections, at most (default {limits.max_connections}; more are closed)",
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=limits.header_timeout,
        help=f"seconds a client has to send its headers (default {limits.header_timeout:g})",
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=limits.body_timeout,
        help=f"seconds a client has to send its body after its headers (default "
        f"{limits.body_timeout:g}; over: 408)",
    )
    return parser


def _write_seed(recording: Path, target: Path) -> int:
    """--write-seed: the seed a recording makes, checked, as YAML; exit 0, or 2 naming why."""
    from alpaca_mock.recorded_seed import seed_document
    from alpaca_mock.recording import read_recording
    from alpaca_mock.seed import parse_seed

    document = seed_document(read_recording(recording))
    parse_seed(document, f"seed from the recording {recording}")
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SeedError(f"{target}: cannot be written ({exc.strerror})") from None
    print(f"alpaca-mock: wrote the seed of {recording} to {target}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.write_seed is not None:
        if args.from_recording is None:
            print("alpaca-mock: --write-seed needs --from-recording", file=sys.stderr)
            return 2
        try:
            return _write_seed(args.from_recording, args.write_seed)
        except ValueError as exc:  # SeedError and RecordingError: both name the problem
            print(f"alpaca-mock: {exc}", file=sys.stderr)
            return 2
    user_token = os.environ.get(TOKEN_ENV) or None
    try:
        if user_token is not None:
            check_token(user_token)
        bounds = Bounds(
            max_header_bytes=args.max_header_bytes,
            max_body_bytes=args.max_body_bytes,
            max_connections=args.max_connections,
            header_timeout=args.header_timeout,
            body_timeout=args.body_timeout,
        )
        config = MockConfig(
            seed_path=args.seed,
            recording_path=args.from_recording,
            rate_limit_per_minute=args.rate_limit,
            rate_limit_window_seconds=args.rate_limit_window,
            admin_enabled=args.admin,
            admin_allow_remote=args.admin_allow_remote,
            fill_delay_seconds=args.fill_delay,
            clock=parse_moment(args.clock) if args.clock is not None else None,
            market_hours=args.market_hours,
            price_seed=args.price_seed,
            admin_token=user_token,
        )
        app = create_app(config)
    except ValueError as exc:  # SeedError and RecordingError included
        print(f"alpaca-mock: {exc}", file=sys.stderr)
        return 2
    import uvicorn  # imported late: `alpaca-mock --help` stays fast

    server = uvicorn.Server(server_config(app, args.host, args.port, args.log_level, bounds))
    public = args.seed is None or args.seed.resolve() == DEFAULT_SEED_PATH

    original_startup = server.startup

    async def startup(sockets: object = None) -> None:
        await original_startup(sockets=sockets)  # type: ignore[arg-type]
        port = args.port
        for listener in getattr(server, "servers", []):
            for sock in listener.sockets:
                port = sock.getsockname()[1]
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"alpaca-mock serving http://{host}:{port}", flush=True)
        for account in app.world.accounts():
            if public:
                print(
                    f"  account {account.name}: APCA-API-KEY-ID={account.key_id} "
                    f"APCA-API-SECRET-KEY={account.secret_key} "
                    f"(OAuth bearer {account.oauth_token})",
                    flush=True,
                )
            else:
                print(
                    f"  account {account.name}: APCA-API-KEY-ID={account.key_id} "
                    "(secret as in the seed file)",
                    flush=True,
                )
        if app.admin is not None:
            shown = f"from {TOKEN_ENV}" if user_token else app.admin.token
            print(f"  admin API: http://{host}:{port}/_mock/ ({TOKEN_HEADER}: {shown})", flush=True)

    server.startup = startup  # type: ignore[method-assign]
    # uvicorn holds a Ctrl-C back until it has shut down, then raises it again through
    # asyncio.run's own SIGINT handling; once, in a loaded test run, it never arrived and the
    # mock exited 0. So the signal is noted as it arrives, and the exit code does not depend
    # on that hand-back.
    signals: list[int] = []
    handle_exit = server.handle_exit

    def noted(sig: int, frame: FrameType | None) -> None:
        signals.append(sig)
        handle_exit(sig, frame)

    server.handle_exit = noted  # type: ignore[method-assign]
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn has shut down and raises the Ctrl-C it held back
        signals.append(signal.SIGINT)
    if signal.SIGINT in signals:
        print("alpaca-mock: stopped (Ctrl-C)", file=sys.stderr, flush=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
