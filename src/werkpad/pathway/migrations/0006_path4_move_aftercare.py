"""Aftercare gets one owner: the employer desk's planned contact moments of placements move to
pathway's aftercare check-ins (employer track), and the newcomer track is planned beside them.
The employer desk keeps only employer contacts asked for by employers."""

from django.db import migrations


def forwards(apps, schema_editor):
    from werkpad.core.pathway import aftercare as core
    from werkpad.pathway.aftercare import rhythm_on

    Placement = apps.get_model("employers", "Placement")
    ContactMoment = apps.get_model("employers", "ContactMoment")
    Schedule = apps.get_model("pathway", "AftercareSchedule")
    CheckIn = apps.get_model("pathway", "AftercareCheckIn")
    placements = Placement.objects.filter(contact_moments__isnull=False).distinct()
    for placement in placements.select_related("participant", "enrolment__programme", "employer"):
        programme = placement.enrolment.programme if placement.enrolment_id else None
        weeks, months, source = rhythm_on(
            placement.start_date,
            weekly_weeks=programme.aftercare_weekly_weeks if programme else None,
            monthly_until_months=programme.aftercare_monthly_until_months if programme else None,
        )
        schedule = Schedule.objects.create(
            placement=placement,
            participant_id=placement.participant_id,
            start_date=placement.start_date,
            weekly_weeks=weeks,
            monthly_until_months=months,
            source=source[:300],
        )
        moments = list(ContactMoment.objects.filter(placement=placement))
        rows = [
            CheckIn(
                schedule=schedule,
                track="employer",
                phase=m.phase if m.phase in ("weekly", "monthly", "request") else "request",
                due_on=m.due_on,
                owner_id=m.account_manager_id,
                done_on=m.done_on,
                how="good" if m.done_on else "",
                note=(m.notes or "")[:500],
                recorded_by_id=m.account_manager_id if m.done_on else None,
            )
            for m in moments
        ]
        due = {(m.phase, m.due_on) for m in moments}
        rows += [
            CheckIn(
                schedule=schedule,
                track="newcomer",
                phase=phase.value,
                due_on=on,
                owner_id=placement.participant.regiehouder_id,
            )
            for phase, on in core.rhythm(
                placement.start_date, weekly_weeks=weeks, monthly_until_months=months
            )
            if (phase.value, on) in due or not placement.end_date or on <= placement.end_date
        ]
        CheckIn.objects.bulk_create(rows)
        ContactMoment.objects.filter(placement=placement).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0005_path4_care"),
        ("employers", "0006_path4_employer_contact"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
