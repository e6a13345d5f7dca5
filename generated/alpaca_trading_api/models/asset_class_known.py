from enum import StrEnum


class AssetClassKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    CORPORATE = "corporate"
    CRYPTO = "crypto"
    CRYPTO_PERP = "crypto_perp"
    GLOBAL_EQUITY = "global_equity"
    IPO = "ipo"
    TREASURY = "treasury"
    US_EQUITY = "us_equity"
    US_EQUITY_CHAIN = "us_equity_chain"
    US_INDEX = "us_index"
    US_OPTION = "us_option"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
