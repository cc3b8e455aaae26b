from django.db import migrations

LANGUAGES = [
    ("nl-be", "Dutch", "Nederlands", False, 1),
    ("fr", "French", "Français", False, 2),
    ("en", "English", "English", False, 3),
]


def add(apps, schema_editor):
    Language = apps.get_model("surveys", "Language")
    for code, name, native, rtl, position in LANGUAGES:
        Language.objects.get_or_create(
            code=code,
            defaults={"name": name, "native_name": native, "right_to_left": rtl, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
