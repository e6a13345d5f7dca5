from enum import StrEnum


class SettlementMethodKnown(StrEnum):
    """BTOB (broker to broker), CADF (cash difference), CAFX (cash fixed), CCC (correspondent clearing
    corporation).

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    BTOB = "BTOB"
    CADF = "CADF"
    CAFX = "CAFX"
    CCC = "CCC"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
