"""A trading session with alpaca-py (the official SDK), run by its own venv's python
(tests/sdk_envs.py) against the URL in argv[1]; prints each call's outcome as one JSON line.
Keys come from APCA_API_KEY_ID and APCA_API_SECRET_KEY."""

import json
import os
import sys
from typing import Any

from alpaca.trading.client import TradingClient
from alpaca.trading.requests import ClosePositionRequest, GetOptionContractsRequest

client = TradingClient(
    os.environ["APCA_API_KEY_ID"],
    os.environ["APCA_API_SECRET_KEY"],
    paper=True,
    url_override=sys.argv[1],
    raw_data=True,
)


def raw(value: object) -> dict[str, Any]:
    """An answer as raw_data=True gives it: the JSON object."""
    assert isinstance(value, dict)
    return value


def exercised() -> str:
    """Exercise the first long option position (200 without a body: alpaca-py returns None)."""
    positions = [raw(p) for p in client.get_all_positions()]
    longs = [p for p in positions if p["asset_class"] == "us_option" and p["side"] == "long"]
    client.exercise_options_position(longs[0]["symbol"])
    return str(longs[0]["symbol"])


contracts = raw(client.get_option_contracts(GetOptionContractsRequest(underlying_symbols=["AAPL"])))
first = contracts["option_contracts"][0]
outcomes = {
    "account": raw(client.get_account())["id"],
    "assets": len(client.get_all_assets()),
    "asset": raw(client.get_asset("AAPL"))["symbol"],
    "positions": len(client.get_all_positions()),
    "position": raw(client.get_open_position("AAPL"))["symbol"],
    "contracts": len(contracts["option_contracts"]),
    "contract": raw(client.get_option_contract(first["symbol"]))["symbol"] == first["symbol"],
    "contract_by_id": raw(client.get_option_contract(first["id"]))["id"] == first["id"],
    "exercised": exercised(),
    "close": raw(client.close_position("MSFT", close_options=ClosePositionRequest(qty="1")))["qty"],
    "close_percentage": raw(
        client.close_position("GME", close_options=ClosePositionRequest(percentage="50"))
    )["qty"],
    "close_all": len(client.close_all_positions(cancel_orders=True)),
}
print(json.dumps(outcomes))
