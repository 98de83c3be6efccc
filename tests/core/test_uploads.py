"""An uploaded photo keeps no metadata: no place, time or camera."""

import io

import pytest
from PIL import Image

from core.uploads import NotAnImage, strip_metadata

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo(kind="JPEG"):
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # make
    exif[0x0132] = "2026:11:30 21:15:00"  # when
    exif[ORIENTATION] = 6  # shown turned a quarter to the right
    exif[GPS_IFD] = {1: "N", 2: (19.0, 25.0, 10.0), 3: "W", 4: (102.0, 3.0, 50.0)}
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif, comment=b"Colonia Lazaro Cardenas")
    return out.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_photo_loses_its_place_time_and_camera(kind):
    original = photo(kind)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # it did carry them
    clean, content_type = strip_metadata(original)
    image = Image.open(io.BytesIO(clean))
    assert content_type == f"image/{kind.lower()}"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "comment" not in image.info and "xmp" not in image.info
    assert b"PhoneMaker" not in clean and b"Lazaro" not in clean
    # Turned as it was meant to be seen, since the orientation tag is gone.
    assert image.size == (20, 40)


def test_anything_but_an_image_is_refused():
    for data in [b"", b"%PDF-1.7 not a photo", b"GIF89a" + b"\0" * 20]:
        with pytest.raises(NotAnImage):
            strip_metadata(data)
