from django.db import migrations

from wijkpunt.directory.defaults import TAXONOMY, TERMS


def load(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _ = Taxonomy.objects.get_or_create(
        id=TAXONOMY["id"],
        defaults={
            "name": TAXONOMY["name"],
            "description": TAXONOMY["description"],
            "version": TAXONOMY["version"],
        },
    )
    by_code = {}
    for position, (term_id, code, parent, nl, fr, en, description) in enumerate(TERMS, 1):
        term, _ = TaxonomyTerm.objects.get_or_create(
            id=term_id,
            defaults={
                "taxonomy": taxonomy,
                "parent": by_code.get(parent),
                "code": code,
                "name": nl,
                "name_fr": fr,
                "name_en": en,
                "description": description,
                "language": "nl",
                "position": position,
            },
        )
        by_code[code] = term


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
