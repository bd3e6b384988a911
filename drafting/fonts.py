"""Pre-subset CJK faces for WeasyPrint, so that a Chinese PDF stays small.

Noto CJK faces are CFF fonts of 65,535 glyphs. WeasyPrint keeps glyph ids when it subsets,
which leaves a ~140 KB skeleton per face even for a dozen characters. Cutting each face down
to the characters of the record first (HarfBuzz, a few milliseconds) and handing WeasyPrint
that small font under its own family name (listed first in the CSS) keeps a Chinese record near 100 KB.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from functools import lru_cache

# (CSS family, CSS weight, fontconfig pattern). Body text is Song (serif), headings Hei (sans)
# and always bold, so a regular sans face would go unused.
CJK_FACES = (
    ("drafting Serif CJK", 400, "Noto Serif CJK SC:style=Regular"),
    ("drafting Serif CJK", 700, "Noto Serif CJK SC:style=Bold"),
    ("drafting Sans CJK", 700, "Noto Sans CJK SC:style=Bold"),
)


_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "VORG", "vhea", "vmtx")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F


@lru_cache(maxsize=None)
def locate_face(pattern: str) -> tuple[str, int] | None:
    """Return (file, face index) of an installed font matching a fontconfig pattern exactly."""
    if not shutil.which("fc-match"):
        return None
    result = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}|%{style}", pattern],
                            capture_output=True, text=True, check=False)
    if result.returncode or "|" not in result.stdout:
        return None
    path, index, family, style = result.stdout.split("|", 3)
    wanted_family, _, wanted_style = pattern.partition(":style=")
    if wanted_family not in family.split(",") or wanted_style not in style.split(","):
        return None  # fontconfig substituted another font: let WeasyPrint choose as usual
    return path, int(index or 0)


def subset_face(path: str, index: int, characters: str) -> bytes:
    """Return the face cut down to ``characters`` (OpenType bytes)."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(path), index)
    request = hb.SubsetInput()
    request.unicode_set.update(ord(c) for c in characters)
    # Horizontal Chinese needs no vertical metrics or OpenType layout (the SC face's default
    # glyphs are already the Chinese forms); without them a face is half the size.
    for tag in _DROPPED_TABLES:
        request.sets(hb.SubsetInputSets.DROP_TABLE_TAG).add(int.from_bytes(tag.encode("ascii"), "big"))
    request.flags |= hb.SubsetFlags.NO_HINTING
    return hb.subset(face, request).blob.data


def visible_text(html: str) -> str:
    """Return the text of an HTML document without its styles and scripts."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//style|//script"):
        element.drop_tree()
    return tree.text_content()


def cjk_font_faces(text: str, served: dict[str, bytes] | None = None) -> str:
    """Return @font-face rules for the CJK faces, cut to the characters of ``text``.

    The faces are data: URIs, or, when ``served`` is given, URLs whose bytes are put in
    ``served`` for the URL fetcher: WeasyPrint's CSS tokenizer, in Python, takes ~0.15 s to
    read half a megabyte of base64 (HTML files keep data: URIs: they must stand alone).
    """
    present = set(text)
    if not any(_is_cjk(c) for c in present):
        return ""
    # Every character, not only CJK: the shaper gives spaces and punctuation between CJK
    # characters to the same face, and a face without them would render .notdef boxes.
    characters = "".join(sorted(present))
    rules = []
    for family, weight, pattern in CJK_FACES:
        found = locate_face(pattern)
        if found is None:
            continue
        face = subset_face(found[0], found[1], characters)
        if served is None:
            url = "data:font/otf;base64," + base64.b64encode(face).decode("ascii")
        else:
            url = f"drafting-font:{len(served)}.otf"
            served[url] = face
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f'src: url({url}) format("opentype"); }}')
    return "\n".join(rules)
