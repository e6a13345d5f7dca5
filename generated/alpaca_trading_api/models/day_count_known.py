from enum import StrEnum


class DayCountKnown(StrEnum):
    """Day count conventions: A/360, A/365, 30/360, 30/365, A/A (actual/actual), 30E/360, B/252
    (business days), A/364.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    A360 = "A/360"
    A364 = "A/364"
    A365 = "A/365"
    AA = "A/A"
    B252 = "B/252"
    VALUE_2 = "30/360"
    VALUE_3 = "30/365"
    VALUE_5 = "30E/360"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
