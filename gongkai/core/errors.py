"""The one error hierarchy of the product. Every ``GongkaiError`` carries a Chinese sentence that is
shown to the user as is (views put ``str(e)`` in a message or a form error; commands print it).

The apps keep their historical names as subclasses or aliases, so callers do not change:
``applications.services.ActionError`` (RuleError), ``publishing.attachments.AttachmentError``
(RuleError and ValueError), ``holidays.models.CalendarLogError`` and
``applications.models.AppendOnlyError`` (AppendOnlyError), ``ops.backup.BackupError`` (GongkaiError).
``law`` keeps its own ``ClockError``: it imports nothing of Django or of the apps."""


class GongkaiError(Exception):
    """An action that cannot be done; the message is Chinese and shown to the user as is."""


class RuleError(GongkaiError):
    """A rule (the Regulation, a workflow step, an input limit) forbids the action."""


class ConflictError(GongkaiError):
    """Someone else changed the record since the user's page was rendered (the version check)."""


class NotAllowedError(GongkaiError):
    """The user's role or organ does not allow the action."""


class AppendOnlyError(GongkaiError):
    """A record of history (timeline, audit trail, access log) cannot be changed or deleted."""
