"""Demo-mode pages: the accounts list, the shared authenticator code and "log in as"."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.demo import data
from wijkpunt.demo.accounts import current_totp_code, totp_code_at

LOGIN_AS = "/demo/inloggen-als/"


def staff(local: str = "woonconsulent") -> User:
    return User.objects.get(email=f"{local}@{data.DEMO_ACCOUNT_DOMAIN}")


@pytest.fixture
def request_(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/accounts/login/")
    request.user = AnonymousUser()
    return request


# --- Templates --------------------------------------------------------------------------


def test_accounts_list_in_demo_mode(demo, demo_mode, request_):
    html = render_to_string("demo/_demo_accounts.html", request=request_)
    assert data.DEMO_PASSWORD in html
    for account in data.STAFF_ACCOUNTS + data.TENANT_ACCOUNTS:
        assert f"{account.local_part}@{data.DEMO_ACCOUNT_DOMAIN}" in html
    assert html.count('name="csrfmiddlewaretoken"') == len(data.STAFF_ACCOUNTS) + len(
        data.TENANT_ACCOUNTS
    )
    assert reverse("demo:login_as") in html
    assert "Wallaysplein" in html  # where the demo tenants live
    # Tenants that merely have a portal account in the generated data are not listed.
    assert "@example.org" not in html and "@example.be" not in html


def test_accounts_list_asks_to_load_the_demo_when_empty(db, demo_mode, request_):
    from wijkpunt.demo.generate import delete_demo_data

    delete_demo_data()  # the module's shared demo, if loaded
    html = render_to_string("demo/_demo_accounts.html", request=request_)
    assert "wijkpunt demo" in html
    assert data.DEMO_PASSWORD not in html


def test_templates_render_nothing_outside_demo_mode(demo, settings, request_):
    settings.DEMO_MODE = False
    for name in ("demo/_demo_accounts.html", "demo/_demo_totp.html"):
        html = render_to_string(name, request=request_)
        assert html.strip() == ""
    assert current_totp_code() == ""


def test_totp_code_on_the_code_page(demo, demo_mode, request_):
    html = render_to_string("demo/_demo_totp.html", request=request_)
    code = current_totp_code()
    assert len(code.replace(" ", "")) == 6
    assert code in html or totp_code_at(time.time()) in html.replace(" ", "")
    assert "30" in html


def test_totp_code_is_accepted_by_allauth(demo, demo_mode):
    for account in data.STAFF_ACCOUNTS:
        user = staff(account.local_part)
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        code = totp_code_at(time.time())
        assert TOTP(authenticator).validate_code(code)
    wrong = f"{(int(totp_code_at(time.time())) + 1) % 1_000_000:06d}"
    assert not TOTP(authenticator).validate_code(wrong)


# --- Log in as ---------------------------------------------------------------------------


def test_login_as_tenant_logs_in(demo, demo_mode, client):
    response = client.post(LOGIN_AS, {"email": f"huurder@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email=f"huurder@{data.DEMO_ACCOUNT_DOMAIN}").pk
    )


def test_login_as_keeps_a_safe_next_address(demo, demo_mode, client):
    email = f"tenant@{data.DEMO_ACCOUNT_DOMAIN}"
    response = client.post(LOGIN_AS, {"email": email, "next": "/mijn/"})
    assert response["Location"] == "/mijn/"
    client.logout()
    response = client.post(LOGIN_AS, {"email": email, "next": "https://evil.example.org/"})
    assert "evil" not in response["Location"]


def test_login_as_staff_asks_for_the_second_factor(demo, demo_mode, client):
    response = client.post(LOGIN_AS, {"email": f"woonconsulent@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # A wrong code is refused.
    wrong = f"{(int(totp_code_at(time.time())) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert "_auth_user_id" not in client.session
    # The code the demo shows is accepted.
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302, response.context["form"].errors
    assert client.session["_auth_user_id"] == str(staff().pk)


def test_login_as_switches_account(demo, demo_mode, client):
    client.post(LOGIN_AS, {"email": f"huurder@{data.DEMO_ACCOUNT_DOMAIN}"})
    client.post(LOGIN_AS, {"email": f"locataire@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email=f"locataire@{data.DEMO_ACCOUNT_DOMAIN}").pk
    )


def test_login_as_refuses_accounts_that_are_not_demo_accounts(demo, demo_mode, client, personas):
    for email in (personas.technician.email, personas.tenant.email, "nobody@nowhere.invalid", ""):
        response = client.post(LOGIN_AS, {"email": email})
        assert response.status_code == 404
        assert "_auth_user_id" not in client.session


def test_login_as_refuses_inactive_demo_accounts(demo, demo_mode, client):
    User.objects.filter(email=f"huurder@{data.DEMO_ACCOUNT_DOMAIN}").update(is_active=False)
    response = client.post(LOGIN_AS, {"email": f"huurder@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert response.status_code == 404


def test_login_as_does_not_exist_outside_demo_mode(demo, demo_mode, client, settings):
    settings.DEMO_MODE = False
    response = client.post(LOGIN_AS, {"email": f"huurder@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


def test_login_as_needs_post_and_csrf(demo, demo_mode):
    client = Client(enforce_csrf_checks=True)
    assert client.get(LOGIN_AS).status_code == 405
    response = client.post(LOGIN_AS, {"email": f"huurder@{data.DEMO_ACCOUNT_DOMAIN}"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_demo_pages_speak_dutch(demo, demo_mode, request_):
    from django.utils import translation

    with translation.override("nl-be"):
        accounts = render_to_string("demo/_demo_accounts.html", request=request_)
        code = render_to_string("demo/_demo_totp.html", request=request_)
    assert "Aanmelden als Tom Vandenberghe" in accounts
    assert "Huurder" in accounts
    assert "de code is nu" in code
