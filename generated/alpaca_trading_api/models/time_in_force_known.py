from enum import StrEnum


class TimeInForceKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    CLS = "cls"
    DAY = "day"
    FOK = "fok"
    GTC = "gtc"
    IOC = "ioc"
    OPG = "opg"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
