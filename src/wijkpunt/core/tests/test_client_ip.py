"""One rule for the client's address, used by the audit log, the log-in lockout, log-in links
and the public form. Forwarded headers count only when a trusted proxy is configured."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from wijkpunt.core.http import client_ip

rf = RequestFactory()


def _request(remote="10.0.0.5", **headers):
    return rf.get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(settings):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 0
    settings.WIJKPUNT_TRUSTED_CLIENT_IP_HEADER = ""
    spoofed = _request(HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_X_REAL_IP="203.0.113.9")
    assert client_ip(spoofed) == "10.0.0.5"


def test_one_trusted_proxy_takes_the_address_it_appended(settings):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    # The visitor sent a made-up header; nginx appended the real address.
    request = _request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_two_trusted_proxies(settings):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 2
    request = _request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.2")
    assert client_ip(request) == "198.51.100.7"


def test_a_request_that_bypassed_the_proxies_counts_by_its_own_address(settings):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.7")) == "10.0.0.5"
    assert client_ip(_request()) == "10.0.0.5"


def test_a_trusted_header_wins(settings):
    settings.WIJKPUNT_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = _request(HTTP_X_REAL_IP="2001:db8::7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "2001:db8::7"


@pytest.mark.parametrize("value", ["not-an-ip", "", "999.1.1.1"])
def test_garbage_falls_back_to_the_connection(settings, value):
    settings.WIJKPUNT_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(_request(HTTP_X_REAL_IP=value)) == "10.0.0.5"


def test_ports_and_brackets_are_removed(settings):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.7:5123")) == "198.51.100.7"
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="[2001:db8::1]:443")) == "2001:db8::1"


def test_allauth_uses_the_same_rule(settings):
    from allauth.account.adapter import get_adapter

    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    request = _request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.7"
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 0
    assert get_adapter(request).get_client_ip(request) == "10.0.0.5"


def test_audit_log_records_the_real_client(settings, personas, client):
    from wijkpunt.audit.models import AuditEntry
    from wijkpunt.testing import PASSWORD

    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("account_login"),
        {"login": personas.tenant.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert AuditEntry.objects.get(action="login").ip_address == "198.51.100.7"


def _ask_links(client, count, forwarded):
    statuses = []
    for i in range(count):
        response = client.post(
            reverse("accounts:link_request"),
            {"email": f"person{i}@example.org"},
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        statuses.append(response.status_code)
    return statuses


def test_behind_a_proxy_one_visitor_cannot_block_log_in_links_for_everyone(settings, db, client):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    # Every request reaches Wijkpunt from the proxy (127.0.0.1).
    assert _ask_links(client, 11, "198.51.100.7")[-1] == 429
    assert _ask_links(client, 1, "198.51.100.8") == [302]


def test_spoofed_forwarded_header_does_not_escape_the_rate_limit(settings, db, client):
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 0
    statuses = [_ask_links(client, 1, f"203.0.113.{i}")[0] for i in range(11)]
    assert statuses[-1] == 429


def test_public_form_counts_per_real_client(settings):
    from wijkpunt.intake import views_public

    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 1
    request = _request(remote="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert views_public._client_ip(request) == "198.51.100.7"
    settings.WIJKPUNT_TRUSTED_PROXY_COUNT = 0
    assert views_public._client_ip(request) == "127.0.0.1"


def test_only_client_ip_reads_the_peer_address():
    """The audit log and every rate limit take the address from ``client_ip`` (which knows the
    trusted proxies); no other code reads REMOTE_ADDR or X-Forwarded-For itself."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2]
    names = ("REMOTE_ADDR", "X_FORWARDED_FOR", "X-Forwarded-For")

    def reads_the_address(path: Path) -> bool:
        code = (line.split("#", 1)[0] for line in path.read_text().splitlines())
        return any(name in line for line in code for name in names)

    readers = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if "tests" not in path.parts and path.name != "http.py" and reads_the_address(path)
    )
    assert readers == []
