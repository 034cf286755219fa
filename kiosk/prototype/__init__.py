"""Click-through prototypes: screens and hotspots, following taps, path metrics (no Qt, no imaging)."""
