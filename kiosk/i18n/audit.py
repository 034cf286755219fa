"""What a translator needs to know about a ``.po`` file before it ships: gaps, slips and a wrong plural rule.

Poedit and Weblate catch most slips; these checks are the ones specific to this app: every ``{name}`` the
English uses must survive (a lost ``{code}`` would hide which participant a message is about), a counted
message needs one form per plural category, and the file's ``Plural-Forms`` rule must pick the same
category CLDR does for every number, or "21 сесија" silently becomes "21 сесије".
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n.catalog import Catalog
from kiosk.i18n.compiled import compile_po

_NAMES = re.compile(r"{(\w+)")
_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@dataclass(frozen=True)
class TranslationAudit:
    language: str
    translated: int
    total: int
    fuzzy: tuple[str, ...]
    untranslated: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.problems and not self.fuzzy and not self.untranslated


def audit_po(path: Path, catalog: Catalog) -> TranslationAudit:
    """Check one ``.po`` file against the catalog's English template."""
    compiled = compile_po(path.read_bytes(), is_template=False, name=path.stem)
    problems: list[str] = []
    english = catalog.keys("en")
    for key, forms in sorted(compiled.messages.items()):
        if key not in english:
            problems.append(f"{key}: not in the template any more (obsolete); remove it or update from messages.pot")
            continue
        plural = catalog.is_plural(key)
        if plural and len(forms) != compiled.nplurals:
            problems.append(f"{key}: {len(forms)} plural forms, the file's rule has {compiled.nplurals}")
        wanted = catalog.placeholders(key)
        for form in forms:
            names = set(_NAMES.findall(form))
            if names - wanted:
                problems.append(f"{key}: unknown placeholder {{{sorted(names - wanted)[0]}}} in {form!r}")
            elif not plural and wanted - names:
                problems.append(f"{key}: lost placeholder {{{sorted(wanted - names)[0]}}} in {form!r}")
    problems.extend(_plural_rule_problems(compiled.language, compiled.plural_expr, compiled.nplurals))
    untranslated = tuple(sorted(english - set(compiled.messages) - set(compiled.fuzzy)))
    return TranslationAudit(compiled.language, len(set(compiled.messages) & english), len(english),
                            compiled.fuzzy, untranslated, tuple(problems))


def _plural_rule_problems(language: str, expression: str, nplurals: int) -> list[str]:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return []  # CLDR does not know the language: trust the translator's rule
    # Counts are whole numbers: a category CLDR uses only for fractions (Slovak "many") needs no form.
    used = {locale.plural_form(n) for n in range(0, 1000)}
    categories = [c for c in _CATEGORIES if c in used]
    if nplurals != len(categories):
        return [f"Plural-Forms: nplurals={nplurals}, but {language} has {len(categories)} forms "
                f"({', '.join(categories)})"]
    rule = gettext.c2py(expression)
    for n in range(0, 1000):
        if categories[rule(n)] != locale.plural_form(n):
            return [f"Plural-Forms: for n={n} the rule picks form {rule(n)} ({categories[rule(n)]}), "
                    f"CLDR says {locale.plural_form(n)}"]
    return []
