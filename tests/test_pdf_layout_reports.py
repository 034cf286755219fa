"""Every page of the study report, the session report and the consent receipt, in every language the
catalog has, keeps the layout rules (issue 9, item 4), read from each PDF's own text positions.

The data is a simulated study with a long task title, long notes and enough sessions that the notes,
demographics and timeline tables run over several pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_layout_checks import (continued_tables, heading_count, headings_ending_pages, orphan_rows, qpdf_check,
                               read_pages, split_header_words, unembedded_fonts, vocabulary)
from pdf_layout_data import build_layout_data, plan_for_layout, render_all

from kiosk.i18n import Catalog

pytestmark = pytest.mark.slow
LANGUAGES = Catalog().languages  # whatever the catalog has: a language dropped in is checked too


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[tuple[str, str, Path]]:
    missing = [tool for tool in ("qpdf", "pdffonts") if shutil.which(tool) is None]
    assert not missing, f"install {' '.join(missing)} (bash scripts/setup test does it)"
    folder = tmp_path_factory.mktemp("layout")
    data = build_layout_data(folder)
    written = render_all(data, folder / "pdf", LANGUAGES)
    yield written
    data.store.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_report_page_keeps_the_layout_rules(reports, lang: str) -> None:
    catalog = Catalog()
    known = vocabulary(catalog, lang, plan_for_layout(LANGUAGES))
    problems: list[str] = []
    seen = {"pages": 0, "headings": 0, "continued tables": 0}
    for kind, _, path in (r for r in reports if r[1] == lang):
        qpdf_check(path)
        pages = read_pages(path)
        seen["pages"] += len(pages)
        seen["headings"] += heading_count(pages)
        seen["continued tables"] += continued_tables(pages)
        problems += [f"{kind}: {p}" for p in (headings_ending_pages(pages) + split_header_words(pages, known)
                                              + orphan_rows(pages) + unembedded_fonts(path))]
    assert not problems, "\n".join(problems)
    # the data reaches what the rules are about: many pages, headings, tables running over pages
    assert seen["pages"] >= 12 and seen["headings"] >= 20 and seen["continued tables"] >= 3, seen
