"""The lines above the first section: body, session, symbol, dates, original language, title,
time line and chairs, recognised by the wording of the record's language (drafting/language)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from drafting import language as lang
from drafting.lint import tokens


_SENTENCE_END = tokens.SENTENCE_END


@dataclass
class Line:
    """One line of the masthead as read, with the bookmark ids it carries."""

    text: str
    ids: list[str] = field(default_factory=list)


@dataclass
class Masthead:
    """What the masthead gives the record; ``rest`` holds lines it could not place."""

    fields: dict[str, object] = field(default_factory=dict)
    meeting: dict[str, object] = field(default_factory=dict)
    chairs: list[dict[str, str]] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)  # lines after the chairs (UN: headings, unnumbered paragraphs)
    rest: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=64)
def _dates_of_year(year: int, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        table[lang.format_long_date(day.isoformat(), language)] = day.isoformat()
        day += dt.timedelta(days=1)
    if language == "ar":
        # The UN gives both month names ('16 حزيران/يونيه 2020'); a record typed by hand (and ITU's Arabic)
        # often gives one ('16 يونيو 2020', '16 حزيران 2020'): the same date.
        for written, iso in list(table.items()):
            match = re.fullmatch(r"(\d+) (.+?)/(\S+) (\d+)", written)
            if match:
                day_, levantine, egyptian, year_ = match.groups()
                for month in (levantine, egyptian, _EGYPTIAN_SPELLING.get(egyptian, egyptian)):
                    table.setdefault(f"{day_} {month} {year_}", iso)
    first = lang.wording(language).dates.get("first_day")
    if first:  # '1er avril 2025' as printed, '1 avril 2025' as often typed: the same date
        for written, iso in list(table.items()):
            if written.startswith(first + " "):
                table.setdefault("1" + written[len(first):], iso)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern, table


_EGYPTIAN_SPELLING = {"يونيه": "يونيو", "يوليه": "يوليو"}


def find_dates(text: str, language: str) -> list[tuple[int, int, str]]:
    """Every long date written in ``text`` in the language's official form: (start, end, YYYY-MM-DD)."""
    found = []
    for year in sorted({int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", text)}):
        pattern, table = _dates_of_year(year, language)
        found += [(m.start(), m.end(), table[m.group()]) for m in pattern.finditer(text)]
    return sorted(found)


def _times(text: str) -> list[str]:
    """Candidate HH:MM values for the clock times written in a time line (any of the six forms)."""
    out: list[str] = []
    # French sets the hour's 'h' between spaces ('9 h 30', the typography's no-break spaces made plain), Russian
    # writes '9 час. 30 мин.', Chinese '15时5分'.
    for match in re.finditer(r"(?<![\d/])(\d{1,2})(?:\s?(?:[.:h时]|час\.)\s?(\d{2}|\d(?=分))|(\d{2}))?(?![\d/])", text):
        hours, minutes = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
        for h in (hours, hours + 12, hours - 12):  # '12.30 a.m.' is 00:30
            if 0 <= h < 24 and minutes < 60:
                out.append(f"{h:02d}:{minutes:02d}")
    return list(dict.fromkeys(out))


def _places(line: str, language: str) -> list[str | None]:
    """Every place the UN time line could name ('Palais Wilson, Geneva' holds the separator too)."""
    template = lang.wording(language).time.get("un", "")
    if "{place}" not in template:
        return [None]
    before, _, rest = template.partition("{place}")
    after = rest[:2]
    # Only the words right before the place are literal: '{date}{weekday}{start}在{place}举行' (Chinese).
    anchor = before.rsplit("}", 1)[-1]
    if before and not anchor:
        return [None]
    before = anchor
    start = line.find(before) if before else 0
    if start < 0 or not after:
        return [None]
    begin = start + len(before)
    out: list[str | None] = [line[begin:m.start()] for m in re.finditer(re.escape(after), line) if m.start() > begin]
    return [*out, None]


def parse_time_line(line: str, language: str, style: str) -> dict[str, object]:
    """Meeting date, start, end and place of a time line; ``time_line`` kept when no composition matches it."""
    dates = find_dates(line, language)
    if not dates:
        return {"time_line": line}
    date = dates[0][2]
    rest = line[: dates[0][0]] + " " + line[dates[0][1]:]
    times = _times(rest)
    starts: list[str | None] = [*times, None]
    for place in _places(line, language) if style == "un" else [None]:
        for start in starts:
            for end in ([*times, None] if style == "itu" else [None]):
                # The masthead's lines are read with no-break spaces made plain ('12 h 00' in French).
                if _spaces(lang.time_line(date, start, end, place, language, style)) == _spaces(line):
                    return {"date": date, **({"start": start} if start else {}), **({"end": end} if end else {}), **({"place": place} if place else {})}
    return {"date": date, "time_line": line}


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "première": 1, "premiere": 1, "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
    "первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "четвёртого": 4, "пятого": 5, "шестого": 6, "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10,
    # 'КРАТКИЙ ОТЧЕТ О ВТОРОМ ЗАСЕДАНИИ': the prepositional case.
    "первом": 1, "втором": 2, "третьем": 3, "четвертом": 4, "четвёртом": 4, "пятом": 5, "шестом": 6, "седьмом": 7, "восьмом": 8, "девятом": 9, "десятом": 10,
    "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6, "séptima": 7, "octava": 8, "novena": 9, "décima": 10,
    "الأولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
}
_CHINESE = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def meeting_number(title: str) -> int | None:
    """The meeting number a title names: '3901st', 'FIRST', '第一次', 'première'."""
    digits = re.search(r"\d+", title)
    if digits:
        return int(digits.group())
    for word in re.findall(r"\w+", title.casefold()):
        if word in _ORDINALS:
            return _ORDINALS[word]
    chinese = re.search(r"第([一二三四五六七八九十]+)", title)
    if chinese:
        value = 0
        for char in chinese.group(1):
            value = value * 10 + _CHINESE[char] if char != "十" else (value or 1) * 10
        return value
    return None


def _spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\u2007]", " ", text)


