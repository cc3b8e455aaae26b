"""The tenant portal: 'Mijn woning' and 'Mijn gegevens'. Plain language, works without
JavaScript. Only for people with a resident record; staff and others get a clear refusal."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods

from wijkpunt.accounts.actions import EmailChangeProblem
from wijkpunt.accounts.http import AuthenticatedHttpRequest
from wijkpunt.housing.access import tenant_resident
from wijkpunt.portal.actions import confirm_my_new_email, update_my_details
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
def details(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = MyDetailsForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            new_email = data["email"] != user.email
            update_my_details(
                user=user,
                email=data["email"],
                phone=data["phone"],
                language=data["language"],
                preferred_contact=data["preferred_contact"],
                request=request,
            )
            # The next page is in the language just chosen; so are these messages. A new
            # address gets the same answer whether or not another account uses it.
            with translation.override(data["language"]):
                messages.success(request, _("Thank you. Your details are saved."))
                if new_email:
                    messages.info(
                        request,
                        _(
                            "We sent a link to %(email)s. Your e-mail address changes when "
                            "you click that link. Until then, you log in with your old "
                            "address. No e-mail? Check the address and your spam folder."
                        )
                        % {"email": data["email"]},
                    )
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


@never_cache
@sensitive_variables("token")
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new e-mail address. Opening it (GET) changes nothing: e-mail
    scanners open links too; the button (POST) makes the change."""
    from wijkpunt.accounts.tokens import LoginLinkError, check_email_change_token

    if request.method == "GET":
        try:
            _user, new_email = check_email_change_token(token)
        except LoginLinkError as error:
            return _email_problem(request, error.problem.value)
        return render(
            request, "portal/email_confirm.html", {"token": token, "new_email": new_email}
        )
    try:
        user = confirm_my_new_email(token=token, request=request)
    except EmailChangeProblem as error:
        return _email_problem(request, error.problem)
    with translation.override(user.language):
        messages.success(
            request,
            _("Your e-mail address is changed. Log in with %(email)s from now on.")
            % {"email": user.email},
        )
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("portal:details")
    return redirect("account_login")


def _email_problem(request: HttpRequest, problem: str) -> HttpResponse:
    status = {"expired": 410, "used": 410, "taken": 409}.get(problem, 400)
    return render(request, "portal/email_problem.html", {"problem": problem}, status=status)
