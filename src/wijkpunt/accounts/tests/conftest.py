import pytest


@pytest.fixture
def en_client(client):
    """An anonymous visitor whose browser asks for English pages."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def root(db):
    """A superuser without any staff role."""
    from wijkpunt.accounts.models import User
    from wijkpunt.testing import PASSWORD

    return User.objects.create_superuser(
        email="root@example.org", password=PASSWORD, full_name="Root Beheer"
    )
