"""What the lint's PDF reader leaves out: the columns of the signature block, from word positions."""

from __future__ import annotations

from drafting.lint.pdffile import read_layout


def signature_names(path: str, roles_line: str, names_line: str, count: int) -> list[str] | None:
    """Split the names line under ``count`` role columns by where its words are drawn; None if not found."""
    layout = read_layout(path)
    for page in reversed(layout.pages):
        lines = [ln for ln in page.lines if ln.role == "body"]
        for upper, lower in zip(lines, lines[1:]):
            if " ".join(upper.text.split()) != " ".join(roles_line.split()) or " ".join(lower.text.split()) != " ".join(names_line.split()):
                continue
            starts: list[float] = []
            fresh = True
            for word in upper.words:
                if fresh:
                    starts.append(word.x0)
                fresh = word.text.endswith((":", "："))
            if len(starts) != count:
                return None
            columns: list[list[str]] = [[] for _ in starts]
            for word in lower.words:
                centre = (word.x0 + word.x1) / 2
                index = max([i for i, x in enumerate(starts) if x <= centre + 1] or [0])
                columns[index].append(word.text)
            return [" ".join(c) for c in columns] if all(columns) else None
    return None
