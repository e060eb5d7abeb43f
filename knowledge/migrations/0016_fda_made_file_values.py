"""Therapies and links the FDA orphan step made before it kept what it wrote (STEPS_VERSION 22)
hold no ``file_values``: an editor's later value on one was not told apart from the list's.
Fill them from what the step wrote, read from each row's history: the record that made the row
(the step's own values) and, for a therapy's names, the trade names later loads added (records
no signed-in user wrote). Never an editor's value: an admin edit has a user.

A therapy made under 22 kept its kind and description: its names are added. Only rows that
lack them are filled, one at a time outside one transaction: a run stopped half
way is finished by the next, a second run changes nothing, and a fresh install (no such rows)
is unchanged."""

from django.db import migrations
from django.db.models import Q

FDA_SOURCE = "FDA Orphan Drug Designations and Approvals"
THERAPY_FIELDS = ("modality", "mechanism")
# What the step writes of a link's facts an editor may set (not its status: events decide it).
LINK_FIELDS = ("mechanism", "population", "variant_scope", "note", "phase", "evidence_level")


def _made_by_fda(history, ids):
    """By row id, its history records oldest first, for rows the FDA step made."""
    found = {}
    records = history.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
    for record in records:
        found.setdefault(record.id, []).append(record)
    return {pk: rows for pk, rows in found.items()
            if rows[0].history_type == "+" and rows[0].source == FDA_SOURCE}  # fmt: skip


def _names_the_list_gave(records):
    """The made record's names, then each name a load added after (a record with no user)."""
    given = list(records[0].synonyms)
    before = set(given)
    for record in records[1:]:
        if record.history_user_id is None:
            given += [n for n in record.synonyms if n not in before and n not in given]
        before = set(record.synonyms)
    return given


def fill_fda_made(apps, schema_editor):
    for name, fields in (("Therapy", THERAPY_FIELDS), ("TherapyLink", LINK_FIELDS)):
        model = apps.get_model("knowledge", name)
        history = apps.get_model("knowledge", f"Historical{name}")
        # A therapy made under STEPS_VERSION 22 kept its kind and description, not its names.
        lacking = Q(file_values={}) | (~Q(file_values__has_key="synonyms") if name == "Therapy"
                                       else Q(pk__in=[]))  # fmt: skip
        kept = dict(model.objects.filter(lacking).values_list("pk", "file_values"))
        for pk, records in _made_by_fda(history, list(kept)).items():
            said = kept[pk] or {field: getattr(records[0], field) for field in fields}
            if name == "Therapy":
                said = {**said, "synonyms": _names_the_list_gave(records)}
            model.objects.filter(pk=pk, file_values=kept[pk]).update(file_values=said)


class Migration(migrations.Migration):
    atomic = False  # each row is written on its own: resumable

    dependencies = [
        ("knowledge", "0015_regulatoryevent_file_values"),
    ]

    operations = [
        migrations.RunPython(fill_fda_made, migrations.RunPython.noop),
    ]
