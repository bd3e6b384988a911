"""The PDF reader's extraction: halves read by two pdftotext processes, words parsed when asked, no stall on noisy PDFs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafting.lint import pdffile

ARABIC = "أعرب ممثل المغرب عن تأييده للاقتراح الوارد في الفقرة 3 أعلاه وطلب مزيدا من الإيضاحات"


def _multi_page_pdf(path: Path, pages: int = 11) -> Path:
    """A record-like PDF of several pages: labels in a hanging indent, a running footer, Arabic lines, an ampersand."""
    from weasyprint import HTML

    body = []
    for page in range(1, pages + 1):
        body.append("<h2>Section %d &amp; more</h2>" % page)
        for k in range(1, 7):
            body.append(f'<p class="n"><span>{page}.{k}</span>The delegate of country {k} said that the matter in '
                        f"paragraph {page}.{max(1, k - 1)} deserved further study by the working group before the next "
                        "session, and asked that it be placed on the agenda of the Council at its next meeting.</p>")
        body.append(f'<p dir="rtl" lang="ar">{ARABIC}</p>')
        body.append('<p style="break-after: page"></p>')
    html = ("<html><head><style>@page { size: A4; margin: 2cm; @bottom-center { content: 'C99/1-E  ' counter(page) } }"
            "body { font: 11pt 'Liberation Serif'; } p.n { margin-left: 2cm; text-indent: -2cm; text-align: justify }"
            "p.n span { display: inline-block; width: 2cm }</style></head><body>" + "".join(body) + "</body></html>")
    HTML(string=html).write_pdf(str(path))
    return path


def _snapshot(layout: pdffile.PdfLayout) -> list[object]:
    paragraphs = [(p.label, p.text, [(page.number, line.number) for page, line in p.lines]) for p in pdffile.paragraphs(layout)]
    lines = [(page.number, line.number, line.role, line.rtl, line.text, round(line.x0, 2), round(line.x1, 2), round(line.y0, 2),
              round(line.first_width(), 2), [(w.x0, w.x1, w.text) for w in line.words]) for page in layout.pages for line in page.lines]
    return [layout.info, layout.body_size, len(layout.pages), paragraphs, lines]


def test_halves_read_by_two_pdftotext_processes_give_the_same_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _multi_page_pdf(tmp_path / "record.pdf")
    monkeypatch.setattr(pdffile, "_SPLIT_BYTES", 1 << 40)
    whole = pdffile.read_layout(str(pdf))
    runs: list[list[str]] = []
    popen = subprocess.Popen

    def counting(args: list[str], *rest: object, **options: object) -> subprocess.Popen[bytes]:
        runs.append(list(args))
        return popen(args, *rest, **options)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(pdffile, "_SPLIT_BYTES", 0)
    monkeypatch.setattr(pdffile.subprocess, "Popen", counting)
    halves = pdffile.read_layout(str(pdf))
    monkeypatch.undo()
    assert [run[run.index("-f") + 1:run.index("-f") + 4:2] for run in runs if run[0] == "pdftotext"] == [["7", "11"], ["1", "6"]]
    assert [page.number for page in halves.pages] == list(range(1, 12))
    assert _snapshot(halves) == _snapshot(whole)
    # What the lint needs came through: labels, the footer as furniture, Arabic in reading order.
    labels = [p.label for p in pdffile.paragraphs(halves) if p.label]
    assert labels == [f"{page}.{k}" for page in range(1, 12) for k in range(1, 7)]
    roles = {line.text: line.role for page in halves.pages for line in page.lines}
    assert roles["C99/1-E 11"] == "furniture"
    arabic = [line.text for page in halves.pages for line in page.lines if line.rtl]
    assert len(arabic) >= 11 and all(text.split()[0] in ARABIC.split() for text in arabic)
    assert ARABIC.startswith(arabic[0].split()[0])


def test_words_parsed_when_asked_match_the_lines_text(tmp_path: Path) -> None:
    layout = pdffile.read_layout(str(_multi_page_pdf(tmp_path / "record.pdf", pages=2)))
    for page in layout.pages:
        for line in page.lines:
            assert [w.text for w in line.words] == line.texts and " ".join(line.texts) == line.text
            assert line.head(2) == line.raw[:2]
            first = line.words[0]
            assert line.first_width() == pytest.approx(first.x1 - first.x0)
            assert line.x0 <= min(w.x0 for w in line.words) + 0.01 and line.x1 >= max(w.x1 for w in line.words) - 0.01


def _noisy_pdf(path: Path) -> Path:
    """One page with a numbered line, then 20,000 unknown operators: pdftotext warns 900 kB on its error stream."""
    content = b"BT /F1 12 Tf 72 720 Td (1.1 The meeting opened.) Tj ET\n" + b"foo " * 20000
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


def test_a_flood_of_pdftotext_warnings_does_not_stall_the_reader(tmp_path: Path) -> None:
    pdf = _noisy_pdf(tmp_path / "noisy.pdf")
    # In a child: a reader that waits on a full error pipe would hang the test run instead of failing it.
    code = "from drafting.lint.pdffile import read_layout; import sys; print([l.text for p in read_layout(sys.argv[1]).pages for l in p.lines])"
    done = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['1.1 The meeting opened.']"


def test_no_cycle_collection_while_a_pdf_is_read_and_the_collector_is_back_after(tmp_path: Path) -> None:
    import gc

    pdf = _multi_page_pdf(tmp_path / "record.pdf", pages=3)
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    try:
        pdffile.read_pdf(str(pdf))
        during = list(started)
        with pytest.raises(pdffile.DraftingError):
            pdffile.read_pdf(str(_noisy_pdf(tmp_path / "noisy.pdf").with_name("missing.pdf")))
    finally:
        gc.callbacks.remove(note)
    assert during == []
    assert gc.isenabled()
