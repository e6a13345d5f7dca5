from enum import StrEnum


class TimeInForceKnown(StrEnum):
    CLS = "cls"
    DAY = "day"
    FOK = "fok"
    GTC = "gtc"
    IOC = "ioc"
    OPG = "opg"

    def __str__(self) -> str:
        return str(self.value)