@lru_cache(maxsize=1)
def _united_nations() -> frozenset[str]:
    return frozenset(_spaces(lang.wording(code).un.get("united_nations", "United Nations")).strip() for code in lang.LANGUAGES)


@lru_cache(maxsize=1)
def _versions() -> frozenset[str]:
    return frozenset(_spaces(lang.wording(code).version).strip() for code in lang.LANGUAGES)


def _partition_role(text: str, colon: str) -> tuple[str, str, str]:
    """'Chairman: Mr A. SMITH' split at its colon; a colon between two digits is a clock time's ('09:30')."""
    for match in re.finditer(re.escape(colon), text):
        if not (text[match.start() - 1:match.start()].isdigit() and text[match.end():match.end() + 1].isdigit()):
            return text[: match.start()], colon, text[match.end():]
    return text, "", ""


def _original(text: str, language: str) -> str | None:
    """The original language an 'Original: English' line names (in any of the six tables); '' if unknown."""
    tables = [lang.wording(language), *(lang.wording(code) for code in lang.LANGUAGES if code != language)]
    for candidate in tables:
        prefix = _spaces(candidate.original.split("{}")[0]).strip()
        if text.startswith(prefix):
            name = text[len(prefix):].strip().casefold()
        else:
            # The label worded otherwise around the same word: 'Язык оригинала:' for 'Оригинал:'.
            label, colon, rest = text.partition(":") if ":" in text else text.partition("：")
            stem = prefix.rstrip(":： ").casefold()
            if not colon or not stem or len(label) > 40 or not re.search(r"(?:^|\s)" + re.escape(stem), label.casefold()):
                continue
            name = rest.strip().casefold()
        for table in tables:
            for code, shown in table.names.items():
                if shown.casefold() in (name, name.removeprefix("بال"), "ال" + name.removeprefix("بال")):
                    return code
        return ""
    return None


