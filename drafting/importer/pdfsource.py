"""What the lint's PDF reader leaves out: the columns of the signature block, from word positions."""

from __future__ import annotations

from drafting.lint.pdffile import read_layout


def signature_names(path: str, roles_line: str, names_line: str, count: int) -> list[str] | None:
    """Split the names line under ``count`` role columns by where its words are drawn; None if not found."""
    layout = read_layout(path)
    for page in reversed(layout.pages):
        lines = [ln for ln in page.lines if ln.role == "body"]
        for upper, lower in zip(lines, lines[1:]):
            if "".join(upper.text.split()) != "".join(roles_line.split()) or "".join(lower.text.split()) != "".join(names_line.split()):
                continue
            roles = sum(1 for word in upper.words if word.text.endswith((":", "：")))
            words = lower.words
            if roles != count or len(words) < count:
                return None
            # The columns are where the widest gaps between the names' words are (tab stops differ per line).
            gaps = sorted(range(1, len(words)), key=lambda i: words[i].x0 - words[i - 1].x1, reverse=True)[: count - 1]
            spaces = sorted(words[i].x0 - words[i - 1].x1 for i in range(1, len(words)))
            typical = spaces[len(spaces) // 2] if spaces else 0.0
            if any(words[i].x0 - words[i - 1].x1 <= 2 * max(typical, 1.0) for i in gaps) and len(words) > count:
                return None
            cuts = [0, *sorted(gaps), len(words)]
            return [" ".join(w.text for w in words[a:b]) for a, b in zip(cuts, cuts[1:])]
    return None
