"""The PDF's text layer: what a reader copying or extracting text gets back for the glyphs drawn.

WeasyPrint tells a PDF reader the text of a glyph once per font (its ToUnicode map), taken from
the first place the glyph is drawn. That is right for a glyph that always stands for the same
letters, and wrong where shaping makes one glyph stand for different letters in different words
or spreads one cluster of letters over several glyphs, as Arabic does everywhere:

- Amiri draws the lam of 'لك' and of 'لل' with one glyph, so 'لكي' read back as 'للكي';
- a letter with a shadda and a fatha is a cluster of three glyphs, each of which got the
  cluster's whole text, so the marks came back doubled or on the wrong letter.

Here the glyphs of each such letter (with its marks) are wrapped in a marked-content span with an
``/ActualText`` (PDF 32000-1, 14.9.4), the letters they stand for, as cairo does for the same
reason; a marks' glyph drawn beside the letter's own goes in an empty span, so that the letter's
box stays its own. Letters whose one glyph the ToUnicode map already reads right are left as they
are, so Latin, Cyrillic and Chinese text is drawn as before (a no-break space, drawn with the
space's glyph, gets a span: it reads back as a no-break space). Acrobat and poppler (pdftotext,
Evince) read the span's text instead of the glyphs' (poppler spreads it over the span's box, as it
does a ligature's text).

``draw_first_line`` is WeasyPrint 70's function of the same name (BSD-3-Clause, Copyright
2011-2025 Simon Sapin, Guillaume Ayoub and contributors) with the spans added; ``actual_texts``
puts it in WeasyPrint's place, while a record is typeset, for the versions it was written against
(``SUPPORTED``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any
from xml.etree import ElementTree

# The WeasyPrint releases whose draw_first_line this module's copy follows.
SUPPORTED = ("70.",)


def actual_text(text: str) -> bytes:
    """The marked-content operator that opens a span whose text is ``text`` (UTF-16BE, as PDF text strings)."""
    return b"/Span <</ActualText <feff" + text.encode("utf-16-be").hex().encode() + b">>> BDC"


def _graphemes(count: int, clusters: list[int], text: bytes, rtl: bool) -> list[tuple[int, int, str]]:
    """A Pango glyph string's glyphs grouped by the letters they draw, in drawing order: (first
    glyph, end glyph, text), a letter with its combining marks in one group.

    Pango lists glyphs in visual order: a right-to-left run's clusters go down the text, so a
    cluster's text ends where the cluster drawn before it starts. Pango makes a cluster of each
    mark ('َّ' apart from its 'د'); a reader needs the letter and its marks together."""
    edges = [index for index in range(1, count) if clusters[index] != clusters[index - 1]]
    firsts, ends = [0, *edges], [*edges, count]
    begins = [clusters[first] for first in firsts]
    finishes = [len(text), *begins[:-1]] if rtl else [*begins[1:], len(text)]
    if text.isascii() or not _MARK.search(text.decode()):  # most runs: no mark to put with its letter
        return [(first, end, text[begin:finish].decode()) for first, end, begin, finish in zip(firsts, ends, begins, finishes)]
    groups: list[list[int]] = []
    spans = [list(span) for span in zip(firsts, ends, begins, finishes)]
    pending: list[int] | None = None  # a bidi mark that starts the run: it goes with the letter after it
    for span in spans[::-1] if rtl else spans:
        joins = _MARK.match(text[span[2]:span[3]].decode())
        if groups and joins:
            group = groups[-1]
        elif joins and _BIDI_MARK.match(text[span[2]:span[3]].decode()):
            pending = span
            continue
        else:
            groups.append(span)
            if pending is None:
                continue
            group, span, pending = span, pending, None
        group[0], group[1] = min(group[0], span[0]), max(group[1], span[1])
        group[2], group[3] = min(group[2], span[2]), max(group[3], span[3])
    if pending is not None:
        groups.append(pending)
    return [(first, end, text[begin:finish].decode()) for first, end, begin, finish in (groups[::-1] if rtl else groups)]


# A combining mark, joiner or bidi mark, which belongs with the letter before it (a bidi mark that starts a
# run, with the letter after it): it draws no glyph of its own, and a PDF keeps it only in a letter's span.
_MARK = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a"
                   r"\u061c\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u200c-\u200f\ufe00-\ufe0f]")
_BIDI_MARK = re.compile("[\u061c\u200e\u200f]")


_NAMED = re.compile(r"uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6})")


def _letters_by_glyph(font: Any) -> dict[int, str]:
    """The letters each glyph of a font is named for: the character map's, then the glyph's own
    name ('uni0644.init' is a lam, 'uni0644_uni0627' a lam and an alef, 'uni0640.1' a tatweel)."""
    letters = _FONT_LETTERS.get(font.hash)
    if letters is None:
        from fontTools.ttLib import TTFont

        face = TTFont(BytesIO(font.file_content), fontNumber=font.index, lazy=True)
        order = face.getGlyphOrder()
        mapped: dict[str, str] = {}
        for code, name in sorted(face.getBestCmap().items()):
            mapped[name] = mapped.get(name, "") + chr(code)
        letters = {}
        for number, name in enumerate(order):
            named = ""
            for part in name.split(".")[0].split("_"):
                match = _NAMED.fullmatch(part)
                if part in mapped:
                    named += mapped[part]
                elif match and match.group(1):
                    named += "".join(chr(int(match.group(1)[i:i + 4], 16)) for i in range(0, len(match.group(1)), 4))
                elif match:
                    named += chr(int(match.group(2), 16))
            if name in mapped:
                named = mapped[name]
            if named:
                letters[number] = named
        _FONT_LETTERS[font.hash] = letters
    return letters


_FONT_LETTERS: dict[str, dict[int, str]] = {}


def _glyph_texts(font: Any, glyphs: list[int], text: str) -> list[str]:
    """The letters of ``text`` each of its glyphs is named for, in the text's order ('' for a glyph
    that only joins or decorates, as the kashida piece Amiri draws before a lam)."""
    letters = _letters_by_glyph(font)
    left = list(text)
    texts = []
    for glyph in glyphs:
        own = ""
        for letter in letters.get(glyph, ""):
            if letter in left:
                left.remove(letter)
                own += letter
        texts.append(own)
    return texts


def _open_span(stream: Any, string: str, text: str) -> str:
    """Show the glyphs so far and open a span whose text is ``text``; return the glyph list to go on with."""
    string = string[:-1] if string[-1] == '<' else string + '>'
    if string:
        stream.show_text(string)
    stream.stream.append(actual_text(text))
    return '<'


def _close_span(stream: Any, string: str) -> str:
    """Show the span's glyphs and close it; return the glyph list to go on with."""
    string = string[:-1] if string[-1] == '<' else string + '>'
    if string:
        stream.show_text(string)
    stream.stream.append(b"EMC")
    return '<'


