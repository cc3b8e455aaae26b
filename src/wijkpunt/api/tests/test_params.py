"""One strict parser for numbers in text, and a bounded page for every list: no 5xx from any
limit or offset, at most MAX_PAGE_SIZE items, a 400 with the reason otherwise."""

import pytest
from rest_framework import serializers

from wijkpunt.api.params import (
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    NotANumber,
    StrictIntegerField,
    is_id,
    parse_int,
)
from wijkpunt.signalling.models import Signal

from .conftest import make_signal

URL = "/api/v1/signals/"
NOT_NUMBERS = [
    "",
    " ",
    "²",
    "¹²",
    "١٢",  # Arabic-Indic
    "۱۲",  # Extended Arabic-Indic
    "１２",  # full width
    "๑",  # Thai
    "1²",
    "-1",
    "+1",
    "1_000",
    "0x10",
    "1e3",
    "1.0",
    "1 2",
    "12\n",
    " 42 ",
    "abc",
    "9" * 20,
    str(2**63),
    str(2**64),
    True,
    None,
    1.5,
    [1],
]


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_parse_int_takes_only_ascii_digits(raw):
    with pytest.raises(NotANumber):
        parse_int(raw)
    assert not is_id(raw)


@pytest.mark.parametrize(
    "raw,value",
    [
        ("0", 0),
        ("7", 7),
        ("42", 42),
        ("007", 7),
        ("9" * 18, int("9" * 18)),
        (str(2**63 - 1), 2**63 - 1),
        (5, 5),
    ],
)
def test_parse_int_reads_ascii_numbers(raw, value):
    assert parse_int(raw) == value


def test_parse_int_bounds():
    assert parse_int("5", maximum=5) == 5
    with pytest.raises(NotANumber):
        parse_int("6", maximum=5)
    with pytest.raises(NotANumber):
        parse_int("0", minimum=1)
    assert not is_id("0") and is_id("1")


@pytest.mark.parametrize("raw", ["²", "١", "1.5", True, "1e3", 2**63, -(2**63) - 1, float("nan")])
def test_strict_integer_field_refuses_what_is_not_a_whole_number(raw):
    with pytest.raises(serializers.ValidationError):
        StrictIntegerField().run_validation(raw)


def test_strict_integer_field_reads_json_numbers_and_ascii_text():
    assert StrictIntegerField().run_validation(3) == 3
    assert StrictIntegerField().run_validation("3") == 3
    assert StrictIntegerField().run_validation(3.0) == 3


# --- Pages -------------------------------------------------------------------------------------
@pytest.fixture
def many(personas):
    Signal.objects.bulk_create(
        [
            Signal(
                text=f"Lek {i}",
                channel="portal",
                reporter=personas.tenant,
                household=personas.household,
                estate=personas.estate,
                dwelling=personas.dwelling,
                building=personas.building,
            )
            for i in range(MAX_PAGE_SIZE + 5)
        ]
    )


@pytest.mark.parametrize("persona", ["tenant", "coordinator"])
def test_a_page_has_at_most_the_maximum(api, personas, many, persona):
    api.force_authenticate(getattr(personas, persona))
    response = api.get(URL, {"limit": "5000"})
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == MAX_PAGE_SIZE
    assert body["count"] > MAX_PAGE_SIZE and body["next"]
    largest = api.get(URL, {"limit": str(2**63 - 1)})
    assert largest.status_code == 200 and len(largest.json()["results"]) == MAX_PAGE_SIZE
    assert len(api.get(URL).json()["results"]) == 50
    assert len(api.get(URL, {"limit": "3", "offset": "2"}).json()["results"]) == 3


@pytest.mark.parametrize(
    "params,field",
    [
        ({"limit": str(2**63)}, "limit"),
        ({"limit": str(2**64 + 1)}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "²"}, "limit"),
        ({"limit": "١٠"}, "limit"),
        ({"offset": str(2**63)}, "offset"),
        ({"offset": str(MAX_OFFSET + 1)}, "offset"),
        ({"offset": "-5"}, "offset"),
        ({"offset": "drie"}, "offset"),
        ({"offset": "٣"}, "offset"),
    ],
)
@pytest.mark.parametrize("persona", ["tenant", "technician"])
def test_bad_limit_or_offset_is_400_with_the_reason(api, personas, params, field, persona):
    make_signal(personas)
    api.force_authenticate(getattr(personas, persona))
    response = api.get(URL, params, HTTP_ACCEPT_LANGUAGE="nl-be")
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert response.json()[field][0].startswith("Geef een geheel getal van ")


def test_an_offset_past_the_end_is_an_empty_page(api, personas):
    make_signal(personas)
    api.force_authenticate(personas.tenant)
    response = api.get(URL, {"offset": str(MAX_OFFSET)})
    assert response.status_code == 200
    assert response.json()["results"] == [] and response.json()["count"] == 1


def test_ids_in_the_path_that_overflow_are_404(api, personas):
    api.force_authenticate(personas.coordinator)
    for pk in (2**63, 2**64, int("9" * 30)):
        assert api.get(f"{URL}{pk}/").status_code == 404
        response = api.post(f"{URL}{pk}/status/", {"status": "in_progress"}, format="json")
        assert response.status_code == 404
