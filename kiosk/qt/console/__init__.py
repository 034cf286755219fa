"""The facilitator console: fast, keyboard-friendly, always showing the next step."""
