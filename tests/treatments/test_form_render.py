"""The treatment form's choice boxes are rendered once per value, never mixed up between readers;
the form is built in Python exactly as the template wrote it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import set_script_prefix

from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import ConditionFactory
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


@pytest.mark.django_db
def test_an_empty_form_renders_no_widget_template(client: Client) -> None:
    """The form is built in Python and its empty boxes are remembered: on main a page rendered
    the text and number box templates on every search (issue 14 item 10, seventh pass)."""
    page_cache_invalidate()
    ConditionFactory(name="Testing first syndrome", primary_id="ORPHA:990011")
    ConditionFactory(name="Testing second syndrome", primary_id="ORPHA:990012")
    client.get("/treatments", {"condition": "Testing first syndrome"})  # remembers the boxes
    response = client.get("/treatments", {"condition": "Testing second syndrome"})
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert "treatments/treatment_search.html" in names
    assert [n for n in names if n.startswith("django/forms/")] == []
    html = response.content.decode()
    assert 'name="country" maxlength="80" aria-describedby="id_country_helptext"' in html
    assert 'name="age_years" min="0" max="120" id="id_age_years"' in html


def test_what_a_visitor_typed_is_shown_escaped_and_never_remembered(client: Client) -> None:
    forms._RENDERED.clear()
    response = client.get(
        "/treatments",
        {"gene": 'S<M>N1"', "country": "Fr<ance", "age_years": "x1", "age_months": "a&b"},
    )
    html = response.content.decode()
    assert response.status_code == 400  # two numbers that are not numbers
    assert 'id="id_gene" value="S&lt;M&gt;N1&quot;"' in html
    assert 'name="country" value="Fr&lt;ance"' in html
    assert 'name="age_years" value="x1"' in html
    assert 'value="a&amp;b" aria-describedby="id_age_months-help"' in html
    # Each error next to its own box, the box marked, and the filters opened by the country.
    assert html.count('<p class="error" role="alert">Enter a whole number.</p>') == 2
    assert '<div class="field has-error">\n    <label for="id_age_months">' in html
    assert '<details class="filters" open>' in html
    assert not any(
        "Fr<ance" in str(key) or "x1" in str(key) or "S<M>N1" in str(key) for key in forms._RENDERED
    )


def test_the_form_follows_the_script_prefix() -> None:
    """Its URLs are written once per process, per script prefix (the site may live under one)."""
    form = forms.TreatmentSearchForm({"condition": "x"})
    assert form.is_valid()
    assert 'action="/treatments"' in form.page_html
    set_script_prefix("/rare/")
    try:
        html = str(form.page_html)
    finally:
        set_script_prefix("/")
    assert 'action="/rare/treatments"' in html
    assert 'data-autocomplete="/rare/treatments/autocomplete/condition"' in html
    assert 'data-autocomplete="/rare/treatments/autocomplete/phenotype"' in html
    assert 'action="/treatments"' in form.page_html
