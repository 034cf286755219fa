"""The hotspot editor (issue 10): draw, link and check a prototype's hotspots, test-play it, save prototype.toml."""
