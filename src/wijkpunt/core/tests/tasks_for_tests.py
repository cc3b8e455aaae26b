"""Tasks that only the tests enqueue: they misbehave on their first attempt, as a task does
when its database or its worker goes away in the middle."""

from __future__ import annotations

import time

from django.db import OperationalError
from django_tasks import TaskContext, task


@task(takes_context=True)
def lose_the_database_once(context: TaskContext) -> int:
    """The first attempt meets a database that is gone; the next one works."""
    if context.attempt == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return context.attempt


@task(takes_context=True)
def slow_first_attempt(context: TaskContext, seconds: float) -> int:
    """The first attempt takes ``seconds`` (long enough to kill its worker); the next is quick."""
    if context.attempt == 1:
        time.sleep(seconds)
    return context.attempt


@task()
def fails() -> None:
    raise ValueError("a bug, not an outage")
