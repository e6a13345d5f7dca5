from enum import StrEnum


class OrderClassKnown(StrEnum):
    BRACKET = "bracket"
    MLEG = "mleg"
    OCO = "oco"
    OTO = "oto"
    SIMPLE = "simple"
    VALUE_5 = ""

    def __str__(self) -> str:
        return str(self.value)
