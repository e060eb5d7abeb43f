"""Form pieces for the editors' console: provenance defaults and checked reference lists."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils import timezone

from curation.services import references_check
from knowledge.editor_values import EDITOR_SOURCE
from knowledge.models import TherapyLink

_SEPARATORS = re.compile(r"[,;\s]+")


class ProvenanceDefaultsMixin:
    """New rows an editor adds are sourced to the editors and dated today."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == "source":
            field.initial = EDITOR_SOURCE
        elif field is not None and db_field.name == "retrieved_on":
            field.initial = timezone.localdate
        return field


class ReferenceListField(forms.CharField):
    """A list typed as text: items separated by commas, semicolons, spaces or new lines."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 40}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        text = super().to_python(value) or ""
        # "PMID: 123" keeps its number together when split.
        text = re.sub(r"(?i)\b(pmid|pubmed)\s*:\s*", r"\1:", text)
        return [item for item in _SEPARATORS.split(text) if item]

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial or []) != self.to_python(data)


class TherapyLinkForm(forms.ModelForm):
    """A therapy link whose PMIDs and NCT numbers are checked and normalised."""

    pmids = ReferenceListField(label="PMIDs", help_text="PubMed ids, e.g. 29091570.")
    nct_ids = ReferenceListField(label="NCT numbers", help_text="e.g. NCT02193074.")

    class Meta:
        model = TherapyLink
        fields = (
            "therapy",
            "condition",
            "condition_name",
            "genes",
            "variants",
            "status",
            "phase",
            "approval_year_fda",
            "approval_year_ema",
            "evidence_level",
            "variant_scope",
            "population",
            "not_confirmed",
            "variant_rule",
            "pmids",
            "nct_ids",
            "urls",
            "verification",
            "source",
            "source_id",
            "source_url",
            "retrieved_on",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "condition_name" in self.fields:
            self.fields["condition_name"].required = False
            self.fields[
                "condition_name"
            ].help_text = (
                "The condition as the source names it; left empty, the linked condition's name."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check = references_check(pmids=data.get("pmids") or [], nct_ids=data.get("nct_ids") or [])
        if check.invalid_pmids:
            self.add_error("pmids", f"Not a PubMed id: {', '.join(check.invalid_pmids)}")
        if check.invalid_nct_ids:
            self.add_error(
                "nct_ids", f"Not an NCT number (NCT + 8 digits): {', '.join(check.invalid_nct_ids)}"
            )
        data["pmids"], data["nct_ids"] = list(check.pmids), list(check.nct_ids)
        if not data.get("condition_name"):
            condition = data.get("condition")
            if condition is None:
                self.add_error("condition_name", "Name the condition, or link one.")
            else:
                data["condition_name"] = condition.name
        return data
