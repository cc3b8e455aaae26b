"""Anonymous means anonymous (docs/surveys-anonymity.md), proven on both databases.

Twelve households answer in a known order through the real pages — online with the code and in
the portal — the wave closes, and then nothing in the database or the logs lines an answer up
with a household, a code, an account, an address or the moment a code was used: not the
columns, not the ids, not the physical order of the rows (SQLite's rowid, PostgreSQL's ctid),
not PostgreSQL's transaction ids (xmin), not a log line or an audit entry. A building where
fewer households answered than the smallest group keeps no building on its responses."""

from __future__ import annotations

import logging
import uuid
from collections import Counter

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from wijkpunt.accounts.models import User
from wijkpunt.audit.models import AuditEntry
from wijkpunt.housing.models import Building, Dwelling, Household, Resident, Tenancy
from wijkpunt.surveys import actions, codes
from wijkpunt.surveys.models import Answer, Ballot, Channel, Response, SurveyCode
from wijkpunt.surveys.tests.test_answer import GOOD, add_households, make_survey, open_wave_for
from wijkpunt.testing import make_personas

# What no column of an answer may refer to or be.
LINKING_MODELS = (Household, SurveyCode, User, Resident, Dwelling, Tenancy)
TIME_FIELDS = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)
LINKING_WORDS = ("household", "code", "user", "account", "address", "ip", "time", "date",
                 "created", "channel", "resident", "dwelling", "session")  # fmt: skip


def _physical_order(table: str) -> list[str]:
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {order}")  # noqa: S608
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]


def _xmins(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {table}")  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_answers_cannot_be_lined_up_with_households(django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.DEBUG)
    p = make_personas()
    survey = make_survey(p.housing)
    big = p.building  # 10 households answer here
    add_households(p.estate, 9, building=big)
    small = Building.objects.create(estate=p.estate, street="Zijstraat", number="2")
    add_households(p.estate, 4, building=small)  # only 2 answer here: fewer than 5
    wave = open_wave_for(survey, p.estate)
    in_big = list(
        SurveyCode.objects.filter(wave=wave, building=big)
        .exclude(household=p.household)
        .order_by("pk")
    )
    in_small = list(SurveyCode.objects.filter(wave=wave, building=small).order_by("pk"))
    second = in_big.pop()  # a second tenant with an account, in the big building
    neighbour = User.objects.create(
        email="buur@example.org", full_name="Bo Buur", password=make_password("x-" * 8)
    )
    Resident.objects.create(
        household_id=second.household_id, first_name="Bo", last_name="Buur", user=neighbour
    )
    tenant_code = SurveyCode.objects.get(wave=wave, household=p.household)

    # (who, how): the order in which the codes are used.
    order = [
        (in_big[0], "online"),
        (tenant_code, "portal"),
        (in_big[1], "online"),
        (in_small[0], "online"),
        (in_big[2], "online"),
        (in_big[3], "online"),  # the fifth in the big building: a first batch is mixed
        (in_big[4], "online"),
        (second, "portal"),
        (in_small[1], "online"),
        (in_big[5], "online"),
        (in_big[6], "online"),
        (in_big[7], "online"),
    ]
    users = {tenant_code.pk: p.tenant, second.pk: neighbour}
    estate_url = reverse("surveys_public:estate", kwargs={"estate": p.estate.slug})
    markers = []
    anonymous = Client()
    anonymous.post(estate_url, {"code": "QQQQ-QQQQ"})  # a wrong guess on the way
    for n, (code, how) in enumerate(order):
        marker = f"antwoord-nummer-{n}-uniek"
        markers.append(marker)
        data = {**GOOD, "q_short": marker, "q_ideas": f"idee {marker}", "q_rating": str(n % 11)}
        with django_capture_on_commit_callbacks(execute=True):
            if how == "online":
                anonymous.post(estate_url, {"code": codes.display(code.code).lower()})
                anonymous.post(estate_url, {**data, "code": code.code, "q_rating": ""})  # error
                done = anonymous.post(estate_url, {**data, "code": code.code})
            else:
                client = Client()
                client.force_login(users[code.pk])
                url = reverse("surveys_public:portal_answer", args=[wave.pk])
                client.get(url)
                done = client.post(url, data)
        assert done.status_code == 302, done.content.decode()[:500]
    # While open, ballots moved in two batches of five; the small building's two still wait.
    assert Response.objects.filter(wave=wave).count() == 10
    actions.close_wave(wave=wave)

    # Every code used once, with its channel — and nothing else.
    used = SurveyCode.objects.filter(wave=wave, used=True)
    assert used.count() == 12
    assert set(used.values_list("channel", flat=True)) == {Channel.ONLINE, Channel.PORTAL}
    assert not Ballot.objects.filter(wave=wave).exists()
    for field in SurveyCode._meta.get_fields():
        assert not isinstance(field, TIME_FIELDS), field

    # No column of a response or an answer refers to a household, code, user, address or time.
    for model in (Response, Answer):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, TIME_FIELDS + (models.GenericIPAddressField,)), field
            assert not isinstance(field, models.AutoField | models.BigAutoField), field
            related = field.related_model
            assert related not in LINKING_MODELS, field
            assert not any(word in field.name for word in LINKING_WORDS), field
        columns = {
            c.name for c in connection.introspection.get_table_description(
                connection.cursor(), model._meta.db_table
            )
        }  # fmt: skip
        assert columns == {f.column for f in model._meta.concrete_fields}
    responses = list(Response.objects.filter(wave=wave))
    assert len(responses) == 12
    ids = [r.pk for r in responses] + list(Answer.objects.values_list("pk", flat=True))
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    assert len(set(ids)) == len(ids)

    # The physical order of the rows does not follow the order in which codes were used.
    marker_of = {
        str(a.response_id).replace("-", ""): markers.index(a.text)
        for a in Answer.objects.filter(question__name="q_short")
    }
    physical = [marker_of[i] for i in _physical_order(Response._meta.db_table)]
    assert sorted(physical) == list(range(12))
    assert physical != list(range(12))
    # Nor do the batches ballots moved in while the wave was open (the big building's first five
    # answers, then its next five) stay together: by chance once in 16,632 orders.
    first, then = {0, 1, 2, 4, 5}, {6, 7, 9, 10, 11}
    assert not (set(physical[:5]) == first and set(physical[5:10]) == then)
    if connection.vendor == "postgresql":
        assert len(_xmins(Response._meta.db_table)) == 1
        assert len(_xmins(Answer._meta.db_table)) == 1
        assert len(_xmins(SurveyCode._meta.db_table)) == 1

    # The small building keeps only its estate; the big one keeps its building.
    assert Counter((r.estate_id, r.building_id) for r in responses) == {
        (p.estate.pk, big.pk): 10,
        (p.estate.pk, None): 2,
    }

    # No log line and no audit entry holds a code or anything of the answers.
    secrets = [c.code for c, _how in order] + [codes.display(c.code) for c, _how in order]
    secrets += [s.lower() for s in secrets] + markers
    formatter = logging.Formatter("%(name)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    audited = "\n".join(
        " ".join(str(v) for v in row)
        for row in AuditEntry.objects.values_list(
            "actor_label", "action", "object_type", "object_id", "purpose", "path"
        )
    )
    assert logged, "the test captured no log at all"
    for secret in secrets:
        assert secret not in logged, secret
        assert secret not in audited, secret
