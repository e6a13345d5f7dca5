from enum import StrEnum


class BorrowStatusKnown(StrEnum):
    EASY_TO_BORROW = "easy_to_borrow"
    HARD_TO_BORROW = "hard_to_borrow"

    def __str__(self) -> str:
        return str(self.value)
