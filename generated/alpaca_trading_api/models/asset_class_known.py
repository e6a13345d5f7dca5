from enum import StrEnum


class AssetClassKnown(StrEnum):
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
        return str(self.value)
