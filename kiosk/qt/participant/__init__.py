"""Participant screens: full screen, touch-first, large text, no time limits."""
