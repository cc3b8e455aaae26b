"""The request type of views that only a logged-in person reaches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from wijkpunt.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required`` (or a decorator built on it): its user
    is a ``User``, never the anonymous one. Only the type checker reads this; Django passes
    its own request."""

    user: User
