import django.db.models.deletion
from django.db import migrations, models

# Harmless categories that outside apps may post to and whose reports anyone may read. Never
# safety, welfare, money, rent, the housing situation, paperwork or neighbour disputes.
PUBLIC = ["herstelling", "gemeenschappelijke-delen"]


def mark_public(apps, schema_editor):
    Category = apps.get_model("signalling", "Category")
    Service = apps.get_model("open311", "Service")
    for category in Category.objects.filter(slug__in=PUBLIC):
        Service.objects.get_or_create(category=category, defaults={"public": True})


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_initial"),
        ("signalling", "0002_default_configuration"),
    ]

    operations = [
        migrations.CreateModel(
            name="Service",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "public",
                    models.BooleanField(
                        default=False,
                        help_text="Outside apps may post reports in this category, and its reports (text, address, position, photo) are shown to anyone. Only for harmless categories such as repairs: never safety, welfare, money or neighbour disputes.",
                        verbose_name="public through Open311",
                    ),
                ),
                (
                    "category",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="open311_service",
                        to="signalling.category",
                        verbose_name="category",
                    ),
                ),
            ],
            options={
                "verbose_name": "Open311 service",
                "verbose_name_plural": "Open311 services",
                "ordering": ["category__position", "category__name"],
            },
        ),
        migrations.RunPython(mark_public, migrations.RunPython.noop),
    ]
