"""One way in: every log-in path ends in a session that passed the second factor.

Staff (an active staff role), configuration-site users and superusers: a session that has
not given a code in *this* session is refused everywhere except the log-in pages, whatever
made it (Django's admin log-in, a password reset, a test helper or a stolen cookie of a
half-finished log-in)."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from wijkpunt.accounts.testing import login_with_second_factor
from wijkpunt.testing import PASSWORD

pytestmark = pytest.mark.django_db

# Every kind of page behind the log-in: workspace, API (session), admin, account pages.
PROTECTED = [
    "/werk/",
    "/api/v1/signals/",
    "/admin/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/2fa/",
]


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.fixture
def mfa_on(settings):
    settings.STAFF_REQUIRE_MFA = True


@pytest.fixture
def admin_with_totp(personas, mfa_on):
    secret = generate_totp_secret()
    TOTP.activate(personas.admin, secret)
    personas.admin.language = "en"
    personas.admin.save(update_fields=["language"])
    return personas.admin, secret


def _user_id(client):
    return client.session.get("_auth_user_id")


# -- Django's own admin log-in is gone ----------------------------------------------------


def test_admin_login_sends_to_the_one_login_with_next(en_client):
    response = en_client.get("/admin/login/?next=/admin/partners/organisation/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=/admin/partners/organisation/"
    )


def test_admin_login_ignores_a_next_on_another_site(en_client):
    response = en_client.get("/admin/login/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/"


def test_posting_a_password_to_the_admin_login_logs_nobody_in(en_client, personas, mfa_on):
    response = en_client.post(
        "/admin/login/", {"username": personas.admin.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert _user_id(en_client) is None


def test_admin_login_for_a_logged_in_non_administrator_is_a_clear_refusal(
    en_client, personas, staff_client
):
    personas.coordinator.language = "en"
    personas.coordinator.save(update_fields=["language"])
    staff_client.force_login(personas.coordinator)
    response = staff_client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403
    assert "only administrators may open the configuration" in response.content.decode()


def test_admin_password_change_is_allauths(personas, staff_client):
    staff_client.force_login(personas.admin)
    response = staff_client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")


# -- a session without the second factor is refused on every page -------------------------


@pytest.mark.parametrize("path", PROTECTED)
def test_session_without_the_code_is_logged_out_everywhere(client, admin_with_totp, path):
    user, _secret = admin_with_totp
    client.force_login(user)  # like a session made by any path that skipped the code
    response = client.get(path)
    assert _user_id(client) is None
    if path.startswith("/api/"):
        assert response.status_code == 403
        assert response.json() == {"detail": "Log in again with your log-in code."}
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("persona", ["technician", "social_worker", "coordinator", "admin"])
def test_every_staff_persona_needs_the_code_in_this_session(client, personas, mfa_on, persona):
    user = getattr(personas, persona)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    assert client.get("/werk/").status_code == 302
    assert _user_id(client) is None


def test_superuser_without_a_role_needs_the_code_too(client, mfa_on):
    from wijkpunt.accounts.models import User

    root = User.objects.create_superuser("root@example.org", PASSWORD, full_name="Root")
    TOTP.activate(root, generate_totp_secret())
    client.force_login(root)
    assert client.get("/admin/").status_code == 302
    assert _user_id(client) is None


@pytest.mark.parametrize("path", PROTECTED)
def test_session_with_the_code_opens_every_page(client, admin_with_totp, path):
    user, _secret = admin_with_totp
    login_with_second_factor(client, user)
    response = client.get(path)
    assert response.status_code == 200, response.get("Location")
    assert _user_id(client) == str(user.pk)


def test_tenants_need_no_second_factor(client, personas, mfa_on):
    client.force_login(personas.tenant)
    assert client.get("/mijn/").status_code == 200
    assert _user_id(client) == str(personas.tenant.pk)


@pytest.mark.parametrize("path", PROTECTED)
def test_staff_without_totp_are_sent_to_set_one_up_first(client, personas, mfa_on, path):
    client.force_login(personas.technician)
    response = client.get(path)
    if path == "/accounts/2fa/":
        # The second-factor overview is part of setting one up.
        assert response.status_code == 200
        return
    if path.startswith("/api/"):
        assert response.status_code == 403
        assert response.json() == {"detail": "Stel eerst uw tweede stap (aanmeldcode) in."}
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


# -- every log-in path asks for the code ---------------------------------------------------


def test_password_login_then_code_opens_the_admin_and_the_api(en_client, admin_with_totp):
    user, secret = admin_with_totp
    response = en_client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": user.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert _user_id(en_client) is None
    # Before the code, nothing behind the log-in opens.
    assert en_client.get("/admin/").status_code == 302
    assert en_client.get("/api/v1/signals/").status_code == 403
    response = en_client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert en_client.get("/admin/").status_code == 200
    assert en_client.get("/api/v1/signals/").status_code == 200


def test_login_link_asks_for_the_code(
    en_client, admin_with_totp, mailoutbox, django_capture_on_commit_callbacks
):
    user, secret = admin_with_totp
    with django_capture_on_commit_callbacks(execute=True):
        en_client.post(reverse("accounts:link_request"), {"email": user.email})
    token = re.search(r"/accounts/link/([^\s/]+)/", mailoutbox[0].body).group(1)
    response = en_client.post(reverse("accounts:link_confirm", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert _user_id(en_client) is None
    en_client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert en_client.get("/werk/").status_code == 200


def test_login_after_a_password_reset_asks_for_the_code(
    en_client, admin_with_totp, mailoutbox, settings
):
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
    user, secret = admin_with_totp
    en_client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+)", mailoutbox[0].body)
    response = en_client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "a new long passphrase for the test 42"
    response = en_client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert _user_id(en_client) is None
    assert en_client.get("/werk/").status_code == 302
    en_client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert en_client.get("/werk/").status_code == 200


def test_setting_up_totp_counts_as_passing_it(
    client, personas, mfa_on, django_capture_on_commit_callbacks
):
    client.post(
        reverse("account_login"), {"login": personas.woonconsulent.email, "password": PASSWORD}
    )
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=personas.woonconsulent, type="totp").exists()
    assert client.get("/werk/").status_code == 200


def test_the_code_step_has_the_lockout(en_client, admin_with_totp):
    user, secret = admin_with_totp
    en_client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    for _ in range(5):
        en_client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = en_client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert _user_id(en_client) is None
    assert "Too many wrong attempts" in response.content.decode()


def test_the_password_step_has_the_lockout_for_staff_too(en_client, admin_with_totp):
    user, _secret = admin_with_totp
    for _ in range(5):
        en_client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = en_client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many wrong attempts" in response.content.decode()
    assert SECRET_SESSION_KEY not in en_client.session
