from django.db import migrations

from wijkpunt.signalling.defaults import CATEGORIES, DEADLINES


def load(apps, schema_editor):
    Category = apps.get_model("signalling", "Category")
    DeadlinePolicy = apps.get_model("signalling", "DeadlinePolicy")
    RoutingRule = apps.get_model("signalling", "RoutingRule")
    by_slug = {}
    for position, (slug, nl, fr, en, description, kinds, roles, route_kind) in enumerate(
        CATEGORIES, start=1
    ):
        category, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": nl,
                "name_fr": fr,
                "name_en": en,
                "description": description,
                "visible_to_kinds": kinds,
                "visible_to_roles": roles,
                "position": position,
            },
        )
        by_slug[slug] = category
        RoutingRule.objects.get_or_create(
            category=category,
            estate=None,
            building=None,
            urgent=None,
            defaults={
                "name": f"{nl} → {route_kind}",
                "position": 100 + position,
                "organisation_kind": route_kind,
            },
        )
    for slug, urgent, hours, days in DEADLINES:
        DeadlinePolicy.objects.get_or_create(
            category=by_slug.get(slug) if slug else None,
            urgent=urgent,
            defaults={"first_response_hours": hours, "resolution_days": days},
        )


class Migration(migrations.Migration):
    dependencies = [("signalling", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
