import pytest


@pytest.fixture
def en_client(client):
    """An anonymous visitor whose browser asks for English pages."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
