"""The error of the annual report's actions (every module of the app raises it)."""

from gongkai.core.errors import RuleError


class ReportError(RuleError):
    """An action the rules forbid; the message is Chinese and shown as is."""
