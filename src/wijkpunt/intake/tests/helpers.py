"""Files and signals for the intake tests."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

import wijkpunt.intake.attachments  # noqa: F401  (registers the HEIC reader)
from wijkpunt.signalling.models import Category
from wijkpunt.testing import make_report

FILES = Path(__file__).parent / "files"
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_bytes(size=(300, 200), *, gps=True, orientation=None, color=(200, 10, 10)) -> bytes:
    exif = Image.Exif()
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (50.0, 49.0, 12.5), 3: "E", 4: (3.0, 16.0, 1.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def heic(name="IMG_0042.HEIC") -> SimpleUploadedFile:
    """A photo as an iPhone takes it: HEIC, 1200 × 900, with a GPS position in its metadata."""
    data = (FILES / "iphone-photo.heic").read_bytes()
    return SimpleUploadedFile(name, data, content_type="image/heic")


def photo(name="foto.jpg", **kw) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kw), content_type="image/jpeg")


def png(name="plan.png", mode="RGBA") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new(mode, (50, 40), (0, 0, 255, 128) if mode == "RGBA" else 0).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def exe(name="virus.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="image/jpeg")


def pdf(name="brief.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def cat(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def report(personas, text="De kraan in de keuken lekt", slug="herstelling", **kw):
    return make_report(personas, text, slug, **kw)
