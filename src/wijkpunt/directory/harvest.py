"""Reading the services of an HSDS 3.0 API over HTTP: ``GET {base}/services?page=N`` page by
page, and ``GET {base}/services/{id}`` for a service that a page lists without its details.

A plain HTTP client (the standard library's) with a timeout and a size limit; only http and
https addresses. Every failure is a ``hsds.DirectoryInvalid`` naming the address."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from wijkpunt.directory.hsds import DirectoryInvalid, Problem

TIMEOUT = 15  # seconds per request
PER_PAGE = 100
MAX_PAGES = 1000


class FetchError(Exception):
    pass


def get_json(url: str) -> Any:
    """The JSON value at ``url`` (http or https only), or FetchError saying why not."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(_("only http:// and https:// addresses can be read"))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"Accept": "application/json", "User-Agent": "Wijkpunt sociale kaart"}
    )
    limit = settings.IMPORT_MAX_BYTES
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(_("the server answered %(status)s") % {"status": exc.code}) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(_("no answer (%(reason)s)") % {"reason": reason}) from None
    if len(body) > limit:
        raise FetchError(_("the answer is larger than %(max)s bytes") % {"max": limit})
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise FetchError(_("the answer is not JSON")) from None


def _fetch(fetch: Callable[[str], Any], url: str) -> Any:
    try:
        return fetch(url)
    except FetchError as exc:
        raise DirectoryInvalid([Problem(url, str(exc))]) from None


def read_api(base_url: str, *, fetch: Callable[[str], Any] = get_json) -> list:
    """Every service of the HSDS API at ``base_url``, in the full service shape."""
    base = base_url.strip().rstrip("/")
    if base.endswith("/services"):
        base = base[: -len("/services")]
    services: list = []
    for page in range(1, MAX_PAGES + 1):
        query = urllib.parse.urlencode({"page": page, "per_page": PER_PAGE, "full": "true"})
        url = f"{base}/services?{query}"
        body = _fetch(fetch, url)
        contents = body.get("contents") if isinstance(body, dict) else None
        if not isinstance(contents, list):
            raise DirectoryInvalid(
                [Problem(url, _("not a page of HSDS services (no list “contents”)"))]
            )
        for item in contents:
            if isinstance(item, dict) and "service_at_locations" not in item and item.get("id"):
                detail = f"{base}/services/{urllib.parse.quote(str(item['id']), safe='')}"
                item = _fetch(fetch, detail)
            services.append(item)
        total_pages = body.get("total_pages")
        if (
            not contents
            or body.get("last_page") is True
            or (isinstance(total_pages, int) and page >= total_pages)
        ):
            return services
    raise DirectoryInvalid(
        [Problem(base_url, _("more than %(max)s pages of services") % {"max": MAX_PAGES})]
    )
