"""On PostgreSQL, the database itself refuses to delete or rewrite access-log entries.

Allowed: the two references that a deletion elsewhere sets to NULL (user, participant) and
blanking the participant number (erasure); everything else raises. SQLite relies on the model
guards and the hash chain (``werkpad verify-audit``).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION werkpad_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'access-log entries cannot be deleted';
    END IF;
    IF NEW.id <> OLD.id OR NEW.at <> OLD.at OR NEW.action <> OLD.action OR NEW.what <> OLD.what
       OR (NEW.user_id IS DISTINCT FROM OLD.user_id AND NEW.user_id IS NOT NULL)
       OR (NEW.participant_id IS DISTINCT FROM OLD.participant_id AND NEW.participant_id IS NOT NULL)
       OR (NEW.participant_number <> OLD.participant_number AND NEW.participant_number <> '') THEN
        RAISE EXCEPTION 'access-log entries cannot be changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS werkpad_access_log_append_only ON audit_accesslogentry;
CREATE TRIGGER werkpad_access_log_append_only BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION werkpad_access_log_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS werkpad_access_log_append_only ON audit_accesslogentry;
DROP FUNCTION IF EXISTS werkpad_access_log_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_access_log_chain_and_seals")]

    operations = [migrations.RunPython(forwards, backwards)]
