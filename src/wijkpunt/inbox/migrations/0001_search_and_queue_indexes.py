"""Indexes of the staff inbox on the signals table (PostgreSQL only).

- ``signal_text_dutch_fts``: GIN index on the Dutch full-text vector of the signal text. The
  expression is exactly the one Django writes for ``SearchVector("text", config="dutch")``, so
  the planner uses it for the inbox search.
- ``signal_open_deadline``: open signals in the inbox's default order (urgent first, then the
  resolution deadline, no deadline last). The first page of a queue is read in index order and
  stops after 51 rows instead of sorting every open signal.
- ``signal_open_cat_deadline``: the same, per category: the most common filter.

Both order indexes are partial (open statuses only): closed signals, the bulk of a year, do
not weigh on them. SQLite has no GIN and no NULLS LAST in indexes; there the existing indexes of
the signalling app serve (an embedded installation has far fewer signals)."""

from django.db import migrations

OPEN = "('new', 'triaged', 'assigned', 'in_progress', 'waiting_resident', 'waiting_partner', 'reopened')"

CREATE = [
    "CREATE INDEX IF NOT EXISTS signal_text_dutch_fts ON signalling_signal "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(text, '')))",
    "CREATE INDEX IF NOT EXISTS signal_open_deadline ON signalling_signal "
    f"(urgent DESC, resolution_due ASC NULLS LAST, id ASC) WHERE status IN {OPEN}",
    "CREATE INDEX IF NOT EXISTS signal_open_cat_deadline ON signalling_signal "
    f"(category_id, urgent DESC, resolution_due ASC NULLS LAST, id ASC) WHERE status IN {OPEN}",
]
DROP = [
    "DROP INDEX IF EXISTS signal_open_cat_deadline",
    "DROP INDEX IF EXISTS signal_open_deadline",
    "DROP INDEX IF EXISTS signal_text_dutch_fts",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("signalling", "0002_default_configuration")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
