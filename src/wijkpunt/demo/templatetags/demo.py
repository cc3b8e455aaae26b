"""Template tags for the demo-mode pages: the list of demo accounts on the login page and the
current code of the shared demo authenticator on the second-factor page."""

from __future__ import annotations

from django import template
from django.conf import settings

from wijkpunt.demo import data
from wijkpunt.demo.accounts import DemoAccount, current_totp_code, demo_accounts_list

register = template.Library()


@register.simple_tag
def demo_accounts() -> list[DemoAccount]:
    """``{% demo_accounts as accounts %}`` — the demo accounts (empty outside demo mode)."""
    return demo_accounts_list()


@register.simple_tag
def demo_totp_code() -> str:
    """``{% demo_totp_code %}`` — the code of the shared demo authenticator right now, as
    "123 456" (empty outside demo mode)."""
    return current_totp_code()


@register.simple_tag
def demo_password() -> str:
    """``{% demo_password as password %}`` — the shared demo password (empty outside demo
    mode)."""
    return data.DEMO_PASSWORD if settings.DEMO_MODE else ""
