"""Dependencies between kiosk's parts point one way: qt -> exchange -> reports/capture/simulate -> session -> study/store.

The graph is read from the source (scripts/import_graph.py), lazy imports included, so a new arrow
back up (the store importing the session engine, a report importing a widget) fails here with the
module that drew it. docs/architecture.md explains the layers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: part -> layer; a part may import only parts of a lower layer. New parts must be placed here.
LAYERS = {
    "__main__": 9, "cli": 8, "qt": 7,
    "exchange": 6,
    "reports": 5, "capture": 5, "simulate": 5, "speech_clips": 5,
    "session": 4,
    "study": 3,
    "prototype": 2,
    "store": 1, "metrics": 1, "i18n": 1, "theme": 1, "speech": 1,
    "lock": 1, "keyboards": 1,
    "text": 1,
    "translit": 0, "resources": 0, "paths": 0, "explained": 0,
}


def _graph_module():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


graph = _graph_module()
MODULES = graph.module_imports()
PARTS = graph.part_imports(MODULES)


def test_the_graph_is_read_from_the_code() -> None:
    assert "kiosk.store.db" in MODULES["kiosk.session.engine"]
    assert "kiosk.reports.jobs" in MODULES["kiosk.qt.controller"]  # imported inside a method: still counted
    assert {"store", "study"} <= PARTS["session"]


def test_every_part_has_a_layer() -> None:
    unknown = sorted(set(PARTS) - set(LAYERS) - {"kiosk"})
    assert not unknown, f"place {unknown} in LAYERS here and in docs/architecture.md"


@pytest.mark.parametrize("part", sorted(set(PARTS) - {"kiosk"}))
def test_imports_point_down_the_layers(part: str) -> None:
    upward = sorted(t for t in PARTS[part] if LAYERS.get(t, 99) >= LAYERS.get(part, -1))
    culprits = sorted(f"{m} -> {t}" for m, ts in MODULES.items() if graph.part_of(m) == part
                      for t in ts if graph.part_of(t) in upward)
    assert not upward, f"{part} (layer {LAYERS.get(part)}) imports {upward}: {culprits}"


def test_only_qt_and_the_command_line_import_qt() -> None:
    assert sorted(p for p, targets in PARTS.items() if "qt" in targets) == ["cli"]


def test_the_core_stands_alone() -> None:
    assert PARTS.get("store", set()) <= {"paths", "explained"}, \
        "the store imports only where files live and the base of errors a person reads (records are its own)"
    assert PARTS.get("metrics", set()) == set(), "metrics are pure functions of numbers"
    assert not PARTS["study"] & {"store", "session", "reports"}, "plans know nothing of sessions or storage"


def test_no_import_cycles_between_modules() -> None:
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(MODULES.get(module, ())):
            target = target if target in MODULES else target.rsplit(".", 1)[0]  # `from pkg import name`
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if target in MODULES and not state.get(target):
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(MODULES):
        if not state.get(module):
            visit(module, [module])
