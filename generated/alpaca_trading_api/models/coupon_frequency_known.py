from enum import StrEnum


class CouponFrequencyKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    ANNUAL = "annual"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMI_ANNUAL = "semi_annual"
    ZERO = "zero"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
