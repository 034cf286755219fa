"""Session bundles leave the laptop and reach the hub: bundles, keys, sync targets, the hub's import (no Qt)."""
