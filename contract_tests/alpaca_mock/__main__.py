"""`python -m alpaca_mock` is `alpaca-mock`."""

import sys

from alpaca_mock.cli import main

sys.exit(main())