NOTICES = ("revision", "corrigendum")  # the masthead lines that say which issue of a document this is


def _revision(text: str, symbol: str | None, language: str, notice: str = "revision") -> int | None:
    """The number of a 'Revision 1 to Document C17/130-E' (or 'Corrigendum 1 to …') line, in the language's words."""
    if not symbol:
        return None
    template = _spaces(getattr(lang.wording(language), notice))
    pattern = re.escape(template).replace(re.escape("{n}"), r"(\d+)").replace(re.escape("{symbol}"), re.escape(symbol))
    # A PDF's Chinese loses the space between '文件' and the symbol.
    match = re.fullmatch(pattern.replace(re.escape(" "), r"\s?"), text)
    return int(match.group(1)) if match else None


def corrected_revision(symbol: str) -> tuple[str, int | None]:
    """The document and revision a corrigendum corrects: 'C17/124(Rev.1)-E' -> ('C17/124-E', 1)."""
    match = re.fullmatch(r"(.+)\((?:Rev|Rév)\.(\d+)\)(-[A-Z])", symbol) or re.fullmatch(r"(.+)/Rev\.(\d+)()", symbol)
    return (match.group(1) + match.group(3), int(match.group(2))) if match else (symbol, None)


def _distribution(text: str, language: str) -> str | None:
    for words in (lang.wording(language), lang.wording("en")):
        prefix, _, suffix = _spaces(words.distr).partition("{}")
        if text.startswith(prefix) and text.endswith(suffix):
            value = text[len(prefix): len(text) - len(suffix) if suffix else None].strip()
            for key, shown in words.distribution_values.items():
                if shown.casefold() == value.casefold():
                    return key
            return value or None
    return None


def _without_symbol(text: str, symbol: str, language: str) -> str:
    words = lang.wording(language)
    for phrase in (f"{words.document} {symbol}", f"{words.document}{symbol}", f"Document {symbol}", symbol):
        if phrase in text:
            return text.replace(phrase, " ").strip()
    return text


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def _joined_brackets(lines: list[Line]) -> list[Line]:
    """A line that leaves a parenthesis open continues on the next (a heading or Contents entry wrapped in a PDF),
    and so does a line that is only a bracket ('(continued)', '(CCPR/C/MRN/4)') after one that ends no sentence."""
    out: list[Line] = []
    for ln in lines:
        if out and (out[-1].text.count("(") + out[-1].text.count("（") > out[-1].text.count(")") + out[-1].text.count("）")
                    or (_BRACKETED.fullmatch(ln.text) and not _SENTENCE_END.search(out[-1].text))):
            joiner = "" if out[-1].text.endswith(("/", "-")) else " "
            out[-1] = Line(out[-1].text + joiner + ln.text, out[-1].ids + ln.ids)
        else:
            out.append(Line(ln.text, list(ln.ids)))
    return out


def _joined_revision(lines: list[Line], symbol: str, language: str, notice: str = "revision") -> list[Line]:
    """ITU prints a revision as "Revision 1 to" over "Document C17/130-E": one revision line again
    (in a PDF the left column's text may lead either line); a corrigendum likewise."""
    lead, second = lang.revision_lines(_spaces(getattr(lang.wording(language), notice)))
    if not lead or "{n}" in second:
        return lines
    document = second.format(symbol=symbol)
    pattern = re.compile(r"(?:^|\s)" + re.escape(lead).replace(re.escape("{n}"), r"\d+") + "$")
    out: list[Line] = []
    index = 0
    while index < len(lines):
        ln = lines[index]
        match = pattern.search(ln.text)
        if match and index + 1 < len(lines) and document in lines[index + 1].text:
            after = lines[index + 1]
            left = ln.text[: match.start()].strip()
            rest = " ".join(after.text.replace(document, " ").split())
            # The left column's lines first (body, session), then the revision line.
            if left:
                out.append(Line(left, ln.ids))
            if rest:
                out.append(Line(rest, after.ids))
            out.append(Line(f"{match.group(0).strip()} {document}", [] if left else ln.ids))
            index += 2
            continue
        out.append(ln)
        index += 1
    return out


