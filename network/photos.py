"""A story's photo: JPEG or PNG only, at most PHOTO_MAX_BYTES, re-encoded with Pillow so no
metadata (place, camera, date) leaves with it, and made smaller when it is larger than needed."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 1600  # pixels: sharp on a wide screen, small enough to load quickly
MAX_PIXELS = 40_000_000  # a larger picture in a 2 MB file is a trick, not a photo
TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


class PhotoError(ValueError):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    width: int
    height: int


def too_large_message():
    return _l(
        "The photo is too large: at most %(max)s MB. Make it smaller or choose another photo.",
        max=PHOTO_MAX_BYTES // (1024 * 1024),
    )


WRONG_TYPE = _l("The photo must be a JPEG or PNG picture (a file ending in .jpg, .jpeg or .png).")


def clean_photo(data: bytes) -> CleanPhoto:
    """The photo re-encoded without metadata, or PhotoError saying what is wrong with it."""
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoError(too_large_message())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind = image.format
            if kind not in TYPES:
                raise PhotoError(WRONG_TYPE)
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(too_large_message())
            image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError(WRONG_TYPE) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(too_large_message()) from None
    try:
        return _reencoded(image, kind)
    except (OSError, ValueError):  # a mode Pillow cannot write back as it came
        raise PhotoError(WRONG_TYPE) from None


def _reencoded(image: Image.Image, kind: str) -> CleanPhoto:
    # Turned the way the camera held it; the copy carries no EXIF into the saved file.
    picture: Image.Image = ImageOps.exif_transpose(image)
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if kind == "JPEG":
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        picture.save(out, "JPEG", quality=85, optimize=True)
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)  # no pnginfo: text chunks are not written
    return CleanPhoto(out.getvalue(), TYPES[kind], picture.width, picture.height)
