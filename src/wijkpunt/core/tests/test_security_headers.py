def test_pages_carry_security_headers(db, client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Permissions-Policy" in response.headers


def test_logged_in_pages_are_not_cached(personas, client):
    client.force_login(personas.tenant)
    response = client.get("/", follow=True)
    assert "no-store" in response.headers["Cache-Control"]


def test_passwords_are_hashed_with_argon2(personas):
    assert personas.tenant.password.startswith(("argon2", "md5"))
    from django.conf import settings

    assert "Argon2PasswordHasher" in [h for h in settings.PASSWORD_HASHERS if "Argon2" in h][0]


def test_language_switch_is_saved_for_a_logged_in_person(personas, client):
    client.force_login(personas.tenant)
    response = client.post("/taal/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    personas.tenant.refresh_from_db()
    assert personas.tenant.language == "fr"


def test_language_switch_refuses_foreign_redirects(db, client):
    response = client.post("/taal/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_outbox_only_exists_in_demo_mode(db, client, settings):
    settings.DEMO_MODE = False
    assert client.get("/demo/outbox/").status_code == 404
    settings.DEMO_MODE = True
    assert client.get("/demo/outbox/").status_code == 200
