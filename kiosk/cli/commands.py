"""The headless commands: check plans, simulate participants, write reports and CSV, list sessions."""

from __future__ import annotations

import argparse
import functools
import sys

from kiosk.cli.errors import CliError, data_paths, out_file, out_folder, out_is_folder, plan_problem, writing
from kiosk.i18n import default_catalog


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.study import PlanError, load_plan
    from kiosk.study.prototype_users import looks_like_prototype

    catalog = default_catalog()
    failed = 0
    for plan in args.plans:
        if looks_like_prototype(plan):
            failed += check_one_prototype(plan, args.lang)
            continue
        try:
            study = load_plan(plan)
        except PlanError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(catalog.plural(args.lang, "cli.plan_problems", len(exc.problems)), file=sys.stderr)
        else:
            print(catalog.text(args.lang, "cli.plan_ok", path=plan,
                               tasks=catalog.plural(args.lang, "count.tasks", len(study.tasks)),
                               languages=", ".join(study.languages)))
            for lang in study.consent.unreviewed_languages:  # valid, but the facilitator must know
                print(catalog.text(args.lang, "cli.consent_unreviewed", path=plan,
                                   language=catalog.language_name(lang, in_lang=args.lang, in_sentence=True)), file=sys.stderr)
    print(catalog.plural(args.lang, "cli.plans_checked", len(args.plans), valid=len(args.plans) - failed,
                       failed=failed))
    return 1 if failed else 0


def _shown(path):
    """A path as the user would type it: relative to the current folder when it is inside it."""
    from pathlib import Path

    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def check_one_prototype(path, lang: str) -> int:
    """A prototype file given to ``check``: its own problems, located; then the plan whose check covers the
    tasks that play it (their start screens and goals). 1 if it has problems."""
    from kiosk.study.prototype_users import check_prototype_file

    catalog = default_catalog()
    found = check_prototype_file(path)
    command = " ".join(f"ux-kiosk check {_shown(plan)}" for plan in found.plans) or "ux-kiosk check PLAN"
    hint = catalog.text(lang, "cli.prototype_plan_hint", command=command)
    if found.prototype is None:
        for problem in found.problems:
            print(problem, file=sys.stderr)
        print(catalog.plural(lang, "cli.plan_problems", len(found.problems)), file=sys.stderr)
        print(hint, file=sys.stderr)
        return 1
    print(catalog.text(lang, "cli.prototype_ok", path=path,
                       screens=catalog.plural(lang, "count.screens", len(found.prototype.screens))))
    print(hint)
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.simulate import simulate
    from kiosk.store import Store
    from kiosk.study import PlanError, load_plan

    try:
        study = load_plan(args.plan)
    except PlanError as exc:
        raise plan_problem(args.plan, exc) from None
    paths = data_paths(args.data_dir)
    with writing(paths.database, paths.root):
        paths.ensure()
        store = Store(paths.database)
        try:
            result = simulate(store, study, args.participants, args.seed)
        finally:
            store.close()
    print(default_catalog().plural(args.lang, "cli.simulated", len(result.session_ids), path=paths.database))
    return 0


def open_store(args: argparse.Namespace):
    from kiosk.store import Store

    paths = data_paths(args.data_dir)
    if not paths.database.exists():
        demo = paths.demo()
        if demo.database.exists():  # `ux-kiosk demo` keeps its sessions apart: a new user looks here first
            raise CliError(f"no data in {paths.root}; the demo's sessions are in {demo.root}: add --data-dir "
                           f"{demo.root}", key="cli.no_data_but_demo", folder=paths.root, demo=demo.root)
        raise CliError(f"no data in {paths.root}: run sessions (or 'ux-kiosk simulate PLAN') first, "
                       "or pass --data-dir", key="cli.no_data", folder=paths.root)
    return Store(paths.database)


def require_study(store, study_id: str) -> None:
    """Refuse an unknown study id, naming the ones this data folder has."""
    known = sorted({s.study_id for s in store.sessions()} | {t.study_id for t in store.tombstones()})
    if study_id not in known:
        if not known:
            raise CliError(f"no sessions of study {study_id!r} in {store.path}; it has no sessions yet",
                           key="cli.unknown_study_empty", study=study_id, path=store.path)
        raise CliError(f"no sessions of study {study_id!r} in {store.path}; studies there: {', '.join(known)}",
                       key="cli.unknown_study", study=study_id, path=store.path, studies=", ".join(known))


