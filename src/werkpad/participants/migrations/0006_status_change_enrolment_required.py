import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every status change belongs to an enrolment (after pathway 0002 moved the histories)."""

    dependencies = [
        ("participants", "0005_status_change_enrolment"),
        ("pathway", "0002_move_status_histories"),
    ]

    operations = [
        migrations.AlterField(
            model_name="statuschange",
            name="enrolment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="status_changes",
                to="pathway.enrolment",
                verbose_name="enrolment",
            ),
        ),
    ]
