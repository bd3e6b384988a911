"""Fixed wording and date formats of the six official languages, in one table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

# Babel locale per language: en_GB writes "16 June 2020" as ITU and UN documents do.
_LOCALES = {"ar": "ar", "zh": "zh_Hans_CN", "en": "en_GB", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}


@dataclass(frozen=True)
class Wording:
    """The fixed texts of a record in one language."""

    document: str  # "Document" before the symbol in the ITU header
    original: str  # "Original: {language}"
    names: dict[str, str]  # language names as used after "Original:"
    subjects: str  # agenda table header, left
    documents: str  # agenda table header, right
    contents: str  # UN Contents heading
    colon: str
    continued: str
    revision: str  # "Revision {n} to Document {symbol}"
    distr: str
    held: str  # UN time line: place and date
    footnote: str  # UN page-1 corrections footnote
    rtl: bool = False


def _docs_en(docs: list[str]) -> str:
    if len(docs) == 1:
        return f"(Document {docs[0]})"
    return f"(Documents {', '.join(docs[:-1])} and {docs[-1]})"


_EN_FOOTNOTE = (
    "This record is subject to correction. Corrections should be submitted in one of the working "
    "languages. They should be set forth in a memorandum and also incorporated in a copy of the "
    "record. They should be sent within one week of the date of the present document to the "
    "Documents Management Section. Any corrected records of the public meetings of the Committee at "
    "this session will be reissued in a single corrigendum, for reasons of economy, after the end of the session."
)

WORDING: dict[str, Wording] = {
    "en": Wording("Document", "Original: {}", {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
                  "Subjects discussed", "Documents", "Contents", ": ", "(continued)", "Revision {n} to Document {symbol}", "Distr.: {}",
                  "Held at {place}, on {date}, at {time}", _EN_FOOTNOTE),
    "fr": Wording("Document", "Original: {}", {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
                  "Questions examinées", "Documents", "Sommaire", "\u00a0: ", "(suite)", "Révision {n} du Document {symbol}", "Distr.\u00a0: {}",
                  "Tenue au {place}, le {date}, à {time}",
                  "Le présent compte rendu est sujet à rectifications. Les rectifications doivent être rédigées dans l’une des langues de travail, présentées dans un mémorandum et portées sur un exemplaire du compte rendu. Elles doivent être envoyées dans un délai d’une semaine à compter de la date du présent document à la Section de la gestion des documents."),
    "es": Wording("Documento", "Original: {}", {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
                  "Temas tratados", "Documentos", "Índice", ": ", "(continuación)", "Revisión {n} al Documento {symbol}", "Distr. {}",
                  "Celebrada en {place}, el {date}, a las {time}",
                  "La presente acta podrá ser objeto de correcciones. Las correcciones deberán redactarse en uno de los idiomas de trabajo, presentarse en forma de memorando e incorporarse en un ejemplar del acta. Deberán enviarse dentro del plazo de una semana a partir de la fecha del presente documento a la Sección de Gestión de Documentos."),
    "ru": Wording("Документ", "Язык оригинала: {}", {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский", "ru": "русский", "es": "испанский"},
                  "Обсуждавшиеся вопросы", "Документы", "Содержание", ": ", "(продолжение)", "Пересмотр {n} Документа {symbol}", "Distr.: {}",
                  "Состоялось в {place} {date}, в {time}",
                  "В настоящий отчет могут вноситься поправки. Поправки должны представляться на одном из рабочих языков в виде меморандума и должны быть также внесены в один из экземпляров отчета. Их следует направлять в течение одной недели с даты выпуска настоящего документа в Секцию управления документацией."),
    "zh": Wording("文件", "原文：{}", {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
                  "议题", "文件", "目录", "：", "（续）", "{symbol}号文件第{n}次修订版", "Distr.: {}",
                  "{date}{time}在{place}举行",
                  "本记录可以更正。更正应以一种工作语文提出，列入一份备忘录，并同时纳入记录副本一份。更正应在本文件印发之日起一星期内送交文件管理科。"),
    "ar": Wording("الوثيقة", "الأصل: {}", {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية", "ru": "الروسية", "es": "الإسبانية"},
                  "المواضيع التي نوقشت", "الوثائق", "المحتويات", ": ", "(تابع)", "المراجعة {n} للوثيقة {symbol}", "Distr.: {}",
                  "عقدت في {place}، يوم {date}، الساعة {time}",
                  "هذا المحضر قابل للتصويب. وينبغي تقديم التصويبات بإحدى لغات العمل، ووضعها في مذكرة، وإدخالها على نسخة من المحضر. وينبغي إرسالها في غضون أسبوع واحد من تاريخ هذه الوثيقة إلى قسم إدارة الوثائق.",
                  rtl=True),
}

# UN practice: in the Arabic, Chinese and Russian versions the masthead's distribution, date
# and language lines stay in English.
MASTHEAD_IN_ENGLISH = {"ar", "zh", "ru"}


def wording(language: str) -> Wording:
    """Return the fixed texts of a language."""
    return WORDING[language]


def parse_date(value: str) -> dt.date:
    """Parse a record date (YYYY-MM-DD)."""
    return dt.date.fromisoformat(value)


def format_long_date(value: str, language: str) -> str:
    """Write a date as official documents do: '16 June 2020', '2020年6月16日', '16 июня 2020 года'."""
    day = parse_date(value)
    if language == "ru":
        return format_date(day, "d MMMM y", locale=_LOCALES["ru"]) + " года"
    if language == "ar":
        # The UN's Arabic gives the two month names together: "16 حزيران/يونيه 2020".
        levant = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
        egypt = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
        return f"{day.day} {levant[day.month - 1]}/{egypt[day.month - 1]} {day.year}"
    if language == "es":
        return format_date(day, "d 'de' MMMM 'de' y", locale=_LOCALES["es"])
    return format_date(day, "long", locale=_LOCALES[language])


def weekday(value: str, language: str) -> str:
    """Return the weekday name of a date in a language."""
    return format_date(parse_date(value), "EEEE", locale=_LOCALES[language])


def documents_suffix(documents: list[str], language: str) -> str:
    """Write a heading's documents: '(Documents C20/24 and VC/5)', '（C20/24和VC/5号文件）'."""
    if not documents:
        return ""
    if language == "zh":
        return "（" + "、".join(documents[:-1]) + ("和" if len(documents) > 1 else "") + documents[-1] + "号文件）"
    if language == "en":
        return _docs_en(documents)
    joined = ", ".join(documents)
    word = wording(language).documents if len(documents) > 1 else wording(language).document
    return f"({word} {joined})"


