from enum import StrEnum


class ExchangeKnown(StrEnum):
    """Exchanges known in 2026.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

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
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
