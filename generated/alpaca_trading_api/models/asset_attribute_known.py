from enum import StrEnum


class AssetAttributeKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    FRACTIONAL_EH_ENABLED = "fractional_eh_enabled"
    HAS_OPTIONS = "has_options"
    IPO = "ipo"
    OPTIONS_LATE_CLOSE = "options_late_close"
    OVERNIGHT_HALTED = "overnight_halted"
    OVERNIGHT_TRADABLE = "overnight_tradable"
    PTP_NO_EXCEPTION = "ptp_no_exception"
    PTP_WITH_EXCEPTION = "ptp_with_exception"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
