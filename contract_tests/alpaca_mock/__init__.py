"""A stateful mock of Alpaca's paper Trading API (account, assets, positions)."""
