from enum import StrEnum


class OrderClassKnown(StrEnum):
    """ "" is what a close order carries.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    BRACKET = "bracket"
    MLEG = "mleg"
    OCO = "oco"
    OTO = "oto"
    SIMPLE = "simple"
    VALUE_5 = ""

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
