"""`{% url %}` remembers its answers per view name, arguments, URL configuration and script
prefix (issue 14 item 10, third pass), and otherwise behaves as Django's own tag."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from rarelabs import template_urls


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_the_same_url_twice_is_reversed_once() -> None:
    template_urls._reverse.cache_clear()
    source = "{% url 'knowledge:phenotype-detail' hpo_id %}"
    first = _render(source, hpo_id="HP:0001250")
    second = _render(source, hpo_id="HP:0001250")
    assert first == second == reverse("knowledge:phenotype-detail", args=["HP:0001250"])
    assert template_urls._reverse.cache_info().hits == 1


def test_a_quoted_literal_argument_is_remembered_too() -> None:
    """A literal in the tag resolves to a SafeString, not a str: it was reversed every time."""
    template_urls._reverse.cache_clear()
    source = "{% url 'treatments:autocomplete' 'condition' %}"
    first = _render(source)
    second = _render(source)
    assert first == second == "/treatments/autocomplete/condition"
    assert template_urls._reverse.cache_info().hits == 1


def test_answers_follow_the_arguments_the_prefix_and_escaping() -> None:
    source = "{% url 'knowledge:phenotype-detail' hpo_id=h %}"
    assert _render(source, h="HP:0000001") == "/phenotypes/HP:0000001/"
    assert _render(source, h="HP:0000002") == "/phenotypes/HP:0000002/"
    set_script_prefix("/rare/")
    try:
        assert _render(source, h="HP:0000001") == "/rare/phenotypes/HP:0000001/"
    finally:
        set_script_prefix("/")
    assert _render(source, h="HP:0000001") == "/phenotypes/HP:0000001/"
    # Escaped as Django's tag escapes; `as var` and errors unchanged.
    assert _render(source, h="a&b") == "/phenotypes/a&amp;b/"
    assert _render("{% url 'search:search' as u %}[{{ u }}]") == "[/search]"
    assert _render("{% url 'no-such-view' as u %}[{{ u }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        _render("{% url 'no-such-view' %}")
