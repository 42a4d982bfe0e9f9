"""Rebuild ``data/given_names.tsv``, the given names (first names) the CV parser knows, from Faker's wheel.

    pip download --no-deps faker==40.63.0 -d /tmp/wheels
    python -m ai_coach.build_given_names /tmp/wheels/faker-40.63.0-py3-none-any.whl

The source is the first-name lists of Faker's person providers (``faker/providers/person/<locale>``; Faker is
MIT-licensed, © 2012 Daniele Faraglia), read from the wheel itself (a wheel is a zip file Python imports from),
so nothing is installed. Every locale's ``first_names*`` attributes are read (European, Latin American,
Turkish, Slavic, Indian, African, Middle Eastern and East Asian locales alike): a CV's name may come from any
of them. Faker is not a dependency of the parser: only the reduced word list is shipped.

The reduction: each name is cut into its words ("Mary Ann", "Jean-Pierre" give "mary", "ann", "jean",
"pierre"), folded as the parser folds (cv/text.py ``fold_name_word``: case and accents), and kept when it is made of
letters only and has at least ``MIN_LETTERS`` of them ("Al", "Bo" or "Jo" are as often something else).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from ai_coach.cv.text import fold_name_word

DATA_PATH = Path(__file__).resolve().parent / "data" / "given_names.tsv"
SOURCE_WHEEL = "faker-40.63.0-py3-none-any.whl"
MIN_LETTERS = 3


def given_name_words(names: list[str]) -> set[str]:
    words: set[str] = set()
    for name in names:
        for word in name.replace("-", " ").split():
            folded = fold_name_word(word)
            if len(folded) >= MIN_LETTERS and folded.isalpha():
                words.add(folded)
    return words


def locale_first_names(wheel: Path) -> dict[str, list[str]]:
    """{locale: its first names} from the wheel's person providers."""
    sys.path.insert(0, str(wheel))
    try:
        person = importlib.import_module("faker.providers.person")
        by_locale: dict[str, list[str]] = {}
        for module in pkgutil.iter_modules(person.__path__):
            provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
            names: list[str] = []
            for attribute in sorted(vars(provider)) + sorted(set(dir(provider)) - set(vars(provider))):
                value = getattr(provider, attribute)
                if not attribute.startswith("first_names") or not isinstance(value, (list, tuple, dict, set)):
                    continue  # a property or a method that picks one
                names.extend(str(name) for name in (value.keys() if hasattr(value, "keys") else value))
            by_locale[module.name] = names
        return by_locale
    finally:
        sys.path.remove(str(wheel))


def build(wheel: Path) -> str:
    by_locale = locale_first_names(wheel)
    words = set().union(*(given_name_words(names) for names in by_locale.values()))
    header = (f"# Given names (first names), folded (case and accents), one a line: {len(words)} words from the\n"
              f"# first-name lists of {len(by_locale)} locales of Faker ({SOURCE_WHEEL}; MIT, (c) 2012 Daniele\n"
              "# Faraglia). Built by ai_coach/build_given_names.py; see ai_coach/data/NOTICE.md.\n")
    return header + "\n".join(sorted(words)) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    text = build(Path(argv[0]).resolve())
    DATA_PATH.write_text(text, encoding="utf-8")
    print(f"{DATA_PATH}: {text.count(chr(10)) - 3} words, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
