"""The search benchmark seeds a directory the search reads, and its hand-written SQL selects
what the search selects (its figures are measured by `make bench` only)."""

import dataclasses
import random

from bench import directory_search
from wijkpunt.directory.models import Service
from wijkpunt.directory.queries import search_services


def test_the_benchmark_seed_and_its_raw_sql_agree_with_the_search(db):
    directory_search.seed(300, random.Random(7))
    assert Service.objects.count() == 300
    query = dataclasses.replace(directory_search.realistic_query(), within_km=20)
    found = [hit.id for hit in search_services(query).hits]
    assert found, "the realistic search finds services in the seed"
    assert [str(pk).replace("-", "") for pk in directory_search.raw_search(query, 20)] == [
        pk.hex for pk in found
    ]
