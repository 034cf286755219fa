"""The prototype taps of a study for ``export-csv``: one row per tap (``taps.csv``) and one heatmap per tapped
screen image (``heatmaps/<prototype>-<screen>[.<languages>].png``), so analysts get both the raw points and the
picture (issue 10).

Every tap the sessions logged is exported, including those of tasks restarted, still running or ended by an
abandoned session (as ``events.csv`` holds every event); the study report's figures count finished attempts only.
Each heatmap is drawn over the image the taps were made on: a screen with its own image for some language gets
one file per image tapped, named after the languages whose taps it shows (``kiosk.reports.tap_images``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from kiosk.prototype.model import Prototype
from kiosk.reports.prototype_dataset import LoggedTap, logged_taps
from kiosk.reports.tap_images import by_image, has_language_images
from kiosk.session.summary import SessionSummary
from kiosk.store.db import StoreReader
from kiosk.study.model import Study

HEATMAP_FOLDER = "heatmaps"
#: how the files are named (in the data dictionary); the languages part only for a screen with per-language images
HEATMAP_NAME = "<prototype>-<screen>[.<languages>].png"
#: the exported PNGs' legend (OpenCV writes ASCII only; the export's words are English, as its column names)
LEGEND = ("fewer taps", "more taps", "miss (tap outside every hotspot)")


def study_taps(store: StoreReader, summaries: Sequence[SessionSummary], plans: Mapping[str, Study]) -> list[LoggedTap]:
    return [tap for s in summaries for tap in logged_taps(s, store.events(s.record.id), plans[s.record.plan_hash])]


def tap_rows(taps: Sequence[LoggedTap]) -> Iterator[tuple[object, ...]]:
    for logged in taps:
        t = logged.tap
        yield (logged.session_id, logged.participant_code, logged.task_id, logged.prototype, t.screen,
               logged.language, logged.image, t.x, t.y, t.hit, t.hotspot, t.action.value if t.action else None,
               t.to, t.goal, t.ms, logged.utc)


def write_heatmaps(taps: Sequence[LoggedTap], prototypes: Mapping[str, Prototype], out: Path) -> list[Path]:
    """One PNG per screen image tapped at least once; screens of a prototype no plan version can find any more
    (its folder is gone) are skipped: their size is unknown."""
    by_screen: dict[tuple[str, str], list[LoggedTap]] = {}
    for logged in taps:
        by_screen.setdefault((logged.prototype, logged.tap.screen), []).append(logged)
    if not by_screen:
        return []
    from kiosk.reports.heatmaps import ScreenTaps, encode, render, with_legend  # OpenCV only when there are taps

    folder = Path(out) / HEATMAP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for (prototype_id, screen_id), screen_taps in sorted(by_screen.items()):
        prototype = prototypes.get(prototype_id)
        screen = prototype.screens.get(screen_id) if prototype else None
        if prototype is None or screen is None:
            continue
        for group in by_image(screen, ((t.tap, t.language) for t in screen_taps)):
            hits = tuple((t.x, t.y) for t in group.taps if t.hit)
            misses = tuple((t.x, t.y) for t in group.taps if not t.hit)
            picture = render(ScreenTaps(screen.width, screen.height, hits, misses, prototype.folder / group.image,
                                        tuple(h.rect for h in screen.hotspots)))
            languages = f".{'+'.join(sorted(group.languages))}" if has_language_images(screen) else ""
            path = folder / f"{prototype_id}-{screen_id}{languages}.png"
            partial = path.with_name(path.name + ".part")
            partial.write_bytes(encode(with_legend(picture, *LEGEND)))
            partial.replace(path)
            written.append(path)
    return written


def all_prototypes(plans: Mapping[str, Study], latest: Study | None) -> dict[str, Prototype]:
    """Prototypes by id from every plan version the sessions ran, the latest version's winning."""
    found: dict[str, Prototype] = {}
    for study in plans.values():
        found.update(study.prototypes)
    if latest is not None:
        found.update(latest.prototypes)
    return found
