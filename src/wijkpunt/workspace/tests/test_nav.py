import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from wijkpunt.workspace.templatetags import workspace as tags


def render_nav(user, path="/werk/", **extra) -> str:
    request = RequestFactory().get(path)
    request.user = user
    from django.urls import resolve

    try:
        request.resolver_match = resolve(path)
    except Exception:  # noqa: BLE001
        request.resolver_match = None
    template = Template('{% include "workspace/_nav.html" %}')
    return template.render(Context({"request": request, "user": user, **extra}))


def test_items_and_who_is_logged_in(personas):
    html = render_nav(personas.technician)
    assert reverse("workspace:home") in html
    assert reverse("workspace:estates") in html
    assert reverse("workspace:search") in html
    assert "Tom Technieker" in html
    assert "Woonmaatschappij Test" in html
    assert reverse("admin:index") not in html


def test_current_item_is_marked(personas):
    html = render_nav(personas.technician, "/werk/zoeken/")
    assert f'<a href="{reverse("workspace:search")}" aria-current="page">' in html
    assert html.count('aria-current="page"') == 1
    html = render_nav(personas.technician, "/werk/wijken/lindenplein/")
    assert f'<a href="{reverse("workspace:estates")}" aria-current="page">' in html


def test_page_can_choose_the_current_item(personas):
    html = render_nav(personas.technician, "/werk/", nav_current="search")
    assert f'<a href="{reverse("workspace:search")}" aria-current="page">' in html


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("letting", True),
        ("coordinator", True),
        ("admin", True),
        ("technician", False),
        ("woonconsulent", False),
        ("social_worker", False),
        ("buurtwerker", False),
        ("partner_worker", False),
    ],
)
def test_import_export_only_for_registry_managers(personas, persona, allowed):
    html = render_nav(getattr(personas, persona))
    assert (f'href="{reverse("housing:registry")}"' in html) is allowed


def test_signals_are_in_the_navigation_and_marked_on_inbox_pages(personas):
    html = render_nav(personas.technician, "/werk/meldingen/kaart/")
    assert f'<a href="{reverse("inbox:home")}" aria-current="page">' in html
    assert html.count('aria-current="page"') == 1


def test_configuration_only_for_administrators(personas):
    assert reverse("admin:index") in render_nav(personas.admin)
    coordinator = personas.coordinator
    coordinator.is_staff = True
    coordinator.save()
    assert reverse("admin:index") not in render_nav(coordinator)


def test_superuser_with_a_role_sees_configuration(personas):
    user = personas.technician
    user.is_staff = user.is_superuser = True
    user.save()
    assert reverse("admin:index") in render_nav(user)


def test_nothing_for_anonymous(db):
    from django.contrib.auth.models import AnonymousUser

    assert "<nav" not in render_nav(AnonymousUser())


def test_tenancy_changes_filter():
    rows = tags.tenancy_changes(
        {
            "end_date": [None, "2025-01-31"],
            "probation_end": {"old": "2024-01-01", "new": "2025-01-01"},
            "note": "hello",
        }
    )
    assert rows[0]["after"] == "31-01-2025" and rows[0]["before"] == ""
    assert rows[1]["before"] == "01-01-2024"
    assert rows[2]["field"] == "note" and rows[2]["after"] == "hello"
    assert tags.tenancy_changes("garbage") == []
