"""``{% load public_tree %}{% column_tree agency "catalogue" %}``: the organ's 政府信息公开 column tree
with the current entry marked (``publishing.public_tree``); ``{% annual_report_years agency %}``: every
year's annual report of the organ, whichever column holds it."""

from django import template

from gongkai.publishing import public_tree

register = template.Library()


@register.simple_tag
def column_tree(agency, current=""):
    return public_tree.tree_html(agency, current)


@register.simple_tag
def node_key(node):
    return public_tree.node_key(node) if node is not None else ""


@register.inclusion_tag("publishing/public/_annual_reports.html")
def annual_report_years(agency, heading="历年年报", empty="暂无公开的年度报告。"):
    return {"agency": agency, "reports": public_tree.annual_reports(agency), "heading": heading, "empty": empty}
