from enum import StrEnum


class SpOutlookKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    DEVELOPING = "developing"
    NEGATIVE = "negative"
    NOT_MEANINGFUL = "not_meaningful"
    NOT_RATED = "not_rated"
    POSITIVE = "positive"
    STABLE = "stable"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
