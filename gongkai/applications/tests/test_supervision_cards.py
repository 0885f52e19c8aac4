"""The supervision page reads as cards on a phone, like the workbench (issue 15 follow-up): every cell
says what it is (data-label), the tables carry the cards class, dates never wrap."""

import datetime as dt
import re

from django.urls import reverse


def test_supervision_tables_are_cards_with_labelled_cells(client, staff, received_app, pin_today):
    pin_today(dt.date(2025, 3, 3))
    app = received_app(dt.date(2025, 3, 3))
    pin_today(dt.date(2025, 6, 2))  # long past the 20 working days: overdue
    client.force_login(staff["supervisor"])
    page = client.get(reverse("supervision")).content.decode()
    tables = re.findall(r"<table[^>]*>.*?</table>", page, re.S)
    assert len(tables) == 2 and all('class="cards' in t[:60] for t in tables)
    for table in tables:
        body = table.split("<tbody>", 1)[1]
        cells = re.findall(r"<td(?: [^>]*)?>", body)
        assert cells and all("data-label=" in c for c in cells if "colspan" not in c)
    summary, listing = tables
    assert 'data-label="已逾期"' in summary and 'data-label="合计' not in summary.split("<tfoot>")[0]
    assert app.reference in listing
    due = re.search(r'<td data-label="答复期限"[^>]*>(.*?)</td>', listing, re.S).group(1)
    assert f'<span class="date">{app.due_on:%Y-%m-%d}</span>' in due
