"""A stable reference (UUID) for employers and vacancies, the key of export and re-import."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    for name in ("Employer", "Vacancy"):
        model = apps.get_model("employers", name)
        batch = []
        for obj in model.objects.filter(public_id__isnull=True).only("pk").iterator():
            obj.public_id = uuid.uuid4()
            batch.append(obj)
            if len(batch) >= 1000:
                model.objects.bulk_update(batch, ["public_id"])
                batch = []
        model.objects.bulk_update(batch, ["public_id"])


class Migration(migrations.Migration):
    dependencies = [("employers", "0004_placement_enrolment")]

    operations = [
        migrations.AddField(
            model_name="employer",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="employer",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="vacancy",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
