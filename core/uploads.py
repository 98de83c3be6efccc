"""Files people upload keep no metadata.

Nothing is uploaded yet; when photos of flip charts are, every image goes
through `strip_metadata` before it is kept. A phone photo's EXIF block can
hold where it was taken (GPS), when, and the phone's make and serial
number: enough to trace a resident. The image is drawn again from its pixels
alone, turned the way its EXIF said it should be shown, so nothing of the
original file's blocks (EXIF, XMP, IPTC, comments, thumbnails) survives.
"""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

# What may be uploaded, and how it is written back.
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class NotAnImage(ValueError):
    """The file is not an image of an accepted kind."""


def strip_metadata(data: bytes) -> tuple[bytes, str]:
    """The image in `data` re-encoded without any metadata, and its content
    type. Raises NotAnImage for anything else."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            kind = original.format
            if kind not in FORMATS:
                raise NotAnImage(kind)
            upright = ImageOps.exif_transpose(original)
            mode = "RGBA" if "A" in upright.getbands() and kind != "JPEG" else "RGB"
            clean = Image.new(mode, upright.size)
            clean.paste(upright.convert(mode))
    except (UnidentifiedImageError, OSError) as error:
        raise NotAnImage(str(error)) from error
    out = io.BytesIO()
    options = {} if kind == "PNG" else {"quality": 90}
    clean.save(out, format=kind, **options)
    return out.getvalue(), FORMATS[kind]
