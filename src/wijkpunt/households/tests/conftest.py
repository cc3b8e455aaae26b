import pytest


@pytest.fixture
def file_url(personas):
    return f"/werk/huishoudens/{personas.household.pk}/"


@pytest.fixture
def login(staff_client):
    def log_in(user):
        staff_client.force_login(user)
        return staff_client

    return log_in
