"""The PDF's no-loss check, both ways, in the six languages.

The check reads what WeasyPrint lays out and draws. A correct record never fails it, whatever
the language, the justification or the page breaks (a paragraph running over the page-1
footnote, right-to-left text); a real loss always does: text hidden by CSS, clipped, moved off
the page, a paragraph dropped, a glyph no font has.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from click.testing import Result

from drafting.pdf import drawn_text, render_pdf

LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

# One realistic sentence per language (each also names a document symbol, Latin inside the
# script), and a second one that the deliberate losses target.
SENTENCES = {
    "ar": ("قدّم ممثل مكتب تقييس الاتصالات التقرير الوارد في الوثيقة C20/24 وأجاب عن الأسئلة.",
           "وأحاط المجلس علماً بالتقرير الوارد في الوثيقة VC/5."),
    "zh": ("电信标准化局代表介绍了C20/24号文件所载的报告并回答了问题。",
           "理事会注意到VC/5号文件所载的报告。"),
    "en": ("The representative of TSB introduced the report in Document C20/24 and answered questions.",
           "The Council took note of the report in Document VC/5."),
    "fr": ("Le représentant du TSB présente le rapport figurant dans le Document C20/24 et répond aux questions.",
           "Le Conseil prend note du rapport figurant dans le Document VC/5."),
    "ru": ("Представитель БСЭ представил отчет, содержащийся в Документе C20/24, и ответил на вопросы.",
           "Совет принял к сведению отчет, содержащийся в Документе VC/5."),
    "es": ("El representante de la TSB presenta el informe que figura en el Documento C20/24 y responde a las preguntas.",
           "El Consejo toma nota del informe que figura en el Documento VC/5."),
}
TARGET = 1  # the index of the sentence the losses take away

Runner = Callable[..., Result]


def data_title(language: str) -> str:
    return {"ar": "التقارير", "zh": "报告", "en": "Reports", "fr": "Rapports", "ru": "Доклады", "es": "Informes"}[language]


def record(language: str, style: str, *, long: bool = False, extra: str = "") -> dict[str, Any]:
    """A short record in ``language``; ``long`` makes its first paragraph run over page 1."""
    first, second = SENTENCES[language]
    paragraphs: list[Any] = [" ".join([first] * (6000 // len(first) + 1)) if long else first, {"id": "target", "text": second}]
    if extra:
        paragraphs.append(extra)
    data: dict[str, Any] = {
        "style": style, "language": language, "original_language": "en",
        "body": {"ar": "المجلس", "zh": "理事会", "en": "Council", "fr": "Conseil", "ru": "Совет", "es": "Consejo"}[language],
        "symbol": f"T/1-{'ACEFRS'[('ar', 'zh', 'en', 'fr', 'ru', 'es').index(language)]}" if style == "itu" else "T/C/SR.1",
        "date": "2024-03-14",
        "meeting": {"number": 1, "title": {"ar": "محضر موجز", "zh": "摘要记录", "en": "Summary record", "fr": "Compte rendu",
                                           "ru": "Краткий отчет", "es": "Acta resumida"}[language],
                    "date": "2024-03-11", "start": "10:00", "end": "13:00"},
        "agenda": [{"title": data_title(language),
                    "documents": ["C20/24", "VC/5"]}],
        "sections": [{"title": data_title(language), "paragraphs": paragraphs}],
    }
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def pdfs_in(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".pdf" in p.name] if folder.exists() else []


# --------------------------------------------------------------------------- correct records pass


@pytest.mark.parametrize("style", ["itu", "un"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_correct_record_never_fails(language: str, style: str, tmp_path: Path, drafting_build: Runner) -> None:
    """A paragraph that runs over page 1 (past the UN footnote, justified, in its own script)."""
    source = write(tmp_path, f"long.{language}.yaml", record(language, style, long=True))
    result = drafting_build(source, "--to", "pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    pages = subprocess.run(["pdfinfo", str(tmp_path / "out" / f"long.{language}.pdf")], capture_output=True, text=True, check=True)
    count = int(next(line for line in pages.stdout.splitlines() if line.startswith("Pages:")).split()[1])
    assert count >= 2, "the paragraph does not cross a page break"


# --------------------------------------------------------------------------- real losses fail

# Each turns the HTML that WeasyPrint typesets into one that loses the target paragraph.
HIDE = "<style>#target {{ {} }}</style></head>"
LOSSES: dict[str, Callable[[str], str]] = {
    "visibility hidden": lambda html: html.replace("</head>", HIDE.format("visibility: hidden"), 1),
    "opacity zero": lambda html: html.replace("</head>", HIDE.format("opacity: 0"), 1),
    "transparent colour": lambda html: html.replace("</head>", HIDE.format("color: transparent"), 1),
    "clipped by overflow": lambda html: html.replace("</head>", HIDE.format("height: 0; overflow: hidden"), 1),
    "pushed off the page": lambda html: html.replace("</head>", HIDE.format("margin-left: -40cm; margin-right: 40cm"), 1),
    "paragraph dropped": lambda html: _drop_target(html),
}


def _drop_target(html: str) -> str:
    start = html.index('id="target"')
    start = html.rindex("<p", 0, start)
    end = html.index("</p>", start) + len("</p>")
    return html[:start] + html[end:]


@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_loss_fails_the_build_and_leaves_no_pdf(language: str, loss: str, tmp_path: Path, drafting_build: Runner,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import drafting.html

    real = drafting.html.render_html
    monkeypatch.setattr(drafting.html, "render_html", lambda path: LOSSES[loss](real(path)))
    source = write(tmp_path, f"loss.{language}.yaml", record(language, "itu"))
    out = tmp_path / "out"
    result = drafting_build(source, "--to", "pdf", "-o", out)
    assert result.exit_code == 2, result.output
    assert "the PDF lost text of the record" in result.output
    assert SENTENCES[language][TARGET][:40] in result.output, result.output
    assert "Traceback" not in result.output
    assert pdfs_in(out) == []


def uncovered_code_point() -> str:
    """A code point that no installed font covers (fontconfig's view)."""
    assert shutil.which("fc-list"), "fontconfig's fc-list is needed"
    for code in (0x1F9FF, 0x10FFFD, 0xF0000, 0x1E900, 0x16A0):
        listed = subprocess.run(["fc-list", f":charset={code:x}", "family"], capture_output=True, text=True, check=False)
        if listed.returncode == 0 and not listed.stdout.strip():
            return chr(code)
    raise AssertionError("every candidate code point has a font here: add one that none covers")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_glyph_no_font_has_fails_the_build(language: str, tmp_path: Path, drafting_build: Runner) -> None:
    char = uncovered_code_point()
    source = write(tmp_path, f"tofu.{language}.yaml", record(language, "un", extra=f"{SENTENCES[language][0]} {char}"))
    out = tmp_path / "out"
    result = drafting_build(source, "--to", "pdf", "-o", out)
    assert result.exit_code == 2, result.output
    assert f"U+{ord(char):04X}" in result.output or char in result.output, result.output
    assert pdfs_in(out) == []


# --------------------------------------------------------------------------- what counts as drawn


def test_drawn_text_puts_margin_boxes_and_footnotes_after_the_flow(tmp_path: Path) -> None:
    """A paragraph split by a page break reads on, unbroken by the running head or the footnote."""
    words = " ".join(f"word{i}" for i in range(1200))
    html = ("<html><head><style>@page { size: A6; @top-left { content: 'HEAD-7' } } "
            ".note { float: footnote }</style></head><body><h1>Title<span class='note'>FOOT-NOTE</span></h1>"
            f"<p style='text-align: justify'>{words}</p></body></html>")
    from weasyprint import HTML

    document = HTML(string=html).render()
    assert len(document.pages) > 1
    text, _, aside = drawn_text(document).partition("\f")
    assert "HEAD-7" not in text and "FOOT-NOTE" not in text
    flow = "".join(text.split())
    assert flow.startswith("Title") and flow.endswith("".join(words.split())), flow[:40]
    assert "FOOT-NOTE" in aside and "HEAD-7" in aside, "footnotes and running heads come after the flow"


@pytest.mark.parametrize("whole", [False, True], ids=["page-at-a-time", "whole-document"])
def test_render_pdf_lays_out_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, whole: bool) -> None:
    """The drawn text and the PDF come from the same layout: each page is laid out once."""
    import weasyprint.layout.page

    calls = []
    real = weasyprint.layout.page.make_page
    monkeypatch.setattr(weasyprint.layout.page, "make_page", lambda *a, **k: calls.append(1) or real(*a, **k))
    text = render_pdf("<html><body><p>Один раз.</p></body></html>", tmp_path / "once.pdf", whole=whole)
    assert calls == [1]
    assert "Один раз." in text
    assert (tmp_path / "once.pdf").read_bytes().startswith(b"%PDF-")


def test_a_word_longer_than_the_line_wraps_instead_of_running_off_the_page(tmp_path: Path, drafting_build: Runner) -> None:
    """Found by a hostile record: an unbreakable word ran past the page edge and was (rightly) reported lost."""
    data = record("en", "itu", extra="Avery" + "very" * 40 + "longwordwithoutanybreakopportunity.")
    data["sections"][0]["paragraphs"].append("See <https://www.itu.int/en/council/Documents/2020/" + "a-long-path-name/" * 8 + "opening-e.pdf>.")
    source = write(tmp_path, "long.en.yaml", data)
    result = drafting_build(source, "--to", "pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
