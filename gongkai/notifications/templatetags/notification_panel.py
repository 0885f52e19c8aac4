from django import template

from ..panel import rows_for

register = template.Library()


@register.simple_tag
def notification_rows(app):
    """The notifications sent to the applicant of ``app`` (panel.py)."""
    return rows_for(app)
