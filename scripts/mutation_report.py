"""Summarise a mutmut run: score per module and surviving mutants sorted into kinds (docs/testing.md).

    python scripts/mutation_report.py            # per-module table, then survivors by kind
    python scripts/mutation_report.py --list     # also every survivor's diff line, for review

Kinds are decided from the mutant's diff. Only "sql-case" is equivalent by construction (SQL keywords
and identifiers are case-insensitive); the others are listed for a person to judge.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections import Counter, defaultdict

from mutmut.__main__ import SourceFileMutationData, get_diff_for_mutant, status_by_exit_code, walk_mutatable_files

SQL = re.compile(r"\b(select|insert|delete|update|pragma|vacuum|begin|commit|rollback|values|from|where)\b", re.I)


def module_of(name: str) -> str:
    return name.split(".x")[0].rstrip(".").replace("ǁ", "")


def kind_of(diff: str) -> str:
    minus = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    plus = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    before, after = "\n".join(minus), "\n".join(plus)
    if before.lower() == after.lower() and SQL.search(before):
        return "sql-case"
    if "raise " in before or "missing.append" in before or "Error(" in before:
        return "message"
    if re.search(r'"XX|XX"|\(None\)', after) and ("Error" in before or "InvalidAction" in before):
        return "message"
    if before.lower() == after.lower() or "XX" in after:
        return "string"
    if "None" in after and "None" not in before:
        return "value-to-None"
    return "logic"


def main(argv: list[str]) -> int:
    counts: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        try:
            data.load()
        except ValueError:  # its results file is being written by a running `mutmut run`
            print(f"(skipped {path}: mutmut is writing its results; run again when it is done)")
            continue
        for name, code in data.exit_code_by_key.items():
            status = status_by_exit_code[code]
            counts[module_of(name)][status] += 1
            if status == "survived":
                with contextlib.redirect_stdout(io.StringIO()):
                    diff = get_diff_for_mutant(name, path=data.path)
                survivors[module_of(name)].append((name, diff))
    print(f"{'module':28} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'unrun':>6} {'score':>6}")
    for module in sorted(counts):
        c = counts[module]
        done = c["killed"] + c["survived"] + c["no tests"]
        score = f"{100 * c['killed'] / done:.0f}%" if done else "—"
        print(f"{module:28} {sum(c.values()):7} {c['killed']:7} {c['survived']:8} {c['no tests']:8} "
              f"{c['not checked']:6} {score:>6}")
    print()
    for module in sorted(survivors):
        kinds = Counter(kind_of(diff) for _, diff in survivors[module])
        print(f"{module}: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        if "--list" in argv:
            for name, diff in survivors[module]:
                changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")]
                print(f"  {name} [{kind_of(diff)}]: " + " | ".join(line.strip() for line in changed)[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
