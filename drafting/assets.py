"""Files a record names (its logo): confined to the record's folder, checked before they are used.

A record is often written by someone other than the person who builds it (a CI job builds
what a delegate sent). ``logo: ../../home/me/.ssh/id_rsa.png`` must not copy a private file
into a published DOCX, so a named file must lie inside the record's folder, or inside a folder
the builder names with ``--allow-read DIR``; symlinks are followed before the check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from drafting.diagnostics import Location, Problem
from drafting.limits import LIMITS, MB

_IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG"}  # a camera JPEG opens as MPO


def confine(record_path: str, relative: str, allowed_dirs: Sequence[Path] = ()) -> tuple[Path, str | None]:
    """Resolve a path written in a record; return it and why it may not be read (None if it may)."""
    folder = Path(record_path).resolve().parent
    written = Path(relative)
    target = (folder / written).resolve()
    roots = [folder, *(Path(d).resolve() for d in allowed_dirs)]
    if not any(target == root or root in target.parents for root in roots):
        where = "an absolute path" if written.is_absolute() else ("a symlink" if (folder / written).is_symlink() else "a path")
        return target, (f"{where} that leads outside the record's folder ({str(target)!r}); put the file beside the "
                        f"record, or name its folder with --allow-read DIR")
    return target, None


def check_image(path: Path) -> str | None:
    """Why ``path`` is not a usable logo (a PNG or JPEG of bounded size), or None if it is."""
    from PIL import Image, UnidentifiedImageError

    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot read {str(path)!r}: {exc.strerror or exc}"
    if size > LIMITS.image_bytes:
        return f"the file is larger than {LIMITS.image_bytes // MB} MB, the limit for an image"
    try:
        with Image.open(path) as image:  # reads the header only, not the pixels
            kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        return f"the image has more than {LIMITS.image_pixels:,} pixels, the limit; scale it down"
    except UnidentifiedImageError:
        return "the file is not a PNG or JPEG image (its content is not one, whatever its name)"
    except OSError as exc:
        return f"cannot read the image: {exc.strerror or exc}"
    if kind not in _IMAGE_FORMATS:
        return f"expected a PNG or JPEG image, got a {kind} image"
    if width * height > LIMITS.image_pixels:
        return f"the image is {width:,} x {height:,} pixels, more than the limit of {LIMITS.image_pixels:,} pixels; scale it down"
    return None


def logo_problems(record_path: str, written: str, location: Location, allowed_dirs: Sequence[Path] = ()) -> list[Problem]:
    """Every reason the record's ``logo:`` cannot be used, located at the value."""
    target, outside = confine(record_path, written, allowed_dirs)
    if outside:
        return [Problem(location, f"logo: {outside}")]
    from drafting.filetype import special_kind_name

    special = special_kind_name(target)  # a pipe or a device would hang the image reader
    if special:
        return [Problem(location, f"logo: {str(Path(record_path).parent / written)!r} is {special}, not an image file")]
    if not target.is_file():
        return [Problem(location, f"logo: no such file {str(Path(record_path).parent / written)!r} (the path is relative to the record)")]
    suffix = Path(written).suffix
    if suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return [Problem(location, f"logo: expected a PNG or JPEG image, got {suffix or 'no extension'!r}")]
    why = check_image(target)
    return [Problem(location, f"logo: {why}")] if why else []
