from enum import StrEnum


class OrderStatusKnown(StrEnum):
    """The values the spec knows.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    ACCEPTED = "accepted"
    ACCEPTED_FOR_BIDDING = "accepted_for_bidding"
    CALCULATED = "calculated"
    CANCELED = "canceled"
    DONE_FOR_DAY = "done_for_day"
    EXPIRED = "expired"
    FILLED = "filled"
    HELD = "held"
    NEW = "new"
    PARTIALLY_FILLED = "partially_filled"
    PENDING_CANCEL = "pending_cancel"
    PENDING_NEW = "pending_new"
    PENDING_REPLACE = "pending_replace"
    REJECTED = "rejected"
    REPLACED = "replaced"
    STOPPED = "stopped"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
