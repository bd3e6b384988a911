"""The six official languages: one table per language (``drafting/language/<code>.toml``).

Each table holds what a secretariat's style guide fixes for its language: labels, the time and
place line, date and list formats (through Babel and CLDR), the Arabic dual, quotation marks,
no-break spaces, sub-paragraph labels, which masthead lines stay in English. A seventh
language is one more table. The source of every rule is in docs/languages.md.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

_FOLDER = Path(__file__).resolve().parent

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")


@dataclass(frozen=True)
class Wording:
    """The fixed texts and conventions of one language, read from its table."""

    code: str
    locale: str
    word_language: str
    rtl: bool
    symbol_letter: str
    masthead_in_english: bool
    font: str | None
    document: str
    subjects: str
    documents: str
    contents: str
    colon: str
    continued: str
    revision: str
    corrigendum: str
    distr: str
    original: str
    version: str
    footnote: str
    names: dict[str, str]
    distribution_values: dict[str, str]
    dates: dict[str, Any]
    time: dict[str, Any]
    documents_phrase: dict[str, str]
    typography: dict[str, Any] = field(default_factory=dict)
    un: dict[str, Any] = field(default_factory=dict)  # the UN masthead's wording and organ lines

    def distribution(self, value: str) -> str:
        """The masthead's distribution line: 'Distr.: General', 'Distr. générale'."""
        return self.distr.format(self.distribution_values.get(value, value))


def _read(code: str) -> Wording:
    with open(_FOLDER / f"{code}.toml", "rb") as stream:
        table = tomllib.load(stream)
    labels = table["labels"]
    return Wording(
        code=table["code"], locale=table["locale"], word_language=table["word_language"],
        rtl=table["direction"] == "rtl", symbol_letter=table["symbol_letter"],
        masthead_in_english=table["masthead_in_english"], font=table.get("font"),
        document=labels["document"], subjects=labels["subjects"], documents=labels["documents"],
        contents=labels["contents"], colon=labels["colon"], continued=labels["continued"],
        revision=labels["revision"], corrigendum=labels["corrigendum"], distr=labels["distribution"], original=labels["original"],
        version=labels["version"], footnote=labels["footnote"], names=table["language_names"],
        distribution_values=table["distribution"], dates=table["dates"], time=table["time"],
        documents_phrase=table["documents"], typography=table["typography"], un=table.get("un", {}),
    )


@lru_cache(maxsize=None)
def wording(language: str) -> Wording:
    """Return the table of a language."""
    return _read(language)


def masthead_wording(language: str, style: str) -> Wording:
    """The wording of the UN masthead's distribution, date and language lines (English in ar, zh, ru)."""
    words = wording(language)
    return wording("en") if style == "un" and words.masthead_in_english else words


def revision_lines(template: str) -> tuple[str, str]:
    """A revision wording split as ITU prints it on two masthead lines: 'Revision {n} to' over
    'Document {symbol}' (the word before the symbol starts the second line); ('', template)
    when the symbol has no word before it ('{symbol}号文件第{n}次修订版')."""
    head, found, tail = template.partition("{symbol}")
    cut = head.rstrip().rfind(" ")
    if not found or cut <= 0:
        return "", template
    return head[:cut].strip(), head[cut:].strip() + " {symbol}" + tail


def parse_date(value: str) -> dt.date:
    """Parse a record date (YYYY-MM-DD)."""
    return dt.date.fromisoformat(value)


def _month(day: dt.date, words: Wording) -> str:
    from babel.dates import format_date

    dates = words.dates
    spelling = dates.get("spelling", {})
    month = format_date(day, "MMMM", locale=words.locale)
    month = spelling.get(month, month)
    if "also_months_from" in dates:
        other = format_date(day, "MMMM", locale=dates["also_months_from"])
        month = f"{spelling.get(other, other)}{dates.get('months_joiner', '/')}{month}"
    return month


def format_long_date(value: str, language: str) -> str:
    """Write a date as the language's official documents do: '16 June 2020', '16 juin 2020',
    '16 de junio de 2020', '16 июня 2020 года', '2020年6月16日', '16 حزيران/يونيه 2020'."""
    from babel.dates import format_date

    words = wording(language)
    day = parse_date(value)
    pattern = words.dates["pattern"]
    if day.day == 1 and "first_day" in words.dates:
        # The first of a month written as an ordinal where the language does: '1er avril 2025'.
        pattern = re.sub(r"(?<![d'])d(?![d'])", "'" + words.dates["first_day"] + "'", pattern, count=1)
    if "MMMM" in pattern:
        pattern = pattern.replace("MMMM", "'" + _month(day, words).replace("'", "''") + "'")
    # Digits stay European (0-9) in every version, as the UN and ITU write them (Babel's
    # Arabic locale writes them so too).
    return format_date(day, pattern, locale=words.locale)