def _chair(text: str, language: str) -> tuple[str, str] | None:
    """Role and name of a chair line ('Chair: Ms. Halvorsen', 'Présidente : Mme Halvorsen'), or None."""
    words = lang.wording(language)
    colon = _spaces(words.colon).strip()
    role, sep, name = _partition_role(text, colon)
    if not sep and colon != ":":
        role, sep, name = _partition_role(text, ":")
    if not sep or not role.strip() or not name.strip() or len(role) > 40 or role.strip() == words.contents:
        return None
    return role.strip(), name.strip()


def split_chair_lines(text: str, language: str) -> list[str]:
    """A masthead paragraph's printed lines (``\n`` between them) cut before each chair line that follows the
    time line (a line with a year) or another chair line: a PDF cannot tell a full time line from one the
    typesetter wrapped."""
    out: list[str] = []
    for line in text.split("\n"):
        # The time line: a date in it, or a year where a date could not be read ('22 mras 2024').
        timed = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", out[-1]) if out else None
        if out and _chair(line, language) is not None and (timed or _chair(out[-1], language) is not None):
            out.append(line)
        elif out:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _time_line_by_structure(lines: list[Line], symbol: str | None, language: str) -> int | None:
    """Where a time line is when no date in it could be read: right after a UN title, which names the
    meeting the symbol numbers ('CCPR/C/SR.3905': 'Summary record of the 3905th meeting'), or right
    above the first chair line (the title above it)."""
    sitting = re.search(r"/SR\.(\d+)", symbol or "")
    title = next((k for k, ln in enumerate(lines) if sitting and meeting_number(ln.text) == int(sitting.group(1))), None)
    chair = next((k for k, ln in enumerate(lines) if _chair(ln.text, language) is not None), None)
    if title is not None and title + 1 < len(lines) and title + 1 != chair:
        return title + 1
    if chair is not None and chair >= 2:
        return chair - 1
    return None


