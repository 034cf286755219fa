"""Print the import graph between kiosk's parts, from the code itself (no imports are executed).

    python scripts/import_graph.py            # part -> parts it imports, one line each
    python scripts/import_graph.py --modules  # module -> kiosk modules it imports

A "part" is a package under kiosk/ (store, session, ...) or a top-level module (metrics, i18n, ...).
Imports inside functions count too: a lazy import is still a dependency. docs/architecture.md shows
the output; tests/test_layering_domain.py checks the direction it documents.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kiosk"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    """kiosk.store.db -> store; kiosk.metrics -> metrics; kiosk -> kiosk."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def module_imports() -> dict[str, set[str]]:
    """Every kiosk module and the kiosk modules it imports (at the top or inside functions)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.split(".")[0] == "kiosk")
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative import: resolve against this module's package
                    base = name.split(".")[: len(name.split(".")) - node.level + (path.name == "__init__.py")]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] == "kiosk":
                    found.add(target)
        graph[name] = found - {name}
    return graph


def part_imports(graph: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    parts: dict[str, set[str]] = defaultdict(set)
    for module, targets in (graph or module_imports()).items():
        source = part_of(module)
        parts[source].update(part_of(t) for t in targets if part_of(t) not in (source, "kiosk"))
    return dict(parts)


def main(argv: list[str]) -> int:
    graph = module_imports()
    shown = graph if "--modules" in argv else part_imports(graph)
    for name in sorted(shown):
        print(f"{name:28} -> {', '.join(sorted(shown[name])) or '(nothing in kiosk)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
