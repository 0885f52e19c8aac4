"""``{% load remedies_tags %}``: what other apps' pages may ask about remedy cases."""

from django import template

from gongkai.remedies import access

register = template.Library()


@register.filter
def bundle_allowed(case, user) -> bool:
    """``{% if r|bundle_allowed:request.user %}``: the rule of remedies.access.can_build_bundle."""
    return access.can_build_bundle(user, case)
