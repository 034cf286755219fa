"""ux-kiosk: run in-person usability sessions offline and keep every recorded moment safe."""

__version__ = "0.1.0"
