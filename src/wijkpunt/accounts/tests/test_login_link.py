"""Log-in by e-mail link: request, e-mail, confirm page, single use, expiry, rate limits."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from wijkpunt.accounts.actions import update_profile
from wijkpunt.accounts.tasks import login_link_url
from wijkpunt.accounts.tokens import make_token

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/accounts/link/([^\s/]+)/")


def _request(client, capture, email, **extra):
    with capture(execute=True):
        return client.post(reverse("accounts:link_request"), {"email": email, **extra})


def _link_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return reverse("accounts:link_confirm", args=[match.group(1)])


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_request_page_is_labelled(en_client):
    html = en_client.get(reverse("accounts:link_request")).content.decode()
    assert html.count("<h1") == 1
    assert 'for="id_email"' in html
    assert "utrecht-textbox" in html


def test_full_journey_request_mail_confirm_login(
    mailoutbox, en_client, personas, django_capture_on_commit_callbacks
):
    response = _request(en_client, django_capture_on_commit_callbacks, personas.tenant.email)
    assert response.status_code == 302
    assert response.url == reverse("accounts:link_sent")
    sent = en_client.get(response.url).content.decode()
    assert "If we know this e-mail address" in sent

    message = mailoutbox[0]
    assert len(mailoutbox) == 1
    assert message.to == [personas.tenant.email]
    assert "Wijkpunt" in message.subject
    path = _link_path(message)
    assert message.body.count("http") == 1

    # Opening the link (and opening it again, like a mail scanner) does not log in.
    for _ in range(2):
        page = en_client.get(path)
        assert page.status_code == 200
        assert 'method="post"' in page.content.decode()
        assert _logged_in_user_id(en_client) is None

    done = en_client.post(path)
    assert done.status_code == 302
    assert done.url == reverse("core:home")
    assert _logged_in_user_id(en_client) == str(personas.tenant.pk)

    # The same link a second time: refused, with a way to get a new one.
    en_client.logout()
    again = en_client.post(path)
    assert again.status_code == 410
    assert _logged_in_user_id(en_client) is None
    html = again.content.decode()
    assert "already been used" in html
    assert reverse("accounts:link_request") in html
    assert en_client.get(path).status_code == 410


def test_link_is_single_use_even_before_the_second_factor(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    TOTP.activate(personas.woonconsulent, generate_totp_secret())
    path = reverse("accounts:link_confirm", args=[make_token(personas.woonconsulent)])
    first = client.post(path)
    assert first.url == reverse("mfa_authenticate")
    assert client.post(path).status_code == 410


def test_staff_with_totp_must_still_give_the_code(client, personas, settings):
    settings.STAFF_REQUIRE_MFA = True
    secret = generate_totp_secret()
    TOTP.activate(personas.woonconsulent, secret)
    path = reverse("accounts:link_confirm", args=[make_token(personas.woonconsulent)])
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert _logged_in_user_id(client) is None
    assert client.get(reverse("portal:home")).status_code == 302
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    done = client.post(reverse("mfa_authenticate"), {"code": code})
    assert done.status_code == 302
    assert _logged_in_user_id(client) == str(personas.woonconsulent.pk)


def test_unknown_address_gets_the_same_answer_and_no_mail(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    known = _request(client, django_capture_on_commit_callbacks, personas.tenant.email)
    unknown = _request(client, django_capture_on_commit_callbacks, "nobody-here@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert sum(m.to == ["nobody-here@example.org"] for m in mailoutbox) == 0
    assert len(mailoutbox) == 1


def test_inactive_account_gets_no_mail(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    personas.tenant.is_active = False
    personas.tenant.save()
    response = _request(client, django_capture_on_commit_callbacks, personas.tenant.email)
    assert response.status_code == 302
    assert len(mailoutbox) == 0


def test_bad_address_shows_error_and_keeps_input(
    mailoutbox, en_client, personas, django_capture_on_commit_callbacks
):
    response = _request(en_client, django_capture_on_commit_callbacks, "an.peeters@")
    assert response.status_code == 200
    html = response.content.decode()
    assert "not a complete e-mail address" in html
    assert 'value="an.peeters@"' in html
    assert 'aria-invalid="true"' in html
    assert len(mailoutbox) == 0
    empty = _request(en_client, django_capture_on_commit_callbacks, "")
    assert "Fill in your e-mail address" in empty.content.decode()


def test_expired_link_is_refused_with_a_new_link_button(en_client, personas, settings):
    path = reverse("accounts:link_confirm", args=[make_token(personas.tenant)])
    later = time.time() + settings.LOGIN_LINK_MAX_AGE + 5
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = en_client.get(path)
        assert page.status_code == 410
        assert "expired" in page.content.decode()
        assert en_client.post(path).status_code == 410
    assert _logged_in_user_id(en_client) is None
    assert reverse("accounts:link_request") in page.content.decode()


def test_link_just_before_expiry_still_works(client, personas, settings):
    path = reverse("accounts:link_confirm", args=[make_token(personas.tenant)])
    later = time.time() + settings.LOGIN_LINK_MAX_AGE - 30
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.post(path).status_code == 302
    assert _logged_in_user_id(client) == str(personas.tenant.pk)


def test_tampered_link_is_refused(client, personas):
    token = make_token(personas.tenant)
    for bad in (token[:-2] + "xx", "nonsense", token.replace(":", "", 1)):
        response = client.post(reverse("accounts:link_confirm", args=[bad]))
        assert response.status_code == 400
    assert _logged_in_user_id(client) is None


def test_link_stops_working_after_a_password_log_in_or_change(client, personas):
    path = reverse("accounts:link_confirm", args=[make_token(personas.tenant)])
    personas.tenant.set_password("a brand new long password")
    personas.tenant.save()
    assert client.post(path).status_code == 410


def test_link_stops_working_after_the_address_changes(client, personas):
    path = reverse("accounts:link_confirm", args=[make_token(personas.tenant)])
    update_profile(user=personas.tenant, email="an.new@example.org")
    assert client.post(path).status_code == 410


def test_link_brings_the_person_to_the_page_they_asked_for(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    _request(
        client,
        django_capture_on_commit_callbacks,
        personas.tenant.email,
        next=reverse("portal:details"),
    )
    path = _link_path(mailoutbox[0])
    assert client.post(path).url == reverse("portal:details")


def test_next_to_another_site_is_ignored(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    _request(
        client,
        django_capture_on_commit_callbacks,
        personas.tenant.email,
        next="https://evil.example.com/",
    )
    path = _link_path(mailoutbox[0])
    assert client.post(path).url == reverse("core:home")


def test_mail_is_in_the_persons_language(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    _request(client, django_capture_on_commit_callbacks, personas.other_tenant.email)
    _request(client, django_capture_on_commit_callbacks, personas.tenant.email)
    french = next(m for m in mailoutbox if m.to == [personas.other_tenant.email])
    dutch = next(m for m in mailoutbox if m.to == [personas.tenant.email])
    assert "connexion" in french.subject.lower()
    assert "aanmeldlink" in dutch.subject.lower()
    assert "Bonjour Elif" in french.body
    assert "Dag An" in dutch.body


def test_link_url_uses_site_url(personas, settings):
    settings.SITE_URL = "https://wijkpunt.example.be"
    assert login_link_url(personas.tenant).startswith("https://wijkpunt.example.be/accounts/link/")


def test_too_many_links_for_one_address_are_not_sent(
    mailoutbox, client, personas, django_capture_on_commit_callbacks
):
    for _ in range(5):
        response = _request(client, django_capture_on_commit_callbacks, personas.tenant.email)
        assert response.status_code == 302  # the same answer every time
    assert sum(m.to == [personas.tenant.email] for m in mailoutbox) == 3


def test_too_many_requests_from_one_address_on_the_internet(
    mailoutbox, en_client, personas, django_capture_on_commit_callbacks
):
    for i in range(10):
        response = _request(en_client, django_capture_on_commit_callbacks, f"x{i}@example.org")
        assert response.status_code == 302
    response = _request(en_client, django_capture_on_commit_callbacks, personas.tenant.email)
    assert response.status_code == 429
    assert "wait" in response.content.decode()
    assert len(mailoutbox) == 0