def cmd_report(args: argparse.Namespace) -> int:
    from kiosk.reports.dataset import NoSessions, collect_study
    from kiosk.reports.session_report import write_session_report
    from kiosk.reports.study_report import write_study_report
    from kiosk.store import StoreError

    if args.out.is_dir():
        raise out_is_folder(args.out)
    store = open_store(args)
    try:
        if args.study:
            require_study(store, args.study)
        else:
            known = {s.id for s in store.sessions()}
            if args.session not in known:
                raise CliError(f"no session {args.session!r} in {store.path}; 'ux-kiosk sessions' lists them",
                               key="cli.unknown_session", session=args.session, path=store.path)
        out = out_file(args.out)
        with writing(out, out.parent):
            if args.study:
                path = write_study_report(collect_study(store, args.study), out, args.lang)
            else:
                path = write_session_report(store, args.session, out, args.lang)
    except NoSessions as exc:
        raise CliError(str(exc), key="cli.study_no_sessions", study=args.study, path=store.path) from None
    except StoreError as exc:
        raise CliError(str(exc)).carried_by(exc) from None
    finally:
        store.close()
    print(path)
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    from kiosk.reports.tabular import export_study_csv

    store = open_store(args)
    try:
        require_study(store, args.study)
        out = out_folder(args.out)
        with writing(out, out):
            files = export_study_csv(store, args.study, out, excel=args.excel)
    except LookupError as exc:
        raise CliError(str(exc.args[0]), key="cli.study_no_sessions", study=args.study, path=store.path) from None
    finally:
        store.close()
    for path in files:
        print(path)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    """The sessions, newest first, in ``--lang``'s words; start times in local time (UTC stays in the data)."""
    from datetime import datetime

    from kiosk.i18n.formats import local_datetime

    store = open_store(args)
    try:
        if args.study:
            require_study(store, args.study)
        records = store.sessions(args.study)
    finally:
        store.close()
    catalog = default_catalog()
    t = functools.partial(catalog.text, args.lang)
    rows = [[t(f"cli.col_{column}") for column in ("session", "study", "code", "status", "started")]]
    for r in records:
        status = t(f"state.{r.status.value}")
        if r.status.value == "in_progress":
            status = f"{status} ({t(f'step.{r.step}')})"
        rows.append([r.id, r.study_id, r.participant_code, status,
                     local_datetime(args.lang, datetime.fromisoformat(r.created_utc))])
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[4]]))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """A translator's check before dropping a ``.po`` file in (README: "Adding a language")."""
    from kiosk.i18n.audit import audit_po

    catalog = default_catalog()
    files = list(args.files) or catalog.files()
    failed = 0
    for path in files:
        if not path.is_file():
            raise CliError(f"{path}: no such .po file", key="cli.no_po_file", path=path)
        try:
            audit = audit_po(path, catalog)
        except Exception as exc:  # Babel's reader raises several types for a damaged file
            raise CliError(f"{path}: not a readable .po file ({exc})", key="cli.unreadable_po", path=path,
                           detail=str(exc)) from None
        print(catalog.text(args.lang, "cli.translation_row", file=path.name, language=audit.language,
                           translated=audit.translated, total=audit.total,
                           fuzzy=catalog.plural(args.lang, "count.fuzzy", len(audit.fuzzy))))
        for key in audit.untranslated[:10]:
            shown = {n: "{" + n + "}" for n in catalog.placeholders(key) - {"count"}}  # the English as written
            english = catalog.plural("en", key, 2, **shown) if catalog.is_plural(key) else catalog.text("en", key, **shown)
            print(f"  - {key}: {english[:70]}")
        if len(audit.untranslated) > 10:
            print("  - " + catalog.plural(args.lang, "cli.translation_more", len(audit.untranslated) - 10))
        for problem in audit.problems:
            print(f"  ! {problem}", file=sys.stderr)
        failed += bool(audit.problems) or (args.complete and not audit.complete)
    return 1 if failed else 0
