"""The applications' error, below every module that raises it: the actions (``actions.py`` and the
modules built on it) and the letters they issue (``letters.services``), which must not import the
actions back (issue 13). ``applications.services.ActionError`` and ``actions.ActionError`` are it."""

from gongkai.core.errors import RuleError


class ActionError(RuleError):
    """An action the rules forbid; the message is Chinese and shown to the user as is."""
