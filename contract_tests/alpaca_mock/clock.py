"""When the market is open, for the fill model: a closing order on an asset whose market is
closed is accepted and held until the open, as on Alpaca (paper included) over a weekend.

US equities and options trade 9:30 to 16:00 New York time, Monday to Friday (exchange holidays
are not modelled); crypto trades around the clock. The clock is the real one, or a fixed
moment set by the seed's user (`--clock`), so a test can be on a Saturday whenever it runs.
New York time is computed from the US daylight-saving rule (second Sunday of March to first
Sunday of November, at 2:00), so no time-zone database is needed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

_OPEN, _CLOSE = time(9, 30), time(16, 0)
ROUND_THE_CLOCK = frozenset({"crypto", "crypto_perp"})


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def new_york(moment: datetime) -> datetime:
    """`moment` (aware) as New York wall time (naive)."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    year = utc.year
    dst_start = datetime.combine(_nth_sunday(year, 3, 2), time(7))  # 2:00 EST in UTC
    dst_end = datetime.combine(_nth_sunday(year, 11, 1), time(6))  # 2:00 EDT in UTC
    return utc - timedelta(hours=4 if dst_start <= utc < dst_end else 5)


def parse_moment(text: str, name: str = "--clock") -> datetime:
    """An ISO 8601 moment with its offset, or ValueError naming `name` and the rule."""
    if len(text) > 64:
        raise ValueError(f"{name}: at most 64 characters")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name}: {text!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{name}: {text!r} has no offset (add Z or +hh:mm)")
    return moment


class MarketClock:
    """The mock's idea of now, and whether an asset class's market is open at it."""

    def __init__(self, fixed: datetime | None = None, *, always_open: bool = True) -> None:
        self._around_the_clock = always_open
        self.set(fixed)

    def set(self, fixed: datetime | None) -> None:
        """Fix the clock at a moment (aware), or None for the real time again.

        The default mock trades whenever it is run (closes fill at once, tests are quick); a
        fixed clock, or --market-hours, makes the hours real."""
        self.fixed = fixed
        self.always_open = self._around_the_clock and fixed is None

    def now(self) -> datetime:
        return self.fixed if self.fixed is not None else datetime.now(UTC)

    def is_open(self, asset_class: str) -> bool:
        if self.always_open or asset_class in ROUND_THE_CLOCK:
            return True
        local = new_york(self.now())
        return local.weekday() < 5 and _OPEN <= local.time() < _CLOSE

    def after_close(self) -> bool:
        """Between the US market's close (16:00 New York) and midnight on a weekday, when
        Alpaca refuses option exercises; never while the mock trades around the clock."""
        if self.always_open:
            return False
        local = new_york(self.now())
        return local.weekday() < 5 and local.time() >= _CLOSE
