"""The occupation field: a text input with typo-tolerant ESCO search (htmx), filling a URI field.

Use it on the text field of an occupation and keep the ESCO URI in a hidden field named like the
text field plus ``_uri`` (``occupation`` / ``occupation_uri``; with formset prefixes too)::

    widgets = {"occupation": OccupationWidget(), "occupation_uri": forms.HiddenInput}

Typing asks ``/matching/occupations/search`` for a short listbox of hits (Dutch and English
labels); choosing one fills the text and the hidden URI. Typing something else clears the URI, so
a free text that matches nothing is kept as text only. Without JavaScript it is a plain text field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse


class OccupationWidget(forms.TextInput):
    template_name = "matching/widgets/occupation.html"

    def __init__(self, attrs: dict[str, Any] | None = None, uri_suffix: str = "_uri") -> None:
        super().__init__(attrs)
        self.uri_suffix = uri_suffix

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        options_id = f"{widget['attrs'].get('id') or 'id_' + name}_options"
        url = reverse("matching:occupation_search")
        widget["options_id"] = options_id
        widget["attrs"].update(
            {
                "role": "combobox",
                "autocomplete": "off",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": options_id,
                "data-occupation-input": "",
                "data-uri-name": name + self.uri_suffix,
                "hx-get": f"{url}?field={name}",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{options_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return context
