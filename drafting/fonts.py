"""Fonts for the PDF: pre-subset CJK faces, and which characters the installed faces can draw.

Pre-subset CJK faces for WeasyPrint, so that a Chinese PDF stays small.

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


# --------------------------------------------------------------------------- coverage of installed fonts
#
# Pango draws a character with the first face of the CSS font list that has it, then with any
# installed face fontconfig knows that has it; a character no installed face has becomes a
# .notdef box, which the PDF stage refuses (naming the PDF). `validate` checks each character of
# the record against the union of every installed face's character set, so the problem is named
# at the record's line and column instead. fontconfig lists that union in ~0.1 s, but parsing
# its 70,000 ranges takes ~0.3 s: the merged ranges are kept on disk, keyed by the state of
# fontconfig's caches (rewritten whenever a font folder changes).

FONTCONFIG_CACHES = ("/var/cache/fontconfig", "~/.cache/fontconfig", "~/.fontconfig")
_COVERAGE_VERSION = 1


def fontconfig_fingerprint() -> list[str]:
    """Size and mtime of every fontconfig cache file: they change whenever an installed font does."""
    import os
    from pathlib import Path

    # Hashing the font files themselves (hundreds of MB of CJK faces) would cost more than a
    # build; fontconfig rewrites its cache files whenever a font folder changes, so they stand in.
    lines = []
    for folder in FONTCONFIG_CACHES:
        path = Path(os.path.expanduser(folder))
        if path.is_dir():
            for cache in sorted(path.iterdir()):
                if cache.is_file():
                    stat = cache.stat()
                    lines.append(f"{cache}:{stat.st_size}:{stat.st_mtime_ns}")
    return lines


class Coverage:
    """The code points some installed face has, as sorted, merged, inclusive ranges."""

    def __init__(self, ranges: list[tuple[int, int]], faces: int) -> None:
        self.starts = [start for start, _ in ranges]
        self.ends = [end for _, end in ranges]
        self.faces = faces  # how many faces fontconfig listed

    def covers(self, char: str) -> bool:
        """True when some installed face has a glyph for ``char``."""
        import bisect

        code = ord(char)
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


def _merged(listing: str) -> list[tuple[int, int]]:
    ranges = []
    for token in listing.split():
        first, _, last = token.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    ranges.sort()
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _coverage_cache(key: str) -> "Path":
    import os
    from pathlib import Path

    root = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(root) / "drafting" / f"font-coverage-{key}.json"


@lru_cache(maxsize=1)
def installed_coverage() -> Coverage | None:
    """What the installed fonts cover, as fontconfig sees them (None without fontconfig)."""
    import hashlib
    import json

    if not shutil.which("fc-list"):
        return None
    key = hashlib.sha256("\n".join([str(_COVERAGE_VERSION), *fontconfig_fingerprint()]).encode("utf-8")).hexdigest()[:16]
    cache = _coverage_cache(key)
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        return Coverage([tuple(r) for r in stored["ranges"]], stored["faces"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    result = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=False)
    if result.returncode:
        return None
    ranges = _merged(result.stdout)
    faces = result.stdout.count("\n")
    try:
        from drafting.output import write_atomically

        write_atomically(cache, json.dumps({"faces": faces, "ranges": ranges}).encode("utf-8"))
        for stale in cache.parent.glob("font-coverage-*.json"):  # of fonts since changed
            if stale != cache:
                stale.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a read-only or full cache folder only costs the next run 0.3 s
        pass
    return Coverage(ranges, faces)


def is_drawn(char: str) -> bool:
    """True for a character the PDF draws with a glyph (not a control, a format mark or a space)."""
    import unicodedata

    # Pango handles format marks (bidi, joiners) and spaces without a glyph from a font.
    return unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def uncovered(characters: set[str]) -> list[str]:
    """The characters, in code point order, that no installed face has (none without fontconfig)."""
    coverage = installed_coverage()
    if coverage is None:
        return []
    return sorted((c for c in characters if not c.isascii() and is_drawn(c) and not coverage.covers(c)), key=ord)


def character_name(char: str) -> str:
    """'U+1F600 GRINNING FACE', or the kind of an unnamed one ('U+E000 (a private-use character)')."""
    import unicodedata

    name = unicodedata.name(char, "")
    if name:
        return f"U+{ord(char):04X} {name}"
    kinds = {"Co": "a private-use character", "Cn": "an unassigned code point", "Cs": "a surrogate"}
    return f"U+{ord(char):04X} ({kinds.get(unicodedata.category(char), 'unnamed')})"


def families_tried(style: str, language: str) -> list[str]:
    """The font families the record's CSS lists for its style and language, in the order tried."""
    import re

    from drafting.html import script_font_css  # only on the way to an error: it loads pandoc's wrapper
    from drafting.resources import resource_dir

    try:
        css = (resource_dir("templates") / "record.css").read_text(encoding="utf-8")
    except OSError:
        css = ""
    # The HTML appends the language table's face (Arabic: Amiri) after the house style: it wins.
    rules = script_font_css(language) + css
    chosen = ""
    for selector in (rf"\.record:lang\({re.escape(language)}\)", rf"\.record\.{re.escape(style)}"):
        found = re.search(selector + r"\s*\{[^}]*?font-family:\s*([^;}]+)", rules)
        if found:
            chosen = found.group(1)
            break
    families = [name.strip().strip('"\'') for name in chosen.split(",") if name.strip()]
    return [name for name in families if not name.startswith("drafting ")]  # our CJK subsets are Noto's
