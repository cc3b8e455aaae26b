"""Schemathesis, an OpenAPI fuzzer nobody here wrote, against the schema the server publishes
at /api/v1/schema/, through Django's WSGI application, on the demo database: once as a tenant
and once as a member of staff (each with a real session and CSRF token).

For every operation it sends random requests that fit the schema and requests that do not,
on random ids and on ids of real demo signals, with bodies naming real demo objects; for the
operations the persona may use, also Schemathesis's coverage cases (boundary values, wrong
types, missing and unknown fields, unexpected methods). It checks that the server never
answers 5xx, answers only the status codes the schema lists, with the content type and the
body shape the schema gives for that code. The run is bounded (MAX_EXAMPLES random requests
per operation and strategy) and deterministic (``derandomize``): a failure is the same on
every run and on every machine."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.pytest._test_builder import build_operation_test
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from wijkpunt.api.testing import connection_kept_open
from wijkpunt.signalling.models import Signal

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 8  # per operation, per strategy, per persona
CSRF_SECRET = "wijkpuntfuzzcsrfsecretabcdef0123"  # 32 characters, like Django's own
SKIPPED = {"/api/v1/schema/"}
# What each persona may use: these operations get the coverage cases and must succeed at least
# once (else the session is broken and the run proves nothing).
EXPECTED_SUCCESS = {
    "tenant": {
        "GET /api/v1/categories/",
        "GET /api/v1/signals/",
        "POST /api/v1/signals/",
        "GET /api/v1/signals/{id}/",
    },
    "staff": {
        "GET /api/v1/categories/",
        "GET /api/v1/signals/",
        "POST /api/v1/signals/",
        "GET /api/v1/signals/{id}/",
        "POST /api/v1/signals/{id}/status/",
        "POST /api/v1/signals/{id}/notes/",
        "POST /api/v1/signals/{id}/messages/",
        "POST /api/v1/signals/{id}/assign/",
    },
}  # the schema itself: YAML, not part of the contract


def session_cookies(user) -> dict[str, str]:
    from django.conf import settings

    client = Client()
    client.force_login(user)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: CSRF_SECRET,
    }


def extra_strategies(operation, *, ids: list[int], bodies: dict):
    """Beyond what Schemathesis makes from the schema: operations on one signal on the ids of
    real demo signals, and bodies that name real demo objects (random ids rarely hit an estate
    or an organisation)."""
    label = f"{operation.method.upper()} {operation.path}"
    on_ids = st.sampled_from(ids) if "{id}" in operation.path else st.none()
    found = []
    if "{id}" in operation.path:
        found.append(
            on_ids.flatmap(
                lambda pk: operation.as_strategy(
                    GenerationMode.POSITIVE, path_parameters={"id": pk}
                )
            )
        )
    if label in bodies:
        found.append(
            st.tuples(on_ids, bodies[label]).flatmap(
                lambda pair: operation.as_strategy(
                    GenerationMode.POSITIVE,
                    body=pair[1],
                    media_type="application/json",
                    **({"path_parameters": {"id": pair[0]}} if pair[0] else {}),
                )
            )
        )
    return found


def real_bodies(user) -> dict:
    """Request bodies made of what this user may really use in the demo."""
    from wijkpunt.api import queries
    from wijkpunt.partners.models import StaffRole

    words = st.text(min_size=1, max_size=80).filter(str.strip)
    estates = list(queries.usable_estates(user).values_list("slug", flat=True)[:3])
    bodies = {
        "POST /api/v1/signals/": st.fixed_dictionaries(
            {"text": words},
            optional={
                "urgent": st.booleans(),
                "category": st.sampled_from(["herstelling", "overlast", "welzijn-en-zorg"]),
                "estate": st.sampled_from(estates or ["x"]),
            },
        ).map(lambda b: b if b.get("estate") or not estates else {**b, "estate": estates[0]}),
    }
    # Colleagues in the user's own organisations: a hand-over elsewhere would end the user's
    # right to act on the signal for the rest of the run.
    own = StaffRole.objects.filter(user=user, active=True).values("organisation_id")
    roles = StaffRole.objects.filter(active=True, organisation_id__in=own).values_list(
        "organisation_id", "user_id"
    )
    if roles:
        bodies["POST /api/v1/signals/{id}/assign/"] = st.sampled_from(list(roles)).map(
            lambda role: {"organisation": role[0], "person": role[1]}
        )
        bodies["POST /api/v1/signals/{id}/status/"] = st.fixed_dictionaries(
            {"status": st.sampled_from(["waiting_resident", "waiting_partner", "resolved"])},
            optional={"message": words},
        )
    return bodies


SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


def checker(label: str, *, headers: dict, cookies: dict, answered: Counter):
    @SETTINGS
    def check(case):
        response = case.call_and_validate(checks=CHECKS, headers=headers, cookies=cookies)
        answered[(f"{case.method} {label.split(' ', 1)[1]}", response.status_code)] += 1

    return check


def fuzz(schema, *, user, ids: list[int], coverage: set[str]) -> tuple[list[str], Counter]:
    """Every operation: random positive and negative cases, then our extras; for the
    operations in ``coverage`` also Schemathesis's examples and coverage cases (boundaries,
    wrong types, missing and unknown fields, unexpected methods)."""
    cookies = session_cookies(user)
    headers = {"X-CSRFToken": CSRF_SECRET}
    bodies = real_bodies(user)
    failures = []
    answered: Counter = Counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        if operation.path in SKIPPED:
            continue

        check = checker(label, headers=headers, cookies=cookies, answered=answered)
        if label in coverage:
            tests = [
                build_operation_test(
                    config=schema.config,
                    operation=operation,
                    test_func=check,
                    given_kwargs={},
                    feedback=FeedbackSources(),
                    explicit_settings=SETTINGS,
                )
            ]
        else:  # refused before its body is read: random cases are enough
            tests = [
                given(case=operation.as_strategy(mode))(check)
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            ]
        for strategy in extra_strategies(operation, ids=ids, bodies=bodies):
            tests.append(given(case=strategy)(check))
        for test in tests:
            try:
                test()
            except Unsatisfiable:
                pass  # nothing to make invalid: an operation without parameters or body
            except Exception as exc:  # noqa: BLE001 - every failure is reported below
                failures.append(f"{label}: {exc}")
    return failures, answered


@pytest.fixture
def demo(shared_demo, db, settings):
    settings.STAFF_REQUIRE_MFA = False
    # Rate limits count in the cache: a fresh one for each run.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    cache.clear()
    return shared_demo


# The contract does not depend on the database engine: each persona's run on one of them.
@pytest.mark.parametrize(
    "persona",
    [
        # The staff run (the longer one) on the quicker engine, so both suites end together.
        pytest.param("tenant", marks=pytest.mark.once("postgres")),
        pytest.param("staff", marks=pytest.mark.once("sqlite")),
    ],
)
def test_schemathesis_finds_no_server_error_and_no_mismatch(demo, persona):
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", WSGIHandler())
        if persona == "tenant":
            user = demo.tenants["huurder"]
            ids = list(Signal.objects.filter(reporter=user).values_list("pk", flat=True)[:5])
        else:
            user = demo.staff["coordinator"]
            ids = list(
                Signal.objects.filter(
                    owner_organisation__staff_roles__user=user,
                    status__in=["assigned", "in_progress"],
                )
                .distinct()
                .order_by("pk")
                .values_list("pk", flat=True)[:8]
            )
        assert ids, "the demo gives this persona signals to work on"
        failures, answered = fuzz(schema, user=user, ids=ids, coverage=EXPECTED_SUCCESS[persona])
    print(persona, sum(answered.values()), "requests:", sorted(answered.items()))
    assert not failures, "\n\n".join(failures)
    # The examples reached the handlers with a working session, not only the refusals.
    succeeded = {op for (op, code), n in answered.items() if code < 300}
    assert succeeded >= EXPECTED_SUCCESS[persona], sorted(answered.items())
