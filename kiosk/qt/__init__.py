"""Everything PySide6: app start, theme, facilitator console, participant screens, bridges."""
