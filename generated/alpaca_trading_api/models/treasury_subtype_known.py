from enum import StrEnum


class TreasurySubtypeKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    BILL = "bill"
    BOND = "bond"
    FLOATING = "floating"
    NOTE = "note"
    STRIPS = "strips"
    TIPS = "tips"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
