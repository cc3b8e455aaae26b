"""Checking and cleaning files that people attach to a signal.

- The real type is read from the content, never from the name or the browser's word:
  Pillow must open and verify an image (JPEG, PNG, WebP, or HEIC/HEIF as iPhones take them,
  read through pi-heif, which only decodes); a PDF must start with ``%PDF-`` (PDF only when
  staff add it).
- Images are re-encoded: EXIF orientation applied, converted to RGB, longest side at most
  2000 px, saved as JPEG quality 85 *without any metadata* (no GPS position, no camera serial).
- At most ``SIGNAL_ATTACHMENT_MAX_BYTES`` (default 10 MB) per file and ``MAX_FILES`` per
  submission.
- The name the browser sent is kept only as a label (``original_name``), cleaned; the stored
  file gets a random name.
"""

from __future__ import annotations

import io
import os
import unicodedata
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from pi_heif import register_heif_opener
from PIL import Image, ImageOps, UnidentifiedImageError

# Photos from iPhones (HEIC) open like any other image; they are re-encoded to JPEG below.
# Only the main picture is read: no thumbnails, depth maps or other extra images.
register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

MAX_FILES = 5
MAX_SIDE = 2000
JPEG_QUALITY = 85
# Refuse images that would take too much memory to decode (a "decompression bomb").
MAX_PIXELS = 40_000_000
# Pillow checks the size it reads from the header when a file is opened (every format, HEIC
# too), before anything is decoded: beyond this it warns (an error here), beyond twice it
# refuses.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
PDF_MAGIC = b"%PDF-"


def max_bytes() -> int:
    return int(settings.SIGNAL_ATTACHMENT_MAX_BYTES)


@dataclass(frozen=True)
class CleanFile:
    """A checked file, ready to store."""

    content: bytes
    content_type: str
    original_name: str
    extension: str

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def storage_name(self) -> str:
        return f"{uuid.uuid4().hex}.{self.extension}"


def clean_name(name: str, *, extension: str) -> str:
    """A safe label from the browser's file name: no folders, no odd characters, short."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = unicodedata.normalize("NFKC", base)
    stem = os.path.splitext(base)[0][:80]
    try:
        stem = get_valid_filename(stem)
    except Exception:  # Django refuses names like "." or ".."
        stem = ""
    return f"{stem or 'bestand'}.{extension}"


def _read(upload, limit: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_big(upload, limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(upload, limit)
    return data


def _too_big(upload, limit: int) -> ValidationError:
    return ValidationError(
        _("The file “%(name)s” is too big. A file can be at most %(max)s.")
        % {"name": _label(upload), "max": filesizeformat(limit)},
        code="too_big",
    )


def _label(upload) -> str:
    return os.path.basename(getattr(upload, "name", "") or "")[:80] or _("without a name")


def _not_accepted(upload, *, allow_pdf: bool) -> ValidationError:
    if allow_pdf:
        message = _(
            "We cannot use the file “%(name)s”. Add a photo (JPEG, PNG, WebP or HEIC) or a PDF "
            "document."
        )
    else:
        message = _("We cannot use the file “%(name)s”. Add a photo (JPEG, PNG, WebP or HEIC).")
    return ValidationError(message % {"name": _label(upload)}, code="type")


def _reencode(data: bytes, upload) -> bytes:
    """Open, check and re-encode an image. Raises ValidationError for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ValidationError("format", code="type")
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError("pixels", code="type")
                probe.verify()
            # verify() leaves the image unusable: open it again to decode.
            image: Image.Image
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                if image.mode in ("RGBA", "LA") or (
                    image.mode == "P" and "transparency" in image.info
                ):
                    rgba = image.convert("RGBA")
                    background = Image.new("RGB", rgba.size, (255, 255, 255))
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                else:
                    image = image.convert("RGB")
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                # Pillow writes some of what it read back out (a JPEG comment, for one):
                # start from nothing.
                image.info.clear()
                out = io.BytesIO()
                # No exif=, no icc_profile=: nothing of the original's metadata is written.
                image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
                return out.getvalue()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        RuntimeError,  # what the HEIF decoder raises for a damaged file
    ):
        raise ValidationError("unreadable", code="type") from None


def clean_upload(upload, *, allow_pdf: bool = False) -> CleanFile:
    """Check one uploaded file and return its clean content, or raise ValidationError with a
    message a resident understands."""
    limit = max_bytes()
    data = _read(upload, limit)
    if not data:
        raise ValidationError(
            _("The file “%(name)s” is empty.") % {"name": _label(upload)}, code="empty"
        )
    if data.startswith(PDF_MAGIC):
        if not allow_pdf:
            raise _not_accepted(upload, allow_pdf=False)
        return CleanFile(
            content=data,
            content_type="application/pdf",
            original_name=clean_name(upload.name, extension="pdf"),
            extension="pdf",
        )
    try:
        content = _reencode(data, upload)
    except ValidationError:
        raise _not_accepted(upload, allow_pdf=allow_pdf) from None
    return CleanFile(
        content=content,
        content_type="image/jpeg",
        original_name=clean_name(getattr(upload, "name", ""), extension="jpg"),
        extension="jpg",
    )


def clean_uploads(uploads, *, allow_pdf: bool = False) -> list[CleanFile]:
    """Check every file of one submission. All or nothing: one bad file refuses them all,
    with every problem listed."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            _("You can add at most %(max)s files at once. You chose %(count)s.")
            % {"max": MAX_FILES, "count": len(uploads)},
            code="too_many",
        )
    cleaned, errors = [], []
    for upload in uploads:
        if isinstance(upload, CleanFile):
            cleaned.append(upload)
            continue
        try:
            cleaned.append(clean_upload(upload, allow_pdf=allow_pdf))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned
