"""Configuration of signals in the admin: categories, routing rules (validated on save, "try
it"), deadline policies, and read-only, audited, need-to-know signal pages."""

import pytest
from django.contrib import admin
from django.urls import reverse

from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building
from wijkpunt.signalling import actions
from wijkpunt.signalling.models import (
    Category,
    Channel,
    DeadlinePolicy,
    Feedback,
    RoutingRule,
    Signal,
    SignalEvent,
    SignalStatus,
)

SECRET = "Mijn buurman drinkt veel en ik maak me zorgen"


@pytest.fixture
def admin_client(staff_client, personas):
    user = personas.admin
    user.is_staff = user.is_superuser = True
    user.save()
    staff_client.force_login(user)
    return staff_client


@pytest.fixture
def signals(personas):
    repair = actions.create_signal(
        text="De kraan lekt",
        channel=Channel.PORTAL,
        reporter=personas.tenant,
        category=Category.objects.get(slug="herstelling"),
    ).signal
    welfare = actions.create_signal(
        text=SECRET,
        channel=Channel.PHONE,
        registered_by=personas.social_worker,
        reporter_name="Jan Buur",
        reporter_phone="0470 00 11 22",
        estate=personas.estate,
        category=Category.objects.get(slug="welzijn-en-zorg"),
    ).signal
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.ASSIGNED)
    actions.change_status(signal=repair, user=personas.technician, status=SignalStatus.RESOLVED)
    actions.give_feedback(signal=repair, user=personas.tenant, solved=True, comment="Dank u")
    actions.add_note(signal=welfare, user=personas.social_worker, text="Huisbezoek gepland")
    return repair, welfare


MODELS = [Category, RoutingRule, DeadlinePolicy, Signal, SignalEvent, Feedback]


def test_every_model_is_registered():
    for model in MODELS:
        assert model in admin.site._registry


