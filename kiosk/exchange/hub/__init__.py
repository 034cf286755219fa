"""The hub: trusted laptops, importing their bundles into one database, receipts, quarantine (docs/hub.md)."""
