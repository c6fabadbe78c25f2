"""Copy each passage's link to its pass verification into the verification (see 0002).

A migration of its own: on PostgreSQL, rows updated with deferred foreign-key checks pending
cannot be followed by an ALTER TABLE in the same transaction (undoing 0002 is one).
"""

from django.db import migrations


def copy_links(apps, schema_editor):
    # Plain SQL: until checkpoints 0006 runs, the passage's old field and the new reverse
    # accessor share a name in the migration state, so the ORM is not used here.
    verification = apps.get_model("passes", "PassVerification")._meta.db_table
    passage = apps.get_model("checkpoints", "Passage")._meta.db_table
    q = schema_editor.quote_name
    schema_editor.execute(
        f"UPDATE {q(verification)} SET passage_id = ("
        f" SELECT MIN(p.id) FROM {q(passage)} p WHERE p.pass_verification_id = {q(verification)}.id"
        f") WHERE id IN (SELECT pass_verification_id FROM {q(passage)}"
        f" WHERE pass_verification_id IS NOT NULL)"
    )


def copy_links_back(apps, schema_editor):
    verification = apps.get_model("passes", "PassVerification")._meta.db_table
    passage = apps.get_model("checkpoints", "Passage")._meta.db_table
    q = schema_editor.quote_name
    schema_editor.execute(
        f"UPDATE {q(passage)} SET pass_verification_id = ("
        f" SELECT v.id FROM {q(verification)} v WHERE v.passage_id = {q(passage)}.id"
        f") WHERE id IN (SELECT passage_id FROM {q(verification)} WHERE passage_id IS NOT NULL)"
    )


class Migration(migrations.Migration):
    dependencies = [("passes", "0002_passverification_passage")]

    operations = [migrations.RunPython(copy_links, copy_links_back, elidable=False)]
