"""Serving an attachment after the caller checked access. Files never go through a public
MEDIA_URL: the storage (local folder or S3 bucket) is read by the application."""

from __future__ import annotations

from django.http import FileResponse, Http404

from wijkpunt.signalling.models import Attachment


def serve_attachment(attachment: Attachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404("File missing") from None
    inline = attachment.content_type.startswith("image/")
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=not inline,
        filename=attachment.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
