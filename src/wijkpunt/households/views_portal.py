"""The resident's own file in the portal."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkpunt.households import actions
from wijkpunt.households.models import Consent, ConsentMethod
from wijkpunt.households.portal import my_file
from wijkpunt.housing.access import tenant_household
from wijkpunt.portal.views import tenant_required


@tenant_required
def my_file_page(request: HttpRequest) -> HttpResponse:
    # The tenant reads their own household: no audit entry (it is their own data).
    household = tenant_household(request.user)
    assert household is not None  # tenant_required
    return render(request, "households/portal.html", {"file": my_file(household), "nav": "file"})


@tenant_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    household = tenant_household(request.user)
    consent = get_object_or_404(Consent, pk=pk, household=household)
    try:
        actions.withdraw_consent(consent=consent, user=request.user, method=ConsentMethod.PORTAL)
    except actions.ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You withdrew your consent. From now on, %(who)s no longer gets this information.")
            % {"who": consent.recipient or _("nobody")},
        )
    return redirect("households_portal:file")
