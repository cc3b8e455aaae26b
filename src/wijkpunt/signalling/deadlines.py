"""Deadlines in working time: Monday to Friday within office hours, without Belgian public
holidays. While a signal waits for the resident the clock stops; when it runs again the
deadlines move by the working time that passed."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from wijkpunt.signalling.models import DeadlinePolicy, Signal


def _hours() -> tuple[dt.time, dt.time]:
    return _parse_hours(*settings.WORKING_HOURS)


@lru_cache(maxsize=8)
def _parse_hours(start: str, end: str) -> tuple[dt.time, dt.time]:
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("BE", years=year).keys())


def office_hours() -> tuple[dt.time, dt.time]:
    """When a working day starts and ends (``WORKING_HOURS``)."""
    return _hours()


def working_day_length() -> dt.timedelta:
    """The working time in one working day (office hours)."""
    start, end = _hours()
    return dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _next_working_start(moment: dt.datetime) -> dt.datetime:
    """The moment itself if it lies in working time, else the start of the next working
    period."""
    start, end = _hours()
    local = _local(moment)
    day = local.date()
    if is_working_day(day) and local.time() < end:
        return max(local, _at(day, start))
    return _at(_next_working_day(day), start)


def add_working_time(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """Moment + delta counted in working time only."""
    start, end = _hours()
    current = _next_working_start(moment)
    day = current.date()
    remaining = delta - (_at(day, end) - current)
    if remaining <= dt.timedelta(0):
        return current + delta
    # Whole working days at a time: every working day holds the same office hours.
    day_length = working_day_length()
    while True:
        day = _next_working_day(day)
        if remaining <= day_length:
            return _at(day, start) + remaining
        remaining -= day_length


def _next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    """The same time of day, ``days`` working days later (end of day if outside hours)."""
    start, end = _hours()
    current = _next_working_start(moment)
    day = current.date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    time = min(max(current.time(), start), end)
    return _at(day, time)


def working_time_between(begin: dt.datetime, finish: dt.datetime) -> dt.timedelta:
    """How much working time lies between two moments."""
    if finish <= begin:
        return dt.timedelta(0)
    start, end = _hours()
    total = dt.timedelta(0)
    current = _next_working_start(begin)
    while current < finish:
        end_of_day = _at(current.date(), end)
        total += min(end_of_day, finish) - current
        current = _next_working_start(end_of_day + dt.timedelta(seconds=1))
    return total


def policy_for(signal: Signal) -> DeadlinePolicy | None:
    """The category's own policy for this urgency, else the policy for every category."""
    from wijkpunt.signalling import config

    policies = config.get().policies
    if signal.category_id is not None and (signal.category_id, signal.urgent) in policies:
        return policies[(signal.category_id, signal.urgent)]
    return policies.get((None, signal.urgent))


def apply_deadlines(signal: Signal, *, start: dt.datetime | None = None) -> None:
    """Set the first-response and resolution deadlines from the policy (not saved)."""
    policy = policy_for(signal)
    if policy is None:
        signal.first_response_due = signal.resolution_due = None
        return
    start = start or signal.created_at or timezone.now()
    if signal.urgent:
        # Urgent signals count in clock hours: life and safety do not wait for Monday.
        signal.first_response_due = start + dt.timedelta(hours=policy.first_response_hours)
        signal.resolution_due = start + dt.timedelta(days=policy.resolution_days)
    else:
        signal.first_response_due = add_working_time(
            start, dt.timedelta(hours=policy.first_response_hours)
        )
        signal.resolution_due = add_working_days(start, policy.resolution_days)


def pause(signal: Signal, *, at: dt.datetime | None = None) -> None:
    if signal.paused_at is None:
        signal.paused_at = at or timezone.now()


def resume(signal: Signal, *, at: dt.datetime | None = None) -> None:
    """Move the deadlines by the working time spent waiting for the resident."""
    if signal.paused_at is None:
        return
    at = at or timezone.now()
    if signal.urgent:
        waited = at - signal.paused_at
        if signal.first_response_due and signal.first_response_at is None:
            signal.first_response_due += waited
        if signal.resolution_due:
            signal.resolution_due += waited
    else:
        waited = working_time_between(signal.paused_at, at)
        if signal.first_response_due and signal.first_response_at is None:
            signal.first_response_due = add_working_time(signal.first_response_due, waited)
        if signal.resolution_due:
            signal.resolution_due = add_working_time(signal.resolution_due, waited)
    signal.paused_at = None
