"""On PostgreSQL the database itself refuses two live shifts of one person that overlap.

The services lock the person's row and check first; this constraint holds whatever writes.
It needs no extension: the person is matched as a one-point `int8range` (GiST indexes ranges
out of the box, where a plain `=` on a bigint would need btree_gist). SQLite has no exclusion
constraints; there the service's check under its lock is the rule.
"""

from django.db import migrations

CONSTRAINT = "duty_shift_no_overlap"

CREATE = f"""
ALTER TABLE duty_shift ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist (
    int8range(staff_id, staff_id, '[]') WITH &&,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (cancelled_at IS NULL)
"""
DROP = f"ALTER TABLE duty_shift DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("duty", "0001_staff_posts_shifts")]

    operations = [migrations.RunPython(create, drop)]
