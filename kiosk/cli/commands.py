"""The headless commands: check plans, simulate participants, write reports and CSV, list sessions."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.errors import CliError, data_paths, out_file, out_folder, plan_problem, writing
from kiosk.i18n import default_catalog


def cmd_check(args: argparse.Namespace) -> int:
    from kiosk.study import PlanError, load_plan

    catalog = default_catalog()
    failed = 0
    for plan in args.plans:
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
                                   language=catalog.language_name(lang, in_lang=args.lang)), file=sys.stderr)
    print(catalog.plural(args.lang, "cli.plans_checked", len(args.plans), valid=len(args.plans) - failed,
                       failed=failed))
    return 1 if failed else 0


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
        raise CliError(f"no data in {paths.root}: run sessions (or 'ux-kiosk simulate PLAN') first, "
                       "or pass --data-dir")
    return Store(paths.database)


def require_study(store, study_id: str) -> None:
    """Refuse an unknown study id, naming the ones this data folder has."""
    known = sorted({s.study_id for s in store.sessions()} | {t.study_id for t in store.tombstones()})
    if study_id not in known:
        there = f"studies there: {', '.join(known)}" if known else "it has no sessions yet"
        raise CliError(f"no sessions of study {study_id!r} in {store.path}; {there}")


def cmd_report(args: argparse.Namespace) -> int:
    from kiosk.reports.dataset import NoSessions, collect_study
    from kiosk.reports.session_report import write_session_report
    from kiosk.reports.study_report import write_study_report
    from kiosk.store import StoreError

    if args.out.is_dir():
        raise CliError(f"--out {args.out} is a folder; give a file name such as {args.out / 'report.pdf'}")
    store = open_store(args)
    try:
        if args.study:
            require_study(store, args.study)
        else:
            known = {s.id for s in store.sessions()}
            if args.session not in known:
                raise CliError(f"no session {args.session!r} in {store.path}; 'ux-kiosk sessions' lists them")
        out = out_file(args.out)
        with writing(out, out.parent):
            if args.study:
                path = write_study_report(collect_study(store, args.study), out, args.lang)
            else:
                path = write_session_report(store, args.session, out, args.lang)
    except (NoSessions, StoreError) as exc:
        raise CliError(str(exc)) from None
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
        raise CliError(str(exc.args[0])) from None
    finally:
        store.close()
    for path in files:
        print(path)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        if args.study:
            require_study(store, args.study)
        records = store.sessions(args.study)
    finally:
        store.close()
    width = max([len("STUDY"), *(len(r.study_id) for r in records)])
    code_width = max([len("CODE"), *(len(r.participant_code) for r in records)])
    rows = [("SESSION".ljust(len(records[0].id) if records else 7), "STUDY".ljust(width), "CODE".ljust(code_width),
             "STATUS".ljust(24), "STARTED (UTC)")]
    for r in records:
        status = r.status.value.replace("_", " ")
        if r.status.value == "in_progress":
            status = f"{status} ({r.step})"
        rows.append((r.id, r.study_id.ljust(width), r.participant_code.ljust(code_width), status.ljust(24),
                     r.created_utc))
    for row in rows:
        print("  ".join(row))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """A translator's check before dropping a ``.po`` file in (README: "Adding a language")."""
    from kiosk.i18n.audit import audit_po

    catalog = default_catalog()
    files = list(args.files) or catalog.files()
    failed = 0
    for path in files:
        if not path.is_file():
            raise CliError(f"{path}: no such .po file")
        try:
            audit = audit_po(path, catalog)
        except Exception as exc:  # Babel's reader raises several types for a damaged file
            raise CliError(f"{path}: not a readable .po file ({exc})") from None
        print(catalog.text(args.lang, "cli.translation_row", file=path.name, language=audit.language,
                           translated=audit.translated, total=audit.total,
                           fuzzy=catalog.plural(args.lang, "count.fuzzy", len(audit.fuzzy))))
        for key in audit.untranslated[:10]:
            print(f"  - {key}")
        if len(audit.untranslated) > 10:
            print("  - " + catalog.plural(args.lang, "cli.translation_more", len(audit.untranslated) - 10))
        for problem in audit.problems:
            print(f"  ! {problem}", file=sys.stderr)
        failed += bool(audit.problems)
    return 1 if failed else 0
