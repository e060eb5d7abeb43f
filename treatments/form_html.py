"""The treatment search form's HTML, built in Python (issue 14 item 10, seventh pass).

Through the template the form was about half of a cold treatment page's render (~3.5 ms of
~7 ms for a search that shows no therapy): five text boxes of eight variables each, three
loops over the form's fields and eleven widgets. The markup, whitespace included, is what the
template gave (the page is byte for byte the same), every value escaped as the template
escaped it. What depends only on the form's class, its ids and the URL configuration (labels,
help texts, autocomplete URLs) is written once per process; what a visitor sent (values,
errors, the selected options) is filled in on every render.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from django import forms

# The page's three groups of boxes, in form order.
TEXT_FIELDS = ("condition", "gene", "variant", "phenotypes", "excluded_phenotypes")
PERSON_FIELDS = ("copies", "age_years", "ambulatory")
FILTER_FIELDS = ("modality", "status", "evidence_level", "trial_status", "trial_phase")
# A filter with a value opens the filters' box.
_OPENS_FILTERS = (*FILTER_FIELDS, "country")
_ERROR = '<p class="error" role="alert">{}</p>'
_AUTOCOMPLETE = {
    "condition": ("condition", 'list="condition-options" data-autocomplete="{}"'),
    "phenotypes": ("phenotype", 'list="phenotype-options" data-autocomplete="{}" data-multi="1"'),
    "excluded_phenotypes": (
        "phenotype",
        'list="phenotype-options" data-autocomplete="{}" data-multi="1"',
    ),
}


def _errors(field: forms.BoundField) -> SafeString:
    return mark_safe("".join(format_html(_ERROR, error) for error in field.errors))  # noqa: S308


def _has_error(field: forms.BoundField) -> str:
    return " has-error" if field.errors else ""


def _text_box(field: forms.BoundField) -> tuple[str, str]:
    """A text box's markup around its value: (up to `value="`, after the value to its errors)."""
    autocomplete: list[str] = ["", ""]
    if field.name in _AUTOCOMPLETE:
        kind, attrs = _AUTOCOMPLETE[field.name]
        url = reverse("treatments:autocomplete", args=[kind])
        autocomplete[0 if kind == "condition" else 1] = format_html(attrs, url)
    head = format_html(
        '">\n    <label for="{}">{}</label>\n    <input type="text" name="{}" id="{}" value="',
        field.id_for_label, field.label, field.html_name, field.id_for_label,
    )  # fmt: skip
    tail = format_html(
        '"\n      {}\n      {}\n      aria-describedby="{}-help" autocomplete="off">\n'
        '    <small id="{}-help">{}</small>\n    ',
        autocomplete[0], autocomplete[1],
        field.id_for_label, field.id_for_label, field.help_text,
    )  # fmt: skip
    return head, tail


@functools.lru_cache(maxsize=16)
def _static_parts(
    form_class: type, auto_id: object, prefix: str | None, script_prefix: str, urlconf: object
) -> tuple[str, dict[str, tuple[str, str]]]:
    """The form's action URL and its text boxes' markup (`script_prefix` and `urlconf` key the
    cache: reverse() reads both itself). A fresh unbound form of the class gives them."""
    form = form_class(auto_id=auto_id, prefix=prefix)
    return reverse("treatments:search"), {name: _text_box(form[name]) for name in TEXT_FIELDS}


def treatment_form_html(form: forms.Form) -> SafeString:
    """The whole `<form>` of the treatment search page, as the template wrote it."""
    action, boxes = _static_parts(
        type(form), form.auto_id, form.prefix, get_script_prefix(), get_urlconf()
    )
    out = [format_html('<form method="get" action="{}" class="treatment-form" role="search">\n  ',
                       action)]  # fmt: skip
    for name in TEXT_FIELDS:
        field = form[name]
        head, tail = boxes[name]
        out += ['\n  <div class="field', _has_error(field), head,
                conditional_escape(field.value() or ""), tail, _errors(field), "\n  </div>\n  "]  # fmt: skip
    age = form["age_months"]
    age_value = age.value()
    out.append(format_html(
        '\n  <div class="field{}">\n    <label for="{}">{}</label>\n'
        '    <input type="number" name="age_months" id="{}" min="0" max="{}" value="{}"'
        ' aria-describedby="{}-help">\n    <small id="{}-help">{}</small>\n    {}\n  </div>\n',
        _has_error(age), age.id_for_label, age.label, age.id_for_label,
        form.fields["age_months"].max_value, "" if age_value is None else age_value,
        age.id_for_label, age.id_for_label, age.help_text, _errors(age),
    ))  # fmt: skip
    sex = form["sex"]
    out.append(format_html(
        '  <div class="field{}">\n    <label for="{}">{}</label>{}\n    {}\n  </div>\n'
        '  <fieldset class="person"><legend>About the person (optional, to check each '
        "therapy's requirement)</legend>\n    ",
        _has_error(sex), sex.id_for_label, sex.label, sex, _errors(sex),
    ))  # fmt: skip
    for name in PERSON_FIELDS:
        field = form[name]
        out.append(format_html(
            '\n    <div class="field{}"><label for="{}">{}</label>{}{}</div>\n    ',
            _has_error(field), field.id_for_label, field.label, field, _errors(field),
        ))  # fmt: skip
    opened = any(form[name].value() for name in _OPENS_FILTERS)
    out.append(
        "\n  </fieldset>\n"
        '  <datalist id="condition-options"></datalist><datalist id="phenotype-options"></datalist>\n'
        f'  <details class="filters"{" open" if opened else ""}>\n    <summary>Filters</summary>\n    '
    )
    for name in FILTER_FIELDS:
        field = form[name]
        out.append(format_html(
            "\n    <fieldset><legend>{}</legend>{}{}</fieldset>\n    ",
            field.label, field, _errors(field),
        ))  # fmt: skip
    country = form["country"]
    out.append(format_html(
        '\n    <div class="field"><label for="{}">Trial country</label>{}</div>\n  </details>\n  ',
        country.id_for_label, country,
    ))  # fmt: skip
    out += [format_html(_ERROR, error) for error in form.non_field_errors()]
    out.append('\n  <button type="submit">Search</button>\n</form>')
    return mark_safe("".join(out))  # noqa: S308 - every part escaped above
