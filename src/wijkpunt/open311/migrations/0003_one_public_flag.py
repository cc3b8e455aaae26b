from django.db import migrations


def carry_over(apps, schema_editor):
    """One flag decides whether a category is public: ``Category.public``. A category an
    administrator had marked public for Open311 stays published there."""
    Service = apps.get_model("open311", "Service")
    Category = apps.get_model("signalling", "Category")
    marked = Service.objects.filter(public=True).values_list("category_id", flat=True)
    Category.objects.filter(pk__in=list(marked)).update(public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0002_service_public_categories"),
        ("signalling", "0004_truthful_intake"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="Service"),
    ]
