"""The treatment form's choice boxes are rendered once per value, never mixed up between readers."""

from __future__ import annotations

import re

from django.test import Client

from treatments import forms

SELECTED = re.compile(r'<option value="([^"]*)" selected>')


def _selected(html: str, name: str) -> list[str]:
    box = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert box is not None, name
    return SELECTED.findall(box.group(0))


def test_each_page_shows_its_own_choices(client: Client, kb: dict) -> None:
    """The remembered HTML of one reader's choices never shows on another reader's page."""
    chosen = client.get(
        "/treatments",
        {"gene": "SMN1", "status": ["investigational", "fda_approved"], "trial_phase": "PHASE2",
         "sex": "female"},
    ).content.decode()  # fmt: skip
    plain = client.get("/treatments", {"gene": "SMN1"}).content.decode()
    again = client.get(
        "/treatments", {"condition": "Duchenne muscular dystrophy", "status": "investigational"}
    ).content.decode()
    assert _selected(chosen, "status") == ["fda_approved", "investigational"]
    assert _selected(chosen, "trial_phase") == ["PHASE2"]
    assert _selected(chosen, "sex") == ["female"]
    assert _selected(plain, "status") == []
    assert _selected(plain, "trial_phase") == []
    assert _selected(plain, "sex") == [""]  # "Not given"
    assert _selected(again, "status") == ["investigational"]


def test_a_value_outside_the_choices_is_refused_and_never_remembered(
    client: Client, kb: dict
) -> None:
    forms._RENDERED.clear()
    response = client.get("/treatments", {"gene": "SMN1", "status": "x" * 50})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not any("x" * 50 in key[2] for key in forms._RENDERED if key[2])


def test_the_memo_is_bounded() -> None:
    form_class = forms.TreatmentSearchForm
    statuses = [value for value, _label in form_class.base_fields["status"].choices]
    for first in statuses:
        for second in statuses:
            for phase, _label in forms.PHASES:
                form = form_class({"status": [first, second], "trial_phase": [phase]})
                str(form["status"]), str(form["trial_phase"])
    assert 0 < len(forms._RENDERED) <= forms._RENDERED_MAX
