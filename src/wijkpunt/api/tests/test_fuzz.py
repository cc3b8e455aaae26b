"""A few hundred random and malformed requests: every answer is a 2xx or a 4xx, never a 5xx."""

import json
import random
import string

import pytest

from .conftest import make_signal

FIELDS = [
    "text",
    "category",
    "urgent",
    "where",
    "dwelling",
    "building",
    "common_space",
    "estate",
    "location_text",
    "language",
    "channel",
    "reporter_name",
    "reporter_email",
    "anonymous",
    "for_neighbour",
    "status",
    "message",
    "organisation",
    "team",
    "person",
    "note",
]


def random_value(rng: random.Random, depth: int = 0):
    choice = rng.randrange(12)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randint(-(2**63), 2**63)
    if choice == 3:
        return rng.random() * 1e12
    if choice == 4:
        return "".join(rng.choice(string.printable) for _ in range(rng.randrange(40)))
    if choice == 5:
        return rng.choice(["", " ", "\x00", "é" * 300, "x" * 6000, "herstelling", "new", "1"])
    if choice == 6 and depth < 2:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    if choice == 7 and depth < 2:
        return {rng.choice(FIELDS): random_value(rng, depth + 1)}
    if choice == 8:
        return rng.choice(["dwelling", "building", "common_space", "estate", "closed"])
    if choice == 9:
        return rng.randint(0, 5)
    if choice == 10:
        return float("nan") if rng.random() < 0.5 else "NaN"
    return "De lift is kapot"


def random_body(rng: random.Random) -> tuple[str, str]:
    kind = rng.randrange(6)
    if kind == 0:  # random bytes as JSON
        return "".join(rng.choice(string.printable) for _ in range(rng.randrange(80))), (
            "application/json"
        )
    if kind == 1:  # a JSON value that is not an object
        return json.dumps(random_value(rng)), "application/json"
    if kind == 2:  # form-encoded garbage
        return "&".join(
            f"{rng.choice(FIELDS)}={rng.randrange(1000)}" for _ in range(rng.randrange(5))
        ), "application/x-www-form-urlencoded"
    if kind == 3:  # an unsupported type
        return "text", rng.choice(["text/plain", "application/xml", "image/png", ""])
    payload = {rng.choice(FIELDS): random_value(rng) for _ in range(rng.randrange(1, 8))}
    try:
        return json.dumps(payload), "application/json"
    except ValueError:
        return "{}", "application/json"


@pytest.mark.parametrize("persona", ["tenant", "technician", "coordinator", "outsider"])
def test_random_requests_never_give_a_server_error(api, personas, persona):
    rng = random.Random(f"wijkpunt-{persona}")
    signal = make_signal(personas)
    api.force_authenticate(getattr(personas, persona))
    urls = [
        "/api/v1/signals/",
        f"/api/v1/signals/{signal.pk}/status/",
        f"/api/v1/signals/{signal.pk}/notes/",
        f"/api/v1/signals/{signal.pk}/messages/",
        f"/api/v1/signals/{signal.pk}/assign/",
        "/api/v1/signals/999999/assign/",
    ]
    for i in range(80):
        url = rng.choice(urls)
        body, content_type = random_body(rng)
        headers = {}
        if rng.random() < 0.2:
            headers["HTTP_IDEMPOTENCY_KEY"] = "".join(
                rng.choice(string.printable) for _ in range(rng.randrange(100))
            )
        response = api.generic("POST", url, body, content_type=content_type, **headers)
        assert response.status_code < 500, (i, url, body, content_type, response.content)
        query = {
            rng.choice(["status", "category", "estate", "urgent", "limit", "offset"]): str(
                random_value(rng)
            )
        }
        response = api.get("/api/v1/signals/", query)
        assert response.status_code < 500, (query, response.content)


# Every number the REST API reads, with every kind of text that is not a plain ASCII number:
# a 400 that names the field, never a 500 and never a silent reading of "٣" as 3.
NOT_NUMBERS = ["²", "١", "٣", "１", "1.5", "1e3", "-1", "0x1", str(2**63), True]
NUMBERS_IN_BODIES = {
    "/api/v1/signals/": ["dwelling", "building", "common_space"],
    "status": ["merged_into"],
    "assign": ["person", "organisation", "team"],
}


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_every_number_in_a_body_is_read_strictly(api, personas, value):
    signal = make_signal(personas)
    api.force_authenticate(personas.coordinator)
    for where, fields in NUMBERS_IN_BODIES.items():
        url = where if where.startswith("/") else f"/api/v1/signals/{signal.pk}/{where}/"
        for field in fields:
            body = {field: value}
            if where.startswith("/"):
                body.update(text="Lek", estate=personas.estate.slug)
            if where == "status":
                body["status"] = "merged"
            response = api.post(url, body, format="json")
            assert response.status_code == 400, (url, field, value, response.content)
            assert field in response.json(), (url, field, value, response.json())