def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: Any, matrix: Any) -> list[Any]:
    """Draw the given ``textbox`` line to the document ``stream``, with the text of clusters the
    font's ToUnicode map cannot tell given as ActualText."""
    from PIL import Image
    from weasyprint.images import RasterImage, SVGImage
    from weasyprint.logger import LOGGER
    from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango
    from weasyprint.text.fonts import get_hb_object_data
    from weasyprint.text.line_break import get_last_word_end

    # Don’t draw lines with only invisible characters.
    if not textbox.text.strip():
        return []

    if textbox.style['font_size'] < 1e-6:  # default float precision used by pydyf
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)

    if text_overflow == 'ellipsis' or block_ellipsis != 'none':
        assert textbox.pango_layout.max_width is not None
        max_width = textbox.pango_layout.max_width
        pango.pango_layout_set_width(textbox.pango_layout.layout, int(max_width * TO_UNITS))
        if text_overflow == 'ellipsis':
            pango.pango_layout_set_ellipsize(textbox.pango_layout.layout, pango.PANGO_ELLIPSIZE_END)
        else:
            if block_ellipsis == 'auto':
                ellipsis = '…'
            else:
                assert block_ellipsis[0] == 'string'
                ellipsis = block_ellipsis[1]

            # Remove last word if hyphenated.
            new_text = textbox.pango_layout.text
            if new_text.endswith(textbox.style['hyphenate_character']):
                last_word_end = get_last_word_end(new_text[:-len(textbox.style['hyphenate_character'])], textbox.style['lang'])
                if last_word_end:
                    new_text = new_text[:last_word_end]

            textbox.pango_layout.set_text(new_text + ellipsis)

    first_line, index = textbox.pango_layout.get_first_line()

    if block_ellipsis != 'none':
        while index:
            last_word_end = get_last_word_end(textbox.pango_layout.text[:-len(ellipsis)], textbox.style['lang'])
            if last_word_end is None:
                break
            new_text = textbox.pango_layout.text[:last_word_end]
            textbox.pango_layout.set_text(new_text + ellipsis)
            first_line, index = textbox.pango_layout.get_first_line()

    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ''
    x_advance = 0
    emojis: list[Any] = []
    utf8_text = textbox.pango_layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        # Get Pango objects.
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        offset_in_text = glyph_item.item.offset
        rtl = bool(glyph_item.item.analysis.level % 2)

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            # Add font file content and get font size.
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)

            # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530.
            # This is also needed by raster emoji fonts, see #2800.
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style['font_size']

            # Go through the run glyphs.
            if string:
                stream.show_text(string)
            string = ''
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        string += '<'
        infos = glyphs_info[0:num_glyphs]
        ids = [info.glyph for info in infos]
        widths = [info.geometry.width for info in infos]
        for first, end, text in _graphemes(num_glyphs, ffi.unpack(clusters, num_glyphs), utf8_text[offset_in_text:offset_in_text + glyph_item.item.length], rtl):
            if end - first == 1 and ids[first] != pango.PANGO_GLYPH_EMPTY:  # most letters: one glyph
                drawn = ids[first:end]
                if not drawn[0] & pango.PANGO_GLYPH_UNKNOWN_FLAG:  # a .notdef gets its entry below
                    font.to_unicode.setdefault(drawn[0], text)
                spanned = font.to_unicode.get(drawn[0], text) != text
                own_first, own_end = first, end
            else:
                drawn = [glyph for glyph in ids[first:end] if glyph != pango.PANGO_GLYPH_EMPTY]
                # A letter drawn with one glyph the font's map reads right needs nothing more; any other
                # (several glyphs, marks, a glyph the map gives other letters) goes in a span. The map
                # still gets the letters each glyph is named for, so that the glyph drawn alone
                # elsewhere needs no span (and every glyph drawn has an entry: the font subset is made
                # of them).
                named = [_BIDI_MARK.sub("", text)] if len(drawn) == 1 else _glyph_texts(font, drawn, text)
                for glyph, letters in zip(drawn, named):
                    if not glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                        font.to_unicode.setdefault(glyph, letters)
                spanned = bool(drawn) and (len(drawn) > 1 or font.to_unicode.get(drawn[0], text) != text)
                # The span's text goes with the glyphs from the first that advances to the last (a
                # reader takes the span's box from the first glyph's origin to the last one's end);
                # marks drawn before or after them go in an empty span.
                advancing = [i for i in range(first, end) if ids[i] != pango.PANGO_GLYPH_EMPTY and widths[i] > 0]
                own_first, own_end = (advancing[0], advancing[-1] + 1) if advancing else (first, end)
            span: str | None = None  # the text of the span open, if any
            for i in range(first, end):
                glyph_info = infos[i]
                glyph_id = ids[i]
                width = widths[i]

                if spanned:
                    wanted = text if own_first <= i < own_end else ''
                    if span != wanted:
                        if span is not None:
                            string = _close_span(stream, string)
                        string, span = _open_span(stream, string, wanted), wanted

                # Display zero-width empty glyph.
                if glyph_id == pango.PANGO_GLYPH_EMPTY:
                    string += f'>{-width / font_size}<'
                    continue

                # Display .notdef and log warning for missing glyphs.
                if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                    LOGGER.warning('.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)', chr(codepoint), codepoint)
                    glyph_id = font.get_unused_glyph_id(codepoint)
                    font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                    if 0 not in font.widths:
                        # "width" is actually Pango’s get_approximate_char_width. Force .notdef’s
                        # to use this width, even if it’s not the right, as we want to keep Pango’s
                        # layout for next glyphs.
                        font.widths[0] = font.widths[glyph_id]

                if glyph_id not in font.to_unicode:  # a .notdef drawn in an unused glyph's place
                    font.to_unicode[glyph_id] = text

                # Set horizontal and vertical offsets.
                offset = glyph_info.geometry.x_offset / font_size
                rise = glyph_info.geometry.y_offset / 1000
                if rise:
                    if string[-1] == '<':
                        string = string[:-1]
                    else:
                        string += '>'
                    if string:
                        stream.show_text(string)
                    stream.set_text_rise(-rise)
                    string = ''
                    if offset:
                        string = f'{-offset}'
                    string += f'<{glyph_id:02x}>' if font.bitmap else f'<{glyph_id:04x}>'
                    stream.show_text(string)
                    stream.set_text_rise(0)
                    string = '<'
                else:
                    if offset:
                        string += f'>{-offset}<'
                    string += f'{glyph_id:02x}' if font.bitmap else f'{glyph_id:04x}'

                # Get glyph logical widths.
                if glyph_id in font.widths:
                    logical_width = font.widths[glyph_id]
                else:
                    pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                    logical_width = font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)

                # Set kerning, word spacing, letter spacing.
                kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
                if kerning:
                    string += f'>{int(kerning)}<'

                # Create list of emojis.
                if font.svg:
                    svg_data = get_hb_object_data(font.hb_face, 'svg', glyph_id)
                    if svg_data:
                        # Do as explained in specification
                        # https://learn.microsoft.com/typography/opentype/spec/svg
                        tree = ElementTree.fromstring(svg_data)
                        if tree.get('id') != f'glyph{glyph_id}':
                            defs = ElementTree.Element('defs')
                            for child in list(tree):
                                defs.append(child)
                                tree.remove(child)
                            tree.append(defs)
                            ElementTree.SubElement(tree, 'use', attrib={'href': f'#glyph{glyph_id}'})
                        if 'viewBox' not in tree.attrib:
                            tree.attrib['viewBox'] = f'0 0 {font.upem} {font.upem}'
                        image = SVGImage(tree, None, None, None)
                        a = d = 1
                        emojis.append([image, font, a, d, x_advance, 0])
                elif font.png:
                    png_data = get_hb_object_data(font.hb_font, 'png', glyph_id)
                    if png_data:
                        pillow_image = Image.open(BytesIO(png_data))
                        image_id = f'{font.hash}{glyph_id}'
                        image = RasterImage(pillow_image, image_id, png_data)
                        d = logical_width / 1000
                        a = pillow_image.width / pillow_image.height * d
                        pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                        f = -stream.logical_rect.y
                        f = f * FROM_UNITS / font_size - font_size
                        emojis.append([image, font, a, d, x_advance, f])
                elif font.colr:
                    svg_data = get_hb_object_data(font.hb_font, 'colr', glyph_id)
                    if svg_data:
                        tree = ElementTree.fromstring(svg_data)
                        image = SVGImage(tree, None, None, None)
                        a = d = 1
                        e = x_advance - kerning
                        emojis.append([image, font, a, d, e, -textbox.baseline])

                x_advance += (logical_width + offset - kerning) / 1000
            if span is not None:
                string = _close_span(stream, string)

        # Close the last glyphs list, remove if empty.
        if string[-1] == '<':
            string = string[:-1]
        else:
            string += '>'

    # Draw text.
    stream.show_text(string)

    return emojis


@contextmanager
def actual_texts() -> Iterator[None]:
    """Within the block, WeasyPrint draws text with this module's ``draw_first_line`` (only the
    WeasyPrint versions it follows; others draw as they do)."""
    import weasyprint
    from weasyprint.draw import text

    stock = text.draw_first_line
    if weasyprint.__version__.startswith(SUPPORTED):
        text.draw_first_line = draw_first_line
    try:
        yield
    finally:
        text.draw_first_line = stock
