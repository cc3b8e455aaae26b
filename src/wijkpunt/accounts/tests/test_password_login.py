"""Log-in with e-mail and password, lockout, and the staff second factor (allauth)."""

from __future__ import annotations

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

from wijkpunt.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_is_styled_labelled_and_offers_the_link(en_client, settings):
    settings.DEMO_MODE = False
    response = en_client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Log in with your e-mail and password" in html
    assert 'class="utrecht-form-label" for="id_login"' in html
    assert 'for="id_password"' in html
    assert "utrecht-textbox utrecht-textbox--html-input" in html
    assert "utrecht-button utrecht-button--primary-action" in html
    assert reverse("accounts:link_request") in html
    assert "Send me a log-in link by e-mail" in html
    assert reverse("account_reset_password") in html
    assert "demo" not in html.lower().replace("wp-demo", "")


def test_login_page_is_dutch_by_default(client, settings):
    settings.DEMO_MODE = False
    html = client.get(reverse("account_login")).content.decode()
    assert 'lang="nl-be"' in html
    assert "Aanmelden met uw e-mailadres en wachtwoord" in html
    assert "Stuur mij een aanmeldlink per e-mail" in html


def test_tenant_logs_in_with_password(client, personas):
    response = _login(client, personas.tenant.email)
    assert response.status_code == 302
    assert _logged_in_user_id(client) == str(personas.tenant.pk)
    assert client.get(response["Location"]).url == reverse("portal:home")


def test_login_is_not_case_sensitive_for_the_address(client, personas):
    _login(client, personas.tenant.email.upper())
    assert _logged_in_user_id(client) == str(personas.tenant.pk)


def test_wrong_password_is_refused_with_a_clear_message(en_client, personas):
    response = _login(en_client, personas.tenant.email, "wrong password")
    assert response.status_code == 200
    assert _logged_in_user_id(en_client) is None
    html = response.content.decode()
    assert "The e-mail address or the password is not right" in html
    # What was typed stays in the form (the password does not).
    assert f'value="{personas.tenant.email}"' in html


def test_empty_form_gives_errors_not_a_crash(en_client, personas):
    response = en_client.post(reverse("account_login"), {"login": "", "password": ""})
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_sixth_attempt_is_refused_even_with_the_right_password(en_client, personas):
    for _ in range(5):
        response = _login(en_client, personas.tenant.email, "not the password")
        assert _logged_in_user_id(en_client) is None
    response = _login(en_client, personas.tenant.email, PASSWORD)
    assert response.status_code == 200
    assert _logged_in_user_id(en_client) is None
    html = response.content.decode()
    assert "Too many wrong attempts" in html
    assert "15 minutes" in html


def test_lockout_is_per_account(client, personas):
    for _ in range(5):
        _login(client, personas.tenant.email, "not the password")
    _login(client, personas.other_tenant.email)
    assert _logged_in_user_id(client) == str(personas.other_tenant.pk)


def test_staff_without_second_factor_must_set_it_up(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    response = _login(client, personas.woonconsulent.email)
    assert _logged_in_user_id(client) == str(personas.woonconsulent.pk)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="utrecht-img wp-qr"' in html
    assert 'for="id_code"' in html
    assert "utrecht-heading-1" in html


def test_staff_activates_totp_with_a_code(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    _login(client, personas.woonconsulent.email)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # The secret the page generated lives in the session.
    secret = client.session.get(SECRET_SESSION_KEY)
    assert secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=personas.woonconsulent).exists()
    response = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=personas.woonconsulent, type=Authenticator.Type.TOTP
    ).exists()


def test_staff_with_totp_is_asked_for_the_code(en_client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    secret = generate_totp_secret()
    TOTP.activate(personas.woonconsulent, secret)
    response = _login(en_client, personas.woonconsulent.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    # Not logged in until the code is given.
    assert _logged_in_user_id(en_client) is None
    page = en_client.get(response.url)
    html = page.content.decode()
    assert "Enter your log-in code" in html
    assert 'for="id_code"' in html
    wrong = en_client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200
    assert _logged_in_user_id(en_client) is None
    assert "utrecht-form-field--invalid" in wrong.content.decode()
    ok = en_client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert ok.status_code == 302
    assert _logged_in_user_id(en_client) == str(personas.woonconsulent.pk)


def test_staff_without_recent_log_in_must_confirm_password_before_setup(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(personas.woonconsulent)  # no record of how they logged in
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_allauth_pages_render_in_wijkpunt_style(en_client, personas):
    for name in ("account_reset_password", "account_login"):
        html = en_client.get(reverse(name)).content.decode()
        assert "wp-header" in html and "utrecht-heading-1" in html
    response = en_client.post(reverse("account_reset_password"), {"email": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in html
    assert 'aria-describedby="id_email_error"' in html or "id_email_error" in html
    en_client.force_login(personas.tenant)
    html = en_client.get(reverse("account_logout")).content.decode()
    assert "utrecht-button--primary-action" in html
    html = en_client.get(reverse("account_change_password")).content.decode()
    assert "utrecht-textbox" in html


def test_allauth_strings_are_dutch_under_nl_be(client):
    html = client.get(reverse("account_reset_password")).content.decode()
    # allauth's own Dutch catalogue ("nl") applies to "nl-be".
    assert "Wachtwoord" in html or "wachtwoord" in html
    assert "Password Reset" not in html
