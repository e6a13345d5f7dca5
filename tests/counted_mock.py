"""Our mock, counting every HTTP request it receives into a file, for the budget tests: an
independent count of what the suite sent (the suite's own counter is what is under test)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alpaca_mock import MockConfig, create_app

COUNT_FILE_ENV = "COUNTED_MOCK_FILE"


class CountedMock:
    def __init__(self) -> None:
        self.app = create_app(MockConfig(rate_limit_per_minute=None, admin_enabled=True))
        self.world = self.app.world  # so the suite can reset it between cases
        self.count = 0
        self.file = Path(os.environ[COUNT_FILE_ENV])

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            self.count += 1
            self.file.write_text(str(self.count))
        await self.app(scope, receive, send)


def counted_mock() -> CountedMock:
    return CountedMock()
