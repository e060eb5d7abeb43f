"""The treatment search form (GET, so every search has a permalink)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.safestring import SafeString

from knowledge.models import ApprovalStatus, EvidenceLevel, Modality
from treatments.form_html import treatment_form_html
from treatments.phenotypes import MAX_AGE_MONTHS, SEXES
from treatments.query import (
    MAX_AGE_YEARS,
    MAX_RESULTS,
    TreatmentFilters,
    TreatmentQuery,
    age_in_months,
)
from trials.models import TrialStatus

PHASES = (
    ("EARLY_PHASE1", "Early phase 1"),
    ("PHASE1", "Phase 1"),
    ("PHASE2", "Phase 2"),
    ("PHASE3", "Phase 3"),
    ("PHASE4", "Phase 4"),
)


_RENDERED: OrderedDict[tuple, str] = OrderedDict()
_RENDERED_MAX = 256
_rendered_lock = threading.Lock()


class _RenderOnce:
    """A choice widget whose HTML is rendered once per process for each value it shows.

    Its choices are constants of the code, so the same name, value and attributes always give
    the same HTML; rendering the option templates again cost ~2.5 ms of every treatment search
    page (issue 14). Only values among the choices are remembered (at most `_RENDERED_MAX`
    combinations), so what a visitor types can never grow the memo.
    """

    def _shown_key(self, value: object) -> tuple | None:
        """What of the value shapes the HTML, or None when this value is not remembered."""
        shown = tuple(self.format_value(value))
        known = {str(key) for key, _label in self.choices}
        return (shown, tuple(self.choices)) if set(shown) <= known else None

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ANN001, ANN201 - Django's signature
        shown = self._shown_key(value)
        # Another renderer than the site's could render other HTML: rendered as asked.
        if renderer not in (None, get_default_renderer()) or shown is None:
            return super().render(name, value, attrs, renderer)
        key = (type(self), name, shown, _frozen(attrs), _frozen(self.attrs))
        with _rendered_lock:
            html = _RENDERED.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            with _rendered_lock:
                _RENDERED[key] = html
                while len(_RENDERED) > _RENDERED_MAX:
                    _RENDERED.popitem(last=False)
        return html


class _RenderOnceEmpty(_RenderOnce):
    """A text or number box rendered once per process while it is empty (as on most pages:
    its HTML is then its name and attributes); a box holding what a visitor typed is rendered
    as asked and never remembered."""

    def _shown_key(self, value: object) -> tuple | None:
        return () if self.format_value(value) is None else None


def _frozen(attrs: dict | None) -> tuple:
    return tuple(sorted((attrs or {}).items()))


class _TextInput(_RenderOnceEmpty, forms.TextInput):
    pass


class _NumberInput(_RenderOnceEmpty, forms.NumberInput):
    pass


class _Select(_RenderOnce, forms.Select):
    pass


class _SelectMultiple(_RenderOnce, forms.SelectMultiple):
    pass


class TreatmentSearchForm(forms.Form):
    condition = forms.CharField(
        required=False, max_length=300,
        help_text="Condition name or id, e.g. 'Duchenne muscular dystrophy' or ORPHA:98896.",
    )  # fmt: skip
    gene = forms.CharField(
        required=False,
        max_length=100,
        help_text="Gene symbol, previous symbol or alias, e.g. SMN1.",
    )
    variant = forms.CharField(
        required=False, max_length=300,
        help_text="HGVS (c.1521_1523del, p.Phe508del), rsID, or e.g. 'deletion of exons 48-50'.",
    )  # fmt: skip
    phenotypes = forms.CharField(
        required=False, max_length=2000,
        help_text="HPO ids or everyday words, separated by commas, e.g. 'seizures, HP:0001263'.",
    )  # fmt: skip
    excluded_phenotypes = forms.CharField(
        required=False, max_length=2000, label="Signs ruled out",
        help_text="Signs the patient does not have (HPO ids or words), e.g. 'seizures'.",
    )  # fmt: skip
    age_months = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_AGE_MONTHS, label="Age at first signs (months)",
        help_text=f"0 (at birth) to {MAX_AGE_MONTHS}.",
    )  # fmt: skip
    sex = forms.ChoiceField(
        required=False, choices=[("", "Not given"), *((s, s.title()) for s in SEXES)],
        widget=_Select,
    )  # fmt: skip
    modality = forms.MultipleChoiceField(
        required=False, choices=Modality.choices, widget=_SelectMultiple
    )
    status = forms.MultipleChoiceField(
        required=False, choices=ApprovalStatus.choices, label="Approval status",
        widget=_SelectMultiple,
    )  # fmt: skip
    evidence_level = forms.MultipleChoiceField(
        required=False, choices=EvidenceLevel.choices, widget=_SelectMultiple
    )
    trial_status = forms.MultipleChoiceField(
        required=False, choices=TrialStatus.choices, widget=_SelectMultiple
    )
    trial_phase = forms.MultipleChoiceField(required=False, choices=PHASES, widget=_SelectMultiple)
    country = forms.CharField(
        required=False, max_length=80, help_text="Only trials with a site in this country.",
        widget=_TextInput,
    )  # fmt: skip
    limit = forms.IntegerField(required=False, min_value=1, max_value=MAX_RESULTS)
    copies = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Copies of the variant",
        choices=(("", "Not sure"), ("1", "One copy (heterozygous)"),
                 ("2", "Two copies (homozygous)")), widget=_Select,
    )  # fmt: skip
    age_years = forms.IntegerField(required=False, min_value=0, max_value=MAX_AGE_YEARS,
                                   label="Age now, in years", widget=_NumberInput)  # fmt: skip
    ambulatory = forms.TypedChoiceField(
        required=False, coerce=lambda v: v == "yes", empty_value=None, label="Can walk",
        choices=(("", "Not given"), ("yes", "Yes"), ("no", "No")), widget=_Select,
    )  # fmt: skip

    @property
    def page_html(self) -> SafeString:
        """The page's `<form>`, built in Python (see treatments/form_html.py)."""
        return treatment_form_html(self)

    def to_query(self) -> TreatmentQuery:
        """The validated form as a TreatmentQuery (call after is_valid())."""
        data = self.cleaned_data
        return TreatmentQuery(
            condition=data.get("condition") or "",
            gene=data.get("gene") or "",
            variant=data.get("variant") or "",
            phenotypes=data.get("phenotypes") or "",
            filters=TreatmentFilters(
                modality=tuple(data.get("modality") or ()),
                status=tuple(data.get("status") or ()),
                evidence_level=tuple(data.get("evidence_level") or ()),
                trial_status=tuple(data.get("trial_status") or ()),
                trial_phase=tuple(data.get("trial_phase") or ()),
                country=data.get("country") or "",
            ),
            limit=data.get("limit") or 50,
            excluded_phenotypes=data.get("excluded_phenotypes") or "",
            age_months=data.get("age_months"),
            copies=data.get("copies"),
            current_age_months=age_in_months(data.get("age_years"), None),
            ambulatory=data.get("ambulatory"),
            sex=data.get("sex") or "",
        )
