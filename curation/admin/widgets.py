"""Autocomplete widgets for inlines: selected rows labelled from prefetched data, no query each."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.db import models


class _KnownChoicesMixin:
    """Labels selected values from `known` (filled from the form's instance) before querying."""

    known: dict[str, str] | None = None

    def optgroups(self, name: str, value: list[Any], attr: Any = None) -> list[Any]:
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.known is None or not selected.issubset(self.known):
            return super().optgroups(name, value, attr)
        options: list[Any] = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            options.append(self.create_option(name, pk, self.known[pk], selected, len(options)))
        return [(None, options, 0)]


class KnownAutocompleteSelect(_KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(_KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


class KnownChoicesFormSet(forms.BaseInlineFormSet):
    """Fills each autocomplete widget's labels from the (prefetched) instance it edits."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        instance = form.instance
        if instance.pk is None:
            return form
        for name, field in form.fields.items():
            widget = getattr(field, "widget", None)
            inner = widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget
            if not isinstance(inner, _KnownChoicesMixin):
                continue
            inner.known = _labels(instance, name)
        return form


def _labels(instance: models.Model, name: str) -> dict[str, str]:
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        return {str(obj.pk): str(obj) for obj in getattr(instance, name).all()}
    related = getattr(instance, name)
    return {str(related.pk): str(related)} if related is not None else {}


class KnownChoicesInlineMixin:
    """An inline whose autocomplete fields render without one query per row.

    The inline's queryset must select or prefetch the autocomplete relations.
    """

    formset = KnownChoicesFormSet

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
