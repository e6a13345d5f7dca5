"""A trading session with Alpaca's legacy SDK (alpaca-trade-api), run by its own venv's python
(tests/sdk_envs.py) against APCA_API_BASE_URL; prints each call's outcome as one JSON line.

    python legacy_sdk_session.py URL [--sloppy]   (the URL is read from APCA_API_BASE_URL)

--sloppy adds what a user of that SDK writes without thinking: close_position(qty=0.00005),
a float the SDK sends as str(float), "5e-05".
"""

import json
import sys
from collections.abc import Callable

from alpaca_trade_api.rest import REST, APIError

api = REST()  # keys and base URL from the APCA_* environment variables
outcomes: dict[str, object] = {}
calls: list[tuple[str, Callable[[], object]]] = [
    ("account", lambda: api.get_account().id),
    ("assets", lambda: len(api.list_assets(status="active"))),
    ("asset", lambda: api.get_asset("AAPL").symbol),
    ("positions", lambda: len(api.list_positions())),
    ("position", lambda: api.get_position("AAPL").symbol),
    ("close", lambda: api.close_position("MSFT", qty=1).qty),
]
if "--sloppy" in sys.argv:
    calls.append(("close_float", lambda: api.close_position("AAPL", qty=0.00005).qty))
calls.append(("close_all", lambda: len(api.close_all_positions())))
for name, call in calls:
    try:
        outcomes[name] = call()
    except APIError as exc:
        outcomes[name] = f"APIError {exc.status_code} {exc.code}"
print(json.dumps(outcomes))
