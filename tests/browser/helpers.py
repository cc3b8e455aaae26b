"""Helpers for browser journeys: logging in as a demo account, checking accessibility."""

from __future__ import annotations

import time

DEMO_PASSWORD = "wijkpunt-demo"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    violations = results.response["violations"]
    assert not violations, f"{context or page.url}: {results.generate_report()}"


def totp_code() -> str:
    """The current code of the shared demo TOTP secret (RFC 6238, 30 s, 6 digits)."""
    import base64
    import hashlib
    import hmac
    import struct

    from wijkpunt.demo.data import DEMO_TOTP_SECRET

    key = base64.b32decode(DEMO_TOTP_SECRET)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# Sessions of staff who already passed the second factor, per server and account: a TOTP
# code is accepted once, so logging in again within 30 seconds would have to wait.
_SESSIONS: dict[tuple[str, str], list] = {}


def log_in(page, base: str, email: str, *, staff: bool = False) -> None:
    """Log in with the demo password (and, for staff, the demo second-factor code)."""
    if staff and (base, email) in _SESSIONS:
        page.context.add_cookies(_SESSIONS[(base, email)])
        page.goto(f"{base}/werk/")
        if "/accounts/" not in page.url:
            return
    page.goto(f"{base}/accounts/login/")
    form = page.locator("form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").first.click()
    if staff:
        page.wait_for_url("**/2fa/authenticate/**")
        for _attempt in range(2):
            code_form = page.locator("form").filter(has=page.locator("input[name=code]"))
            code_form.locator("input[name=code]").fill(totp_code())
            code_form.locator("button[type=submit]").first.click()
            page.wait_for_load_state()
            if "/2fa/authenticate/" not in page.url:
                break
            # A code is accepted once (replay protection): wait for the next one.
            page.wait_for_timeout((30 - time.time() % 30 + 1) * 1000)
        _SESSIONS[(base, email)] = page.context.cookies()
    page.wait_for_load_state()
