"""Who may use the staff workspace. Built on partners.access and housing.access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wijkpunt.housing import access as housing
from wijkpunt.partners import access as partners


def may_see_households(user) -> bool:
    """Whether the user may read household personal data in any estate at all."""
    return bool(housing.registry_estate_ids(user))


def may_open_admin(user) -> bool:
    """The configuration site: administrators (by role) and superusers."""
    return bool(
        user and user.is_authenticated and user.is_active and partners.is_administrator(user)
    )


def staff_required(*, not_found: bool = False) -> Callable:
    """Log-in required; then only partner staff. Others get a short explanation (403), or a
    plain 404 where even the refusal must not hint that a record exists."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not partners.has_staff_role(request.user):
                if not_found:
                    raise Http404("Not found")
                return render(request, "workspace/not_staff.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
