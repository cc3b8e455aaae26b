import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english(request, client):
    """Assertions read the English msgids; the Dutch tests switch back explicitly."""
    from django.utils import translation

    client.cookies["wijkpunt_language"] = "en"
    if "personas" in request.fixturenames:
        personas = request.getfixturevalue("personas")
        from wijkpunt.accounts.models import User

        User.objects.filter(
            pk__in=[
                personas.tenant.pk,
                personas.other_tenant.pk,
                *(u.pk for u in personas.staff().values()),
                personas.outsider.pk,
            ]
        ).update(language="en")
        for user in (
            personas.tenant,
            personas.other_tenant,
            personas.outsider,
            *personas.staff().values(),
        ):
            user.language = "en"
    with translation.override("en"):
        yield
