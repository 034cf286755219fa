"""``ux-kiosk retention``: how long media stay on this laptop after the hub's receipt, and what is due now.

A dry run: it reads the database (read-only) and the media folders and deletes nothing; the deleting is done
by the next ``ux-kiosk sync`` or the console's Send (``kiosk.exchange.send``). ``--media-days N`` and
``--keep-media`` set the value first, then show the same.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from kiosk.cli.errors import CliError, cannot_write, data_paths
from kiosk.i18n import default_catalog
from kiosk.i18n.explain import explain


def cmd_retention(args: argparse.Namespace) -> int:
    from kiosk.exchange.retention import Retention, RetentionError, load_retention, media_due, save_retention
    from kiosk.exchange.retention_words import setting_words
    from kiosk.i18n.formats import data_size, local_datetime
    from kiosk.paths import private_folder
    from kiosk.store import StoreReader

    catalog = default_catalog()
    lang = args.lang
    paths = data_paths(args.data_dir)
    if args.keep_media or args.media_days is not None:
        retention = Retention(None if args.keep_media else args.media_days)
        try:
            save_retention(private_folder(paths.root), retention)
        except OSError as exc:
            raise cannot_write(paths.root, exc) from None
        print(catalog.text(lang, "cli.retention_saved", path=paths.root / "retention.json"))
    else:
        try:
            retention = load_retention(paths.root)
        except RetentionError as exc:
            raise CliError(explain(exc, catalog, lang, frame=False)) from None
    print(setting_words(catalog, lang, retention))
    due = []
    if paths.database.exists():
        reader = StoreReader(paths.database)
        try:
            due = media_due(reader, paths.root, retention, datetime.now(UTC))
        finally:
            reader.close()
    for item in due:
        if item.link:
            print(catalog.text(lang, "cli.retention_due_link", code=item.participant_code, study=item.study_id))
            continue
        print(catalog.text(lang, "cli.retention_due_line", code=item.participant_code, study=item.study_id,
                           files=catalog.plural(lang, "count.files", item.files), size=data_size(lang, item.bytes),
                           when=local_datetime(lang, datetime.fromisoformat(item.received_utc))))
    counted = [item for item in due if not item.link]
    if counted:
        print(catalog.plural(lang, "cli.retention_due_total", len(counted),
                             files=catalog.plural(lang, "count.files", sum(i.files for i in counted)),
                             size=data_size(lang, sum(i.bytes for i in counted))))
    else:
        print(catalog.text(lang, "cli.retention_due_none"))
    return 0
