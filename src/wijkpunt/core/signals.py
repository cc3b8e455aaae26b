"""Signals the apps above ``core`` listen to, so that ``core`` never imports them."""

from django.dispatch import Signal

# A logged-in person chose a language (arguments: ``user``, ``language``).
language_chosen = Signal()
