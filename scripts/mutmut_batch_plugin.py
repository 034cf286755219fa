"""Batched quick check of mutmut 3 mutants in ONE pytest process (no fork, no re-collection).

For each mutant named in $BATCH_MUTANTS (a file, one name a line), set MUTANT_UNDER_TEST and run the tests
mutmut's own stats say cover the mutated function (mutants/mutmut-stats.json), fastest first, stopping at
the first failure: the same tests and the same order mutmut uses. Verdicts go to $BATCH_OUT (jsonl).
Run from mutants/: python -m pytest -p batch_plugin -q <test files> -m "not gui and not slow"
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from _pytest.runner import runtestprotocol


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout("mutant timed out")


def _run(item, limit: int) -> str:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        reports = runtestprotocol(item, nextitem=None, log=False)
    except _Timeout:
        item.session._setupstate.teardown_exact(None)
        return "timeout"
    finally:
        signal.alarm(0)
    for r in reports:
        if r.failed:
            return "timeout" if "mutant timed out" in str(r.longrepr) else "failed"
    return "passed"


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    stats = json.load(open("mutmut-stats.json"))
    tests_by_fn = stats["tests_by_mangled_function_name"]
    duration = stats["duration_by_test"]
    items = {item.nodeid: item for item in session.items}
    names = [n.strip() for n in open(os.environ["BATCH_MUTANTS"]) if n.strip()]
    out = open(os.environ["BATCH_OUT"], "a")
    limit = int(os.environ.get("BATCH_TIMEOUT", "60"))
    prefixes = tuple(i for i in os.environ.get("BATCH_EXTRA", "").split(",") if i)
    extra = [nodeid for nodeid in items if prefixes and nodeid.startswith(prefixes)]
    # clean run first: every covering test must pass without a mutant
    os.environ["MUTANT_UNDER_TEST"] = ""
    skip_clean = os.environ.get("BATCH_SKIP_CLEAN") == "1"
    for name in names:
        fn = name.rsplit("__mutmut_", 1)[0]
        for nodeid in tests_by_fn.get(fn, []) + extra:
            if skip_clean and nodeid in items:
                items[nodeid]._clean = "passed"
                continue
            if nodeid in items and getattr(items[nodeid], "_clean", None) is None:
                verdict = _run(items[nodeid], limit)
                items[nodeid]._clean = verdict
                if verdict != "passed":
                    out.write(json.dumps({"clean_failure": nodeid, "verdict": verdict}) + "\n")
                    out.flush()
    killers: dict[str, list[str]] = {}
    for name in names:
        fn = name.rsplit("__mutmut_", 1)[0]
        ids = [t for t in tests_by_fn.get(fn, []) if t in items and items[t]._clean == "passed"]
        ids.sort(key=lambda t: duration.get(t, 0.0))
        ids += [t for t in extra if t in items and t not in ids and items[t]._clean == "passed"]
        # the same tests, but the ones that killed this function's earlier mutants first (most recent first)
        if os.environ.get("BATCH_EXTRA_FIRST") == "1":
            ids = [t for t in ids if t in extra] + [t for t in ids if t not in extra]
        recent = [t for t in killers.get(fn, []) if t in ids]
        ids = recent + [t for t in ids if t not in recent]
        missing = [t for t in tests_by_fn.get(fn, []) if t not in items]
        os.environ["MUTANT_UNDER_TEST"] = name
        start = time.monotonic()
        verdict, killer, ran = "survived" if ids else "no tests", None, 0
        for nodeid in ids:
            ran += 1
            result = _run(items[nodeid], limit)
            if result != "passed":
                verdict, killer = ("killed" if result == "failed" else "timeout"), nodeid
                previous = killers.setdefault(fn, [])
                if nodeid in previous:
                    previous.remove(nodeid)
                previous.insert(0, nodeid)
                break
        os.environ["MUTANT_UNDER_TEST"] = ""
        out.write(json.dumps({"mutant": name, "verdict": verdict, "killer": killer, "ran": ran,
                              "missing": len(missing), "seconds": round(time.monotonic() - start, 2)}) + "\n")
        out.flush()
    return True
