"""The search page's hits and facet options, and the condition page's signs table, built in
Python (issue 14 item 10, third pass), give exactly what the template loops they replace gave,
escaping included."""

from __future__ import annotations

from django.template import Context, Template

from pages.condition_html import sign_rows_html
from pages.condition_page import Symptom
from search.page_html import facet_options_html, hits_html
from search.request import Hit
from search.views import FacetOption

# The loops as they stood in search/search_page.html and knowledge/condition_detail.html.
HITS_LOOP = """{% for hit in hits %}
      <li class="search-hit search-hit-{{ hit.doc_type }}">
        <a href="{{ hit.url }}">{{ hit.name }}</a>
        <span class="search-hit-meta">{{ hit.doc_type }} · {{ hit.id }}</span>
        {% if hit.snippet %}<p>{{ hit.snippet|safe }}</p>{% endif %}
      </li>
      {% endfor %}"""
OPTIONS_LOOP = """{% for option in options %}
          <li>{% if option.selected %}<a href="{{ option.url }}" aria-current="true" title="Remove this filter">{{ option.label }} ✕</a>{% else %}<a href="{{ option.url }}">{{ option.label }}</a>{% endif %} ({{ option.count }})</li>
          {% endfor %}"""  # noqa: E501
SIGNS_LOOP = """{% for s in signs %}
        <tr><td><a href="{{ s.url }}">{{ s.name|capfirst }}</a>{% if s.name != s.term %}<br><span class="meta">{{ s.term }}</span>{% endif %}</td><td>{{ s.how_often|capfirst|default:"Not known" }}</td></tr>
      {% endfor %}"""  # noqa: E501


def _loop(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_hits_are_what_the_template_loop_gave() -> None:
    hits = [
        Hit("condition", "ORPHA:1", "<b>Fish & chips</b>", "/conditions/a/?x=1&y=2",
            "a <mark>fish</mark> &amp; more", 1.0),
        Hit("gene", "SMN1", 'say "hi"', "/genes/SMN1/", "", 0.5),
    ]  # fmt: skip
    assert hits_html(hits) == _loop(HITS_LOOP, hits=hits)
    assert "&lt;b&gt;Fish &amp; chips&lt;/b&gt;" in hits_html(hits)
    assert hits_html([]) == ""


def test_facet_options_are_what_the_template_loop_gave() -> None:
    options = [
        FacetOption("Autosomal <recessive>", 1000, "?q=a&type=condition", True),
        FacetOption("Genes", 3, "?q=a&type=gene", False),
    ]
    assert facet_options_html(options) == _loop(OPTIONS_LOOP, options=options)
    assert 'aria-current="true"' in facet_options_html(options)


def test_sign_rows_are_what_the_template_loop_gave() -> None:
    signs = [
        Symptom("seizures", "Seizure", "HP:0001250", "most people", "/phenotypes/HP:0001250/"),
        Symptom("Ataxia", "Ataxia", "HP:0001251", "", "/phenotypes/HP:0001251/"),
        Symptom("<odd> & name", "Odd", "HP:0000001", "many people", "/phenotypes/HP:0000001/"),
    ]
    assert sign_rows_html(signs) == _loop(SIGNS_LOOP, signs=signs)
    assert "Not known" in sign_rows_html(signs)