def read_masthead(lines: list[Line], symbol: str | None, language: str, style: str, heading_follows: bool = False) -> Masthead:
    """Sort the masthead lines into the record's fields, in the order a masthead prints them
    (``heading_follows``: the first line below them is a heading)."""
    head = Masthead()
    words = lang.wording(language)
    # A line break inside a cell or paragraph separates masthead lines as a paragraph end does.
    lines = [Line(" ".join(_spaces(part).replace("\t", " ").split()), ln.ids if n == 0 else [])
             for ln in lines for n, part in enumerate(ln.text.split("\n"))]
    lines = [ln for ln in lines if ln.text and not re.fullmatch(r"\[image: [^\]]*\]", ln.text)]
    lines = _joined_brackets(lines)
    if symbol:
        # Two columns set as lines (a PDF): 'Body Document' above 'Session VC/15-E'.
        label = _spaces(words.document)
        for index, ln in enumerate(lines[:-1]):
            if ln.text.endswith(" " + label) and symbol in lines[index + 1].text:
                ln.text = ln.text[: -len(label)].rstrip()
    if symbol:
        for notice in NOTICES:
            lines = _joined_revision(lines, symbol, language, notice)
    # The meta block (symbol, date, distribution, original) ends the first part of the masthead.
    free: list[Line] = []
    meta_end = -1
    record_date: tuple[int, str] | None = None
    candidates: list[tuple[int, int, str]] = []
    original_at: int | None = None  # the 'Original:' line, which the document date comes right before
    dated_end = -1  # the last line ending in a date (the document date, or a session line's dates below it)
    for index, ln in enumerate(lines):
        text = ln.text
        found = next(((notice, n) for notice in NOTICES if (n := _revision(text, symbol, language, notice))), None)
        if found:
            head.fields[found[0]] = found[1]
            meta_end = index
            continue
        if symbol and symbol in text:
            text = _without_symbol(text, symbol, language)
            meta_end = index
        if text in _versions():
            meta_end = index  # the UN version line ('Español') the build prints from the table
            continue
        beside = next((v for v in _versions() if text.endswith(" " + v)), None)
        if beside and _original(text, language) is None:  # a PDF: the organ's second line and the version line on one baseline
            text = text[: -len(beside) - 1].rstrip()
            meta_end = index
        original = _original(text, language)
        if original is not None:
            original_at = index if original_at is None else original_at
            if original:
                head.fields["original_language"] = original
            else:
                head.warnings.append(f'original language not recognised in "{text}": the language of this version assumed')
            meta_end = index
            continue
        distribution = _distribution(text, language)
        if distribution:
            head.fields["distribution"] = distribution
            meta_end = index
            continue
        for words_ in (words, lang.wording("en")):
            prefix = _spaces(words_.distr).partition("{}")[0]
            cut = text.find(" " + prefix)
            if prefix.strip() and cut > 0 and _distribution(text[cut + 1:], language):
                head.fields["distribution"] = _distribution(text[cut + 1:], language)
                text = text[:cut].rstrip()
                meta_end = index
                break
        # UN versions in Russian, Chinese and Arabic date the masthead in English ('14 March 2024').
        dates = find_dates(text, language) or (find_dates(text, "en") if meta_end >= 0 and language != "en" else [])
        if dates and dates[-1][1] == len(text) and meta_end >= 0 or (dates and dates[-1][0] == 0 and dates[-1][1] == len(text)):
            candidates.append((index, dates[-1][0], dates[-1][2]))
            dated_end = max(dated_end, index)
        if re.fullmatch(r"[-–\s\d]*", text) and not (text.isdigit() and free):
            # A page number above the masthead ('2' over the symbol of a page copied as text); a number
            # below a line of the masthead is a session written as a bare number ('140').
            continue
        free.append(Line(text, ln.ids) if text != ln.text else ln)
        free[-1].index = index  # type: ignore[attr-defined]
    if candidates:
        # The document date is the last date that ends a line of the meta block before its 'Original:' line; a
        # session line below may end in one too ('Cent dixième session, 3–21 mars 2025').
        before_original = [c for c in candidates if original_at is None or c[0] < original_at]
        where, start, iso = (before_original or candidates)[-1]
        if not before_original:
            meta_end = max(meta_end, dated_end)
        record_date = (where, iso)
        for n, ln in enumerate(free):
            if ln.index == where:  # type: ignore[attr-defined]
                kept = Line(ln.text[:start].strip(), ln.ids)
                kept.index = where  # type: ignore[attr-defined]
                free[n] = kept
        free = [ln for ln in free if ln.text]
        meta_end = max(meta_end, where)
    if record_date is None:
        # No meta block: the last date ending a line before the title.
        for index, ln in enumerate(lines):
            dates = find_dates(ln.text, language)
            if dates and dates[-1][1] == len(ln.text):
                record_date = (index, dates[-1][2])
                break
    if record_date:
        head.fields["date"] = record_date[1]
    before = [ln for ln in free if ln.index <= meta_end]  # type: ignore[attr-defined]
    after = [ln for ln in free if ln.index > meta_end]  # type: ignore[attr-defined]
    # UN layout: the organ and session come after the symbol block, above the title and time line.
    # The time line: the first line with a date that reads as the language's time line, else the first with a date
    # (a session line may hold dates too: 'Cent dixième session, 3–21 mars 2025').
    dated = [k for k, ln in enumerate(after[:6]) if find_dates(ln.text, language)]
    timed = next((k for k in dated if "time_line" not in parse_time_line(after[k].text, language, style)), dated[0] if dated else None)
    # A time line no date can be read in ('Tenu au …', a misspelt month): found by the lines around it
    # instead, so that the title, body, session and chairs are not taken for its neighbours.
    unrecognised = timed is None
    if unrecognised:
        timed = _time_line_by_structure(after[:7], symbol, language)
    # ITU: body and session beside the symbol block, so every line down to the time line is the title,
    # printed on as many lines as it was given ('SUMMARY RECORD' / 'OF THE' / 'SIXTH PLENARY MEETING').
    beside = style == "itu" and any(ln.text not in _united_nations() for ln in before)
    title_lines = timed if beside and timed else 1
    # Committee, session, title, time line; a UN record may have no session line (committee, title, time line).
    if timed is not None and not beside and (timed >= 3 or (timed == 2 and (style == "un" or any(ln.text in _united_nations() for ln in before)))):
        organ = []
        for ln in before:
            if ln.text in _united_nations():
                continue  # the 'United Nations' line the build prints from the language's table
            if style == "un":
                organ.append(ln.text)  # the organ or treaty line, wrapped over lines in its column
                continue
            head.warnings.append(f'masthead line not imported: "{ln.text}"')
        if organ:
            head.fields["organ"] = " ".join(organ)
        before, after = after[: timed - 1], after[timed - 1:]
    if before:
        head.fields["body"] = before[0].text
        if before[0].ids:
            head.fields["body_id"] = before[0].ids[0]
    if len(before) > 1:
        head.fields["session"] = " ".join(ln.text for ln in before[1:])
    if after:
        parts, after = after[:title_lines], after[title_lines:]
        title = Line("\n".join(ln.text for ln in parts), parts[0].ids)
        title.text = re.sub(r"\s*\*+$", "", title.text)  # the mark of the corrections footnote
        head.meeting["title"] = title.text
        if title.ids:
            head.meeting["title_id"] = title.ids[0]
        number = meeting_number(title.text)
        if number is None:
            head.warnings.append(f'no meeting number in the title "{title.text}": meeting.number set to 1, check it')
        head.meeting["number"] = number or 1
    if after and find_dates(after[0].text, language):
        read = parse_time_line(after[0].text, language, style)
        if "time_line" in read and len(after) > 1 and _chair(after[1].text, language) is None:
            # A time line wrapped over two lines (text copied from a PDF: '…, at' / '3 p.m.'): one line again
            # where that makes a line the language's words compose.
            joined = parse_time_line(f"{after[0].text} {after[1].text}", language, style)
            if "time_line" not in joined:
                read = joined
                after.pop(0)
        after.pop(0)
        head.meeting.update(read)
    elif after and unrecognised and timed is not None and _chair(after[0].text, language) is None:
        head.meeting["time_line"] = after.pop(0).text
        head.warnings.append(f'time line not recognised (no date read in it), kept as written in meeting.time_line: "{head.meeting["time_line"]}"')
    while after:
        found = _chair(after[0].text, language)
        if found is None:
            break
        chair = {"role": found[0], "name": found[1]}
        if after[0].ids:
            chair["id"] = after[0].ids[0]
        head.chairs.append(chair)
        after.pop(0)
    if after and after[0].text.strip() == words.contents:
        after.pop(0)
        seen: list[Line] = []
        while after and not _SENTENCE_END.search(after[0].text) and not any(tokens.same_title(tokens.split_heading(after[0].text)[0], tokens.split_heading(t.text)[0]) for t in seen):
            seen.append(after.pop(0))
        if seen and not after and not heading_follows:
            # No entry came back as a heading, and the first heading is not below: the last line is that
            # heading, under an empty Contents (a record without agenda rows prints the word alone).
            after.append(seen.pop())
        head.contents = [ln.text for ln in seen]
    head.after = after
    return head
