"""Who may use the sociale kaart.

The directory is public information about services, with no household data: every member of
staff of every partner organisation (an active staff role) may search it in the workspace;
tenants and people without a role may not open the staff pages. The HSDS API at ``/hsds/`` is
open to anyone (read-only, throttled)."""

from __future__ import annotations

from wijkpunt.partners import access as partners


def may_use_directory(user) -> bool:
    return partners.has_staff_role(user)
