"""The tenant portal: 'Mijn woning' and 'Mijn gegevens'. Plain language, works without
JavaScript. Only for people with a resident record; staff and others get a clear refusal."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkpunt.housing.access import tenant_resident
from wijkpunt.portal.actions import update_my_details
from wijkpunt.portal.forms import MyDetailsForm
from wijkpunt.portal.queries import tenant_home


def tenant_required(view):
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if tenant_resident(request.user) is None:
            return render(request, "portal/not_a_tenant.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@tenant_required
def home(request: HttpRequest) -> HttpResponse:
    # The tenant reads their own household: no audit entry needed (it is their own data).
    home = tenant_home(request.user)
    return render(request, "portal/home.html", {"home": home, "nav": "home"})


@tenant_required
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = MyDetailsForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_my_details(
                    user=user,
                    email=data["email"],
                    phone=data["phone"],
                    language=data["language"],
                    preferred_contact=data["preferred_contact"],
                    request=request,
                )
            except IntegrityError:
                # Someone else took the address at the same moment.
                user.refresh_from_db()
                form.add_error(
                    "email",
                    _(
                        "Another account already uses this e-mail address. Choose another "
                        "address, or ask your housing company for help."
                    ),
                )
            else:
                # The next page is in the language just chosen; so is this message.
                with translation.override(data["language"]):
                    messages.success(request, _("Thank you. Your details are saved."))
                return redirect("portal:details")
    else:
        form = MyDetailsForm(
            user=user,
            initial={
                "email": user.email,
                "phone": user.phone,
                "language": user.language,
                "preferred_contact": user.preferred_contact,
            },
        )
    return render(request, "portal/details.html", {"form": form, "nav": "details"})
