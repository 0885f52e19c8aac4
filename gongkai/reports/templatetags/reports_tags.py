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


@register.inclusion_tag("reports/_interpretation_panel.html", takes_context=True)
def interpretation_panel(context, report=None, past=None):
    """The 年报解读 box of a report's (or past figures') staff page: open it, or generate it."""
    from gongkai.reports.models import ReportInterpretation

    source = report or past
    request = context["request"]
    ri = ReportInterpretation.objects.filter(agency_id=source.agency_id, year=source.year,
                                             scope=source.scope).first()
    frozen = past is not None or report.snapshot is not None
    return {"ri": ri, "report": report, "past": past, "frozen": frozen, "csrf_token": context.get("csrf_token"),
            "can_generate": frozen and access.can_edit_interpretation(request.user, source.agency)}


@register.simple_tag
def published_interpretation_url(agency, year, scope="organ"):
    """The public 年报解读 page of an organ's year, or "" (report pages and the 年报 column)."""
    from django.urls import reverse

    from gongkai.reports.interpretations import public_interpretations

    if not public_interpretations().filter(agency=agency, year=year, scope=scope).exists():
        return ""
    name = "reports_public:summary-interpretation" if scope == "rollup" else "reports_public:interpretation"
    return reverse(name, args=[agency.code, year])


@register.inclusion_tag("reports/public/_interpretations.html")
def interpretation_list(agency):
    """The organ's published 年报解读, newest year first (the 政府信息公开年报 column)."""
    from gongkai.reports.interpretations import public_interpretations

    return {"items": list(public_interpretations().filter(agency=agency).order_by("-year", "scope"))}
