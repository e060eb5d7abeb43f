"""The "Your case" form: everything optional except a diagnosis, signs, or a gene change."""

from __future__ import annotations

import re

from django import forms

from cases.facts import COMMON_SIGNS, MAX_AGE_MONTHS, SEXES, CaseFacts
from trials.geography import country_key, country_names

HPO_ID = re.compile(r"^HP:\d{7}$")
MAX_SIGNS = 20


class HpoIdsField(forms.MultipleChoiceField):
    """HPO ids confirmed on the report page (any well-formed id, at most MAX_SIGNS)."""

    widget = forms.MultipleHiddenInput

    def valid_value(self, value: str) -> bool:
        return bool(HPO_ID.match(value))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > MAX_SIGNS:
            raise forms.ValidationError(f"Give at most {MAX_SIGNS} signs.")


class CaseForm(forms.Form):
    diagnosis = forms.CharField(
        required=False, max_length=300, label="The diagnosis, if there is one",
        help_text="As the doctor wrote it. Spelling mistakes are fine.",
    )  # fmt: skip
    signs_text = forms.CharField(
        required=False, max_length=2000, label="Signs you see, in your own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Put a comma between signs, for example: weak muscles, falls a lot.",
    )  # fmt: skip
    signs_picked = forms.MultipleChoiceField(
        required=False, label="Or pick signs from this list",
        choices=[(s.hpo_id, s.words) for s in COMMON_SIGNS],
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    signs_confirmed = HpoIdsField(required=False)
    signs_absent = forms.CharField(
        required=False, max_length=400, label="Signs the person does NOT have (HPO ids)",
        help_text="For doctors. HPO ids with commas, for example HP:0001250.",
    )  # fmt: skip
    gene = forms.CharField(
        required=False, max_length=100, label="The gene, from the genetic report",
        help_text="For example DMD or SMN1.",
    )  # fmt: skip
    variant = forms.CharField(
        required=False, max_length=300, label="The gene change, as the report writes it",
        help_text="For example c.1521_1523del, rs113993960 or deletion of exons 45-50.",
    )  # fmt: skip
    age_years = forms.IntegerField(required=False, min_value=0, max_value=120, label="Age: years")
    age_months = forms.IntegerField(required=False, min_value=0, max_value=11, label="and months")
    sex = forms.ChoiceField(required=False, label="Sex", choices=[("", "Rather not say"), *SEXES])
    country = forms.ChoiceField(required=False, label="Country you live in")
    ambulatory = forms.ChoiceField(
        required=False, label="Can walk without help",
        choices=[("", "Not sure or not asked"), ("yes", "Yes"), ("no", "No")],
    )  # fmt: skip

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Rather not say")] + [
            (name, name) for name in country_names()
        ]

    def _hpo_ids(self, name: str) -> tuple[str, ...]:
        raw = [part.strip().upper() for part in self.cleaned_data.get(name, "").split(",")]
        ids = tuple(dict.fromkeys(p for p in raw if p))
        bad = [p for p in ids if not HPO_ID.match(p)]
        if bad:
            raise forms.ValidationError(f"Not an HPO id: {bad[0][:20]}. Write HP: and 7 digits.")
        if len(ids) > MAX_SIGNS:
            raise forms.ValidationError(f"Give at most {MAX_SIGNS} signs.")
        return ids

    def clean_signs_absent(self) -> tuple[str, ...]:
        return self._hpo_ids("signs_absent")

    def clean_signs_text(self) -> str:
        text = self.cleaned_data.get("signs_text", "")
        if len([p for p in text.split(",") if p.strip()]) > MAX_SIGNS:
            raise forms.ValidationError(f"Give at most {MAX_SIGNS} signs.")
        return text.strip()

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(k) for k in ("diagnosis", "signs_text", "signs_picked",
                                         "signs_confirmed", "gene", "variant")):  # fmt: skip
            raise forms.ValidationError(
                "Please give at least one of these: the diagnosis, the signs you see, "
                "or the gene change from a genetic report."
            )
        if data.get("age_months") is not None and data.get("age_years") is None:
            data["age_years"] = 0
        if data.get("country") and not country_key(data["country"]):
            self.add_error("country", "Please pick a country from the list.")
        return data

    def to_facts(self) -> CaseFacts:
        """The validated form as CaseFacts (call after is_valid())."""
        data = self.cleaned_data
        years, months = data.get("age_years"), data.get("age_months") or 0
        age = None if years is None else min(years * 12 + months, MAX_AGE_MONTHS)
        picked = tuple(dict.fromkeys([*data.get("signs_picked", []), *data["signs_confirmed"]]))
        return CaseFacts(
            diagnosis=data.get("diagnosis", "").strip(),
            signs_text=data.get("signs_text", ""),
            signs_picked=picked[:MAX_SIGNS],
            signs_absent=data.get("signs_absent", ()),
            gene=data.get("gene", "").strip(),
            variant=data.get("variant", "").strip(),
            age_months=age,
            sex=data.get("sex", ""),
            country=data.get("country", ""),
            ambulatory=data.get("ambulatory", ""),
        )


def case_form_initial(facts: CaseFacts) -> dict:
    """Form values that show a case again, for changing it."""
    known = {s.hpo_id for s in COMMON_SIGNS}
    years = None if facts.age_months is None else facts.age_months // 12
    return {
        "diagnosis": facts.diagnosis, "signs_text": facts.signs_text,
        "signs_picked": [i for i in facts.signs_picked if i in known],
        "signs_confirmed": [i for i in facts.signs_picked if i not in known],
        "signs_absent": ",".join(facts.signs_absent), "gene": facts.gene,
        "variant": facts.variant, "age_years": years,
        "age_months": None if facts.age_months is None else facts.age_months % 12,
        "sex": facts.sex, "country": facts.country, "ambulatory": facts.ambulatory,
    }  # fmt: skip


class AlertForm(forms.Form):
    email = forms.EmailField(
        max_length=254, label="Your email address",
        help_text="Kept only to send these alerts. Every email has a link to remove it.",
    )  # fmt: skip