def weekday(value: str, language: str) -> str:
    """Return the weekday name of a date in a language."""
    from babel.dates import format_date

    words = wording(language)
    return format_date(parse_date(value), words.time.get("weekday", "EEEE"), locale=words.locale)


def conjunction_list(items: list[str], language: str) -> str:
    """Join items with the language's list pattern (CLDR): 'A, B and C', 'A, B et C', 'A وB', 'A、B和C'."""
    from babel.lists import format_list

    return format_list(list(items), locale=wording(language).locale) if items else ""


def documents_suffix(documents: list[str], language: str) -> str:
    """Write a heading's documents: '(Documents C20/24 and VC/5)', '(الوثيقتان C20/24 وVC/5)', '（C20/24和VC/5号文件）'."""
    if not documents:
        return ""
    from babel import Locale

    words = wording(language)
    phrases = words.documents_phrase
    form = Locale.parse(words.locale).plural_form(len(documents))
    phrase = phrases.get(form) or phrases["other"]
    return phrase.format(list=conjunction_list(documents, language))


def titled(title: str, language: str, *, continued: bool = False, documents: list[str] | tuple[str, ...] = ()) -> str:
    """A heading or Contents entry: its title, then '(continued)' and its documents, spaced as the
    language does ('Item (continued) (Documents A and B)', '议题（续）（A和B号文件）')."""
    words = wording(language)
    space = words.documents_phrase.get("before", " ")
    text = title + (space + words.continued if continued else "")
    suffix = documents_suffix(list(documents), language)
    return text + (space + suffix if suffix else "")


def un_organ(symbol: str, language: str) -> str:
    """The organ or treaty line of a UN masthead, from the symbol's first part (the longest match):
    'CCPR/C/SR.3901' -> 'International Covenant on Civil and Political Rights'; '' when unknown."""
    organs = wording(language).un.get("organs", {})
    matches = [prefix for prefix in organs if symbol.startswith(prefix)]
    return organs[max(matches, key=len)] if matches else ""


def un_titled(title: str, language: str, *, continued: bool = False, documents: list[str] | tuple[str, ...] = ()) -> str:
    """A UN heading: its title, '(continued)' and its documents by symbol only, as UN summary records
    print them: 'Initial report of Marenia (CCPR/C/MRN/1; CCPR/C/MRN/Q/1)'."""
    words = wording(language)
    un = words.un
    if not documents or "documents" not in un:
        return titled(title, language, continued=continued, documents=documents)
    space = words.documents_phrase.get("before", " ")
    listed = un["documents"].format(list=un.get("documents_separator", "; ").join(documents))
    return titled(title, language, continued=continued) + space + listed


def _clock(value: str, words: Wording, key: str) -> str:
    hours, minutes = (int(x) for x in value.split(":"))
    time = words.time
    ampm = time.get("ampm", ["", ""])[0 if hours < 12 else 1]
    template = time[key]
    if key == "clock" and minutes:
        template = time.get("clock_minutes", template)
    fields = {"H": hours, "HH": f"{hours:02d}", "h": hours % 12 or 12, "M": minutes, "MM": f"{minutes:02d}", "ampm": ampm}
    fields["minutes"] = time.get("minutes", "").format(**fields) if minutes else ""
    return template.format(**fields).strip()


def time_line(date: str, start: str | None, end: str | None, place: str | None, language: str, style: str) -> str:
    """Compose the time line from the language's table: 'Tuesday, 9 June 2020, from 1200 to 1500 hours',
    'Tenue au Palais Wilson, à Genève, le lundi 11 mars 2024, à 10 heures'."""
    words = wording(language)
    time = words.time
    day = parse_date(date)
    name = weekday(date, language)
    fields = {
        "date": format_long_date(date, language), "weekday": name, "Weekday": name[:1].upper() + name[1:],
        "weekday_after_preposition": time.get("weekdays_after_preposition", [name] * 7)[day.weekday()],
        "place": place or "",
    }
    if style == "un":
        fields["start"] = _clock(start, words, "clock") if start else ""
        template = time["un"] if place else time["un_without_place"]
        if not start:
            # No time: the line ends at the date.
            template = re.split(r"[,،]?\s*[^,،{}]*\{start\}", template)[0]
        return template.format(**fields).strip()
    # A start or an end given alone is printed too ("at 1200 hours", "until 1500 hours"): never dropped.
    fields["start"] = _clock(start, words, "itu_clock") if start else ""
    fields["end"] = _clock(end, words, "itu_clock") if end else ""
    key = "itu" if start and end else "itu_from" if start else "itu_until" if end else "itu_without_times"
    return time[key].format(**fields)


def subparagraph_label(token: str, language: str) -> str:
    """Write a sub-paragraph label: '(a)' in most languages, 'a)' in French, Spanish and Russian."""
    return wording(language).typography.get("subparagraph", "({})").format(token)
