from django import template

from werkpad.audit.what import label

register = template.Library()


@register.filter
def what_label(code: str) -> str:
    """The access log's "what" code as a label in the reader's language."""
    return label(code or "")
