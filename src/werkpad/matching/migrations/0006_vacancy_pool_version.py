"""The vacancy pool's version row and the triggers that change it (see matching.pool).

Every insert, update or delete on the tables a pooled core vacancy is made of sets the row's
``version`` to a new random value, in the same transaction as the change: every process compares
it on each request, so a change made through any process, the admin, an import (raw SQL) or by
hand is seen by all. PostgreSQL: one statement-level trigger per table; SQLite: row-level
triggers (SQLite has no others).
"""

from django.db import migrations, models

TABLES = (
    "employers_vacancy",
    "employers_employer",
    "employers_employerlocation",
    "accounts_organisation",
    "places_municipality",
)
EVENTS = ("INSERT", "UPDATE", "DELETE")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION matching_bump_vacancy_pool() RETURNS trigger AS $$
BEGIN
    INSERT INTO matching_vacancypoolversion (id, version)
    VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
SQLITE_BUMP = (
    "INSERT INTO matching_vacancypoolversion (id, version) "
    "VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET version = excluded.version;"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_pool AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION matching_bump_vacancy_pool()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_pool_{event.lower()} AFTER {event} ON {table} "
                    f"FOR EACH ROW BEGIN {SQLITE_BUMP} END"
                )
    # Other databases: no triggers; matching.pool then compares no version and never pools.
    schema_editor.execute(
        "INSERT INTO matching_vacancypoolversion (id, version) VALUES (1, 'initial')"
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pool ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS matching_bump_vacancy_pool()")
    elif vendor == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pool_{event.lower()}")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_match2_merge_main"),
        ("employers", "0001_initial"),
        ("accounts", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="VacancyPoolVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("version", models.CharField(max_length=40)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
