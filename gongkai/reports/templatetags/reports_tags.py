"""Template tags for other apps' pages.

``{% load reports_tags %}{% annual_report_list agency %}`` lists an organ's published annual reports
(one entry per year) with links; meant for the 政府信息公开年报 column page
(``CatalogueNode.section == "annual_reports"``) and the portal column card.
"""

from django import template

from gongkai.reports import access

register = template.Library()


@register.inclusion_tag("reports/public/_list.html")
def annual_report_list(agency):
    reports = access.public_reports().filter(agency=agency).select_related("agency").order_by("-year", "scope")
    return {"agency": agency, "reports": list(reports)}


@register.filter
def rule_label(rule_id):
    """The Chinese name of a check (``R1`` … ``R6``, or the rule's description)."""
    from gongkai.reports.render import rule_label as label

    return label(rule_id)
