"""The folded name the caseload search matches ("Hernandez" finds "Hernández"), filled for the
participants that already exist."""

from django.db import migrations, models

from werkpad.core.text import fold


def fill_search_names(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    batch = []
    for p in Participant.objects.only("pk", "first_name", "last_name").iterator(chunk_size=2000):
        p.search_name = fold(f"{p.first_name} {p.last_name}")
        batch.append(p)
        if len(batch) >= 2000:
            Participant.objects.bulk_update(batch, ["search_name"])
            batch = []
    Participant.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_coded_countries_and_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="search_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=201),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
