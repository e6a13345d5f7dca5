from enum import StrEnum


class AccountStatusKnown(StrEnum):
    """Account statuses known in 2026.

    In a response an unknown value stays a plain str (the field's type is this enum | str).
    """

    ACCOUNT_CLOSED = "ACCOUNT_CLOSED"
    ACCOUNT_CLOSED_PENDING = "ACCOUNT_CLOSED_PENDING"
    ACCOUNT_UPDATED = "ACCOUNT_UPDATED"
    ACTION_REQUIRED = "ACTION_REQUIRED"
    ACTIVE = "ACTIVE"
    APPROVAL_PENDING = "APPROVAL_PENDING"
    APPROVED = "APPROVED"
    INACTIVE = "INACTIVE"
    LIMITED = "LIMITED"
    ONBOARDING = "ONBOARDING"
    PAPER_ONLY = "PAPER_ONLY"
    REJECTED = "REJECTED"
    SUBMISSION_FAILED = "SUBMISSION_FAILED"
    SUBMITTED = "SUBMITTED"

    def __str__(self) -> str:
        """The value itself (e.g. "us_equity"), as the API writes it."""
        return str(self.value)
