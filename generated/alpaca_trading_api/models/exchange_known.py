from enum import StrEnum


class ExchangeKnown(StrEnum):
    AMEX = "AMEX"
    ARCA = "ARCA"
    ASCX = "ASCX"
    BATS = "BATS"
    CRYPTO = "CRYPTO"
    NASDAQ = "NASDAQ"
    NYSE = "NYSE"
    NYSEARCA = "NYSEARCA"
    OTC = "OTC"

    def __str__(self) -> str:
        return str(self.value)