def time_line(date: str, start: str | None, end: str | None, place: str | None, language: str, style: str) -> str:
    """Compose the time line: 'Tuesday, 9 June 2020, from 1200 to 1500 hours', '2020年6月9日（星期二），12时至15时'."""
    long_date = format_long_date(date, language)
    day = weekday(date, language)
    if style == "un":
        time = _clock(start, language) if start else ""
        if place:
            return wording(language).held.format(place=place, date=f"{day}, {long_date}" if language != "zh" else f"{long_date}（{day}）", time=time).strip()
        return f"{day}, {long_date}" + (f", {time}" if time else "")
    if language == "zh":
        line = f"{long_date}（{day}）"
        if start and end:
            line += f"，{_zh_hour(start)}至{_zh_hour(end)}"
        return line
    if language == "en":
        line = f"{day}, {long_date}"
        if start and end:
            line += f", from {start.replace(':', '')} to {end.replace(':', '')} hours"
        return line
    line = f"{day} {long_date}"
    if start and end:
        line += f", {start}–{end}"
    return line


def _zh_hour(clock: str) -> str:
    hours, minutes = clock.split(":")
    return f"{int(hours)}时" + (f"{int(minutes)}分" if minutes != "00" else "")


def _clock(clock: str, language: str) -> str:
    hours, minutes = (int(x) for x in clock.split(":"))
    if language == "en":
        suffix = "a.m." if hours < 12 else "p.m."
        shown = hours % 12 or 12
        return f"{shown}.{minutes:02d} {suffix}" if minutes else f"{shown} {suffix}"
    return clock
