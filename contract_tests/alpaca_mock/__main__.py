"""`python -m alpaca_mock` is `alpaca-mock`."""

import sys

from alpaca_mock.launch import main

sys.exit(main())
