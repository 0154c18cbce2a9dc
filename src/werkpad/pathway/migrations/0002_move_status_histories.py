"""Move every participant's status history into enrolments, without loss.

Each organisation with participants gets a default programme ("standard guidance"). A
participant's status changes become the history of an enrolment in that programme; a change that
follows an uitval or einde (which ended the path) starts a new enrolment, so every change is kept
and every enrolment's history obeys the pipeline. When the participant's stored status differs
from the last change, that status is appended as a change (dated at the last change) so that
nothing shown before the move is lost. Placements are linked to the enrolment in which they
started. Participants without any history get an enrolment from the day their file was created,
in the status of their file.
"""

from collections import defaultdict

from django.db import migrations

FINAL = {"dropout", "ended"}
NOTE = "Status on file when the histories moved into enrolments"


def forwards(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Participant = apps.get_model("participants", "Participant")
    StatusChange = apps.get_model("participants", "StatusChange")
    Programme = apps.get_model("pathway", "Programme")
    Enrolment = apps.get_model("pathway", "Enrolment")
    Placement = apps.get_model("employers", "Placement")
    db = schema_editor.connection.alias

    org_ids = set(Participant.objects.using(db).values_list("organisation_id", flat=True))
    programmes = {}
    for org in Organisation.objects.using(db).filter(pk__in=org_ids).order_by("pk"):
        earliest = (
            StatusChange.objects.using(db)
            .filter(participant__organisation_id=org.pk)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
        created = (
            Participant.objects.using(db)
            .filter(organisation_id=org.pk)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        start = min(d for d in (earliest, created.date() if created else None) if d is not None)
        programme = Programme.objects.using(db).create(
            name=f"{org.name} — standaard begeleiding",
            kind="standard",
            default_for_id=org.pk,
            start_date=start,
        )
        programme.organisations.add(org)
        programmes[org.pk] = programme

    changes_by_participant = defaultdict(list)
    for change in StatusChange.objects.using(db).order_by(
        "participant_id", "date", "recorded_at", "id"
    ):
        changes_by_participant[change.participant_id].append(change)
    placements_by_participant = defaultdict(list)
    for placement in Placement.objects.using(db).order_by("participant_id", "start_date", "id"):
        placements_by_participant[placement.participant_id].append(placement)

    for participant in Participant.objects.using(db).order_by("pk").iterator():
        programme = programmes[participant.organisation_id]
        changes = changes_by_participant.get(participant.pk, [])
        if not changes or changes[-1].status != participant.status:
            on = changes[-1].date if changes else participant.created_at.date()
            changes.append(
                StatusChange.objects.using(db).create(
                    participant_id=participant.pk,
                    status=participant.status,
                    date=on,
                    reason=NOTE if changes else "",
                )
            )
        # Split at final statuses: what follows an uitval/einde is a new enrolment.
        groups = [[]]
        for change in changes:
            if groups[-1] and groups[-1][-1].status in FINAL:
                groups.append([])
            groups[-1].append(change)
        enrolments = []
        for group in groups:
            last = group[-1]
            enrolment = Enrolment.objects.using(db).create(
                participant_id=participant.pk,
                programme_id=programme.pk,
                intake_date=group[0].date,
                status=last.status,
                outflow_date=last.date if last.status in FINAL else None,
                outflow_destination="onbekend" if last.status in FINAL else "",
            )
            enrolments.append(enrolment)
            for change in group:
                change.enrolment_id = enrolment.pk
            StatusChange.objects.using(db).bulk_update(group, ["enrolment"])
        for placement in placements_by_participant.get(participant.pk, []):
            started = [e for e in enrolments if e.intake_date <= placement.start_date]
            placement.enrolment_id = (started[-1] if started else enrolments[0]).pk
            placement.save(update_fields=["enrolment"])


def backwards(apps, schema_editor):
    db = schema_editor.connection.alias
    StatusChange = apps.get_model("participants", "StatusChange")
    Enrolment = apps.get_model("pathway", "Enrolment")
    Programme = apps.get_model("pathway", "Programme")
    Placement = apps.get_model("employers", "Placement")
    StatusChange.objects.using(db).filter(reason=NOTE).delete()
    StatusChange.objects.using(db).update(enrolment=None)
    Placement.objects.using(db).update(enrolment=None)
    Enrolment.objects.using(db).all().delete()
    Programme.objects.using(db).filter(default_for__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0001_programmes_enrolments_records"),
        ("participants", "0005_status_change_enrolment"),
        ("employers", "0004_placement_enrolment"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
