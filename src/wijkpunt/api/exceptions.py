"""Every invalid request gets a 4xx with a reason, never a 500.

DRF already answers its own exceptions, ``Http404`` and Django's ``PermissionDenied``; this
handler adds Django's ``ValidationError`` (raised by the actions) and the workflow's
``TransitionError``, and words the common answers in plain language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from wijkpunt.signalling.workflow import TransitionError


def _validation_detail(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"detail": " ".join(str(m) for m in exc.messages)}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, TransitionError):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": _("You may not do this.")}, status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
