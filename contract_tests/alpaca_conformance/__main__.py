"""`python -m alpaca_conformance` is `alpaca-conformance`."""

import sys

from alpaca_conformance.launch import main

sys.exit(main())
