"""How a mock is set up: which seed, which limits, whether the admin API is on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class MockConfig:
    seed_path: Path | None = None  # None: the built-in default seed
    # A proxy's recording to start from instead of a seed file (alpaca_mock.recorded_seed)
    recording_path: Path | None = None
    rate_limit_per_minute: int | None = 200  # None: never answer 429 (headers still sent)
    # The window the limit applies to; Alpaca's is a minute. Shorter windows let a test make a
    # client wait for several resets quickly ("20 requests per 2 s").
    rate_limit_window_seconds: int = 60
    admin_enabled: bool = False
    admin_allow_remote: bool = False  # the admin API answers loopback clients only, unless set
    # X-Mock-Admin-Token's value; None: a new random one per app (MockApp.admin.token)
    admin_token: str | None = field(default=None, repr=False)
    fill_delay_seconds: float = (
        0.0  # 0: closing orders fill at once; else they stay open, holding qty
    )
    # The fill model's clock: None is the real one. With market_hours (or a fixed clock) an
    # equity close is held while the market is closed, as Alpaca holds it until the open.
    clock: datetime | None = None
    market_hours: bool = False
    price_seed: int = 42  # seeds the price walk and the ids, so runs reproduce

    def __post_init__(self) -> None:
        if self.seed_path is not None and self.recording_path is not None:
            raise ValueError("a seed file and a recording cannot both be the starting point")
        if self.rate_limit_per_minute is not None and self.rate_limit_per_minute < 1:
            raise ValueError("rate_limit_per_minute must be at least 1, or None to turn it off")
        if not 1 <= self.rate_limit_window_seconds <= 3600:
            raise ValueError("rate_limit_window_seconds must be between 1 and 3600")
        if self.admin_token is not None:
            from alpaca_mock.admin import check_token

            check_token(self.admin_token, "admin_token")
        if not 0 <= self.fill_delay_seconds <= 86_400:
            raise ValueError("fill_delay_seconds must be from 0 to 86400")
        if self.clock is not None and self.clock.tzinfo is None:
            raise ValueError("clock must carry its offset (an aware datetime)")
