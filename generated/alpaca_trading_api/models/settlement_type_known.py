from enum import StrEnum


class SettlementTypeKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    T0 = "T+0"
    T1 = "T+1"
    T2 = "T+2"
    T3 = "T+3"
    T4 = "T+4"
    T5 = "T+5"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
