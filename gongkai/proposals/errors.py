from gongkai.core.errors import RuleError


class ProposalError(RuleError):
    """A step the rules or the user's rights forbid; the message is Chinese and shown as is."""
