"""`{% url %}` with its answers remembered (issue 14 item 10, third pass).

Django's tag resolves the URL patterns again on every call (~40 us); a cold page renders 10-30
of them, most with no argument at all (the site's header and footer) or a short id. The
answer depends only on the view name, its arguments, the URL configuration and the script
prefix, so it is remembered per process under exactly those keys; anything else (an argument
that is not a string or number, `as var`, an error) goes through Django's own tag unchanged.
Installed as a template builtin (settings.TEMPLATES), so every template's `{% url %}` is this.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

register = template.Library()

# A quoted literal (`{% url 'x' 'condition' %}`) resolves to a SafeString: a str all the same.
_PLAIN = (str, SafeString, int)


@functools.lru_cache(maxsize=4096)
def _reverse(view_name: str, args: tuple, kwargs: tuple, current_app: str | None,
             urlconf: str | None, root: str, prefix: str) -> str:  # fmt: skip
    # `root` and `prefix` only key the cache: reverse() reads both itself.
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app,
                   urlconf=urlconf)  # fmt: skip


class RememberedURLNode(URLNode):
    """Django's URLNode, answering repeated plain reversals from the cache."""

    def render(self, context: template.Context) -> str:
        if self.asvar:
            return super().render(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        if not (
            isinstance(view_name, str)
            and all(type(a) in _PLAIN for a in args)
            and all(type(v) in _PLAIN for _, v in kwargs)
        ):
            return super().render(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = _reverse(view_name, args, kwargs, current_app, get_urlconf(),
                       settings.ROOT_URLCONF, get_script_prefix())  # fmt: skip
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> URLNode:
    """Parsed exactly as Django's `{% url %}`; rendered by RememberedURLNode."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
