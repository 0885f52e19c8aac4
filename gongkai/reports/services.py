"""Use cases of the annual report: the one door for views, commands, jobs, the demo and other apps.
Each action: one transaction, one permission check, one event; the tables are recomputed and every
check runs on the server on every save; approval and publication are refused while any error fails.

The code lives by concern (each module says what it owns):

- ``drafting.py``  create a report, the roll-up's members, the narrative, recompute
- ``figures.py``   manual figures of table 二 with their source, adjustments with a reason
- ``workflow.py``  review, return, approval (the frozen snapshot), reopening, publication
- ``building.py``  tables + findings + text built and checked (refresh), the page's view, the output
- ``past.py``      last year's figures (R5), past years' published figures entered
- ``facts.py``     facts for 一、总体情况 and the year-over-year chart
- ``rollup.py``    the members of a roll-up and their figures
- ``records.py``   the records behind a cell (live, or frozen at approval)
- ``deadlines.py`` deadlines, lateness, reminders, the supervisor's dashboard
- ``entry.py``     values typed or imported by people; ``actions.py`` lock, version, event
"""

from .building import build, errors_of, live_doc, report_doc, report_view
from .deadlines import (
    STATE_LABELS,
    dashboard,
    deadline,
    is_late,
    reminder_recipients,
    reminders,
    send_reminders,
)
from .drafting import create_report, recompute, save_narrative, set_members
from .errors import ReportError
from .facts import overview_facts
from .figures import adjust, record_manual_figure, record_manual_figures
from .past import enter_past_report
from .records import cell_records
from .rollup import member_ids
from .workflow import approve, available_steps, mark_reviewed, publish, reopen, return_to_draft

__all__ = [
    "STATE_LABELS", "ReportError", "adjust", "approve", "available_steps", "build", "cell_records",
    "create_report", "dashboard", "deadline", "enter_past_report", "errors_of", "is_late", "live_doc",
    "mark_reviewed", "member_ids", "overview_facts", "publish", "recompute", "record_manual_figure",
    "record_manual_figures", "reminder_recipients", "reminders", "reopen", "report_doc", "report_view",
    "return_to_draft", "save_narrative", "send_reminders", "set_members",
]