def test_pages_render_for_the_administrator(admin_client, signals):
    for model in MODELS:
        meta = model._meta
        changelist = reverse(f"admin:signalling_{meta.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        obj = model.objects.first()
        change = reverse(f"admin:signalling_{meta.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200, change
    for name in ("category", "routingrule", "deadlinepolicy"):
        assert admin_client.get(reverse(f"admin:signalling_{name}_add")).status_code == 200


def test_signals_are_read_only(admin_client, signals):
    assert admin_client.get(reverse("admin:signalling_signal_add")).status_code == 403
    repair, _ = signals
    response = admin_client.post(reverse("admin:signalling_signal_delete", args=[repair.pk]))
    assert response.status_code == 403
    assert Signal.objects.filter(pk=repair.pk).exists()


def test_lists_show_no_free_text(admin_client, signals):
    for name in ("signal", "signalevent", "feedback"):
        html = admin_client.get(reverse(f"admin:signalling_{name}_changelist")).content.decode()
        assert SECRET not in html, name
        assert "Huisbezoek gepland" not in html and "Dank u" not in html, name


def test_signal_page_is_audited_and_keeps_need_to_know(admin_client, personas, signals):
    repair, welfare = signals
    before = AuditEntry.objects.filter(object_type="signal").count()
    # The housing company's administrator may not see a welfare signal's words.
    html = admin_client.get(
        reverse("admin:signalling_signal_change", args=[welfare.pk])
    ).content.decode()
    assert SECRET not in html and "Jan Buur" not in html and "0470 00 11 22" not in html
    assert welfare.reference in html
    # … but does see a repair.
    html = admin_client.get(
        reverse("admin:signalling_signal_change", args=[repair.pk])
    ).content.decode()
    assert "De kraan lekt" in html
    entries = AuditEntry.objects.filter(object_type="signal").order_by("pk")[before:]
    assert [e.object_id for e in entries] == [str(welfare.pk), str(repair.pk)]
    assert all(e.actor == personas.admin for e in entries)
    # History events of the welfare signal keep the note hidden too, and are audited.
    note = SignalEvent.objects.get(signal=welfare, kind="note")
    html = admin_client.get(
        reverse("admin:signalling_signalevent_change", args=[note.pk])
    ).content.decode()
    assert "Huisbezoek" not in html
    assert AuditEntry.objects.filter(object_type="signal", object_id=str(welfare.pk)).count() == 2


def test_unknown_signal_page_is_not_a_500(admin_client):
    response = admin_client.get(reverse("admin:signalling_signal_change", args=[999999]))
    assert response.status_code in (302, 404)


def test_staff_without_admin_rights_are_refused(staff_client, personas, signals):
    staff_client.force_login(personas.coordinator)
    response = staff_client.get(reverse("admin:signalling_signal_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_category_form_has_checkboxes_and_saves_lists(admin_client, personas):
    html = admin_client.get(reverse("admin:signalling_category_add")).content.decode()
    assert 'type="checkbox" name="visible_to_kinds" value="ocmw"' in html
    response = admin_client.post(
        reverse("admin:signalling_category_add"),
        {
            "name": "Energie",
            "name_fr": "Énergie",
            "name_en": "Energy",
            "slug": "energie",
            "description": "Energiefacturen en besparen",
            "visible_to_kinds": ["ocmw", "housing"],
            "visible_to_roles": ["social_worker", "coordinator"],
            "position": 20,
            "active": "on",
        },
    )
    assert response.status_code == 302
    category = Category.objects.get(slug="energie")
    assert sorted(category.visible_to_kinds) == ["housing", "ocmw"]
    assert category.visible_to_roles == ["social_worker", "coordinator"]


def test_category_visible_to_nobody_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:signalling_category_add"),
        {"name": "Niemand", "slug": "niemand", "position": 1, "active": "on"},
    )
    assert response.status_code == 200
    assert "Nobody would see" in response.content.decode() or "Niemand zou" in (
        response.content.decode()
    )
    assert not Category.objects.filter(slug="niemand").exists()


def _rule(**overrides):
    data = {
        "name": "Test",
        "position": 5,
        "active": "on",
        "category": "",
        "estate": "",
        "building": "",
        "urgent": "",
        "organisation": "",
        "organisation_kind": "",
        "team": "",
        "person": "",
    }
    data.update({k: ("" if v is None else v) for k, v in overrides.items()})
    return data


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("team_of_other_org", "team"),
        ("building_outside_estate", "building"),
        ("no_target", "organisation"),
        ("both_targets", "organisation_kind"),
        ("person_elsewhere", "person"),
    ],
)
def test_routing_rule_is_validated_on_save(admin_client, personas, case, field):
    social_team = personas.social_worker.staff_roles.get().team
    other_building = Building.objects.create(estate=personas.other_estate, name="Blok Z")
    data = {
        "team_of_other_org": _rule(organisation=personas.housing.pk, team=social_team.pk),
        "building_outside_estate": _rule(
            organisation=personas.housing.pk,
            estate=personas.estate.pk,
            building=other_building.pk,
        ),
        "no_target": _rule(),
        "both_targets": _rule(organisation=personas.housing.pk, organisation_kind="housing"),
        "person_elsewhere": _rule(
            organisation=personas.housing.pk, person=personas.social_worker.pk
        ),
    }[case]
    count = RoutingRule.objects.count()
    response = admin_client.post(reverse("admin:signalling_routingrule_add"), data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert RoutingRule.objects.count() == count


def test_valid_routing_rule_is_saved_and_first_match_wins(admin_client, personas):
    team = personas.technician.staff_roles.get().team
    response = admin_client.post(
        reverse("admin:signalling_routingrule_add"),
        _rule(
            name="Herstellingen Lindenplein naar de technische dienst",
            position=1,
            category=Category.objects.get(slug="herstelling").pk,
            estate=personas.estate.pk,
            organisation=personas.housing.pk,
            team=team.pk,
        ),
    )
    assert response.status_code == 302
    url = reverse("admin:signalling_routingrule_try")
    html = admin_client.get(
        url,
        {"category": Category.objects.get(slug="herstelling").pk, "estate": personas.estate.pk},
    ).content.decode()
    assert "Herstellingen Lindenplein naar de technische dienst" in html
    assert "Technische dienst" in html
    # Another estate: the default rule by kind matches instead.
    response = admin_client.get(
        url,
        {
            "category": Category.objects.get(slug="herstelling").pk,
            "estate": personas.other_estate.pk,
        },
    )
    assert response.context["result"].rule.name != "Herstellingen Lindenplein"
    assert response.context["result"].organisation == personas.housing


def test_routing_list_is_ordered_and_editable(admin_client):
    response = admin_client.get(reverse("admin:signalling_routingrule_changelist"))
    html = response.content.decode()
    assert 'name="form-0-position"' in html and 'name="form-0-active"' in html
    assert "first active rule that matches" in html or "eerste actieve regel" in html
    positions = [r.position for r in response.context["cl"].result_list]
    assert positions == sorted(positions)


def test_try_view_refuses_bad_input(admin_client, personas):
    other_building = Building.objects.create(estate=personas.other_estate, name="Blok Z")
    response = admin_client.get(
        reverse("admin:signalling_routingrule_try"),
        {"estate": personas.estate.pk, "building": other_building.pk},
    )
    assert response.status_code == 200
    assert "building" in response.context["form"].errors
    response = admin_client.get(reverse("admin:signalling_routingrule_try"), {"estate": "abc"})
    assert response.status_code == 200 and "estate" in response.context["form"].errors


def test_deadline_policy_is_validated(admin_client):
    count = DeadlinePolicy.objects.count()
    response = admin_client.post(
        reverse("admin:signalling_deadlinepolicy_add"),
        {
            "category": Category.objects.get(slug="samenleven").pk,
            "urgent": "on",
            "first_response_hours": 40,
            "resolution_days": 1,
            "remind_before_hours": 4,
        },
    )
    assert response.status_code == 200
    assert "first_response_hours" in response.context["adminform"].form.errors
    # A second policy for the same category and urgency is refused.
    response = admin_client.post(
        reverse("admin:signalling_deadlinepolicy_add"),
        {
            "category": Category.objects.get(slug="herstelling").pk,
            "first_response_hours": 8,
            "resolution_days": 10,
            "remind_before_hours": 4,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    response = admin_client.post(
        reverse("admin:signalling_deadlinepolicy_add"),
        {
            "category": Category.objects.get(slug="samenleven").pk,
            "first_response_hours": 0,
            "resolution_days": 5,
            "remind_before_hours": 4,
        },
    )
    assert "first_response_hours" in response.context["adminform"].form.errors
    assert DeadlinePolicy.objects.count() == count
