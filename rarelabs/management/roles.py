"""The editors' roles: which permissions the "Editor" and "Administrator" groups hold."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps

EDITOR = "Editor"
ADMINISTRATOR = "Administrator"

# model label -> actions. Editors curate content and links; users, groups and settings stay
# with administrators. Viewing reference data is what makes autocomplete work for editors.
EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "content.article": ("add", "change", "delete", "view"),
    "knowledge.condition": ("change", "delete", "view"),  # delete: merging two conditions
    "knowledge.conditionsynonym": ("add", "change", "delete", "view"),
    "knowledge.conditionidentifier": ("add", "change", "delete", "view"),
    "knowledge.conditiongene": ("view",),
    "knowledge.conditionphenotype": ("view",),
    "knowledge.therapy": ("add", "change", "delete", "view"),
    "knowledge.therapylink": ("add", "change", "delete", "view"),
    "knowledge.regulatoryevent": ("add", "change", "delete", "view"),  # label changes, withdrawals
    "knowledge.orphanapproval": ("change", "view"),  # choosing the condition of an approval
    "knowledge.gene": ("view",),
    "knowledge.phenotype": ("view",),
    "knowledge.variant": ("view",),
    "knowledge.slugredirect": ("view",),
    "knowledge.summaryreview": ("change", "view"),  # approve or rewrite family summaries
    "trials.clinicaltrial": ("view",),
    "trials.triallink": ("change", "view"),
    "literature.publication": ("view",),
    "literature.publicationlink": ("change", "view"),
    "ingest.refreshrun": ("view",),
}
HISTORY_MODELS = (
    "content.article",
    "knowledge.condition",
    "knowledge.therapy",
    "knowledge.therapylink",
    "knowledge.regulatoryevent",
    "knowledge.summaryreview",
)


def _ensure_permissions(apps: Any) -> None:
    """Create content types and permissions now, not at the end of `migrate` (post_migrate)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs have no models module, and create_permissions skips those.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


def roles_sync(apps: Any = global_apps) -> None:
    """Create or update both groups with exactly their permissions (idempotent)."""
    _ensure_permissions(apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted = dict(EDITOR_PERMISSIONS)
    for label in HISTORY_MODELS:
        app_label, model = label.split(".")
        wanted[f"{app_label}.historical{model}"] = ("view",)
    editor_perms = []
    for label, actions in wanted.items():
        app_label, model = label.split(".")
        codenames = [f"{action}_{model}" for action in actions]
        editor_perms += list(
            permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    editor, _ = group_model.objects.get_or_create(name=EDITOR)
    editor.permissions.set(editor_perms)
    administrator, _ = group_model.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(permission_model.objects.all())
