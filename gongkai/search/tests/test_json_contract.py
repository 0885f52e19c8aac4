"""Contract of ``search_documents --json``: each object carries the 发文字号 as ``doc_number`` (not ``doc_no``)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

KEYS = {"doc_number", "title", "published_date", "validity", "index_no", "agency", "agency_code", "url", "score"}


def test_json_rows_have_doc_number(corpus):
    out = StringIO()
    call_command("search_documents", "测公发[2022]第5号", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows and all(set(row) == KEYS for row in rows)
    assert rows[0]["doc_number"] == "测公发〔2022〕5号"
    assert not any("doc_no" in row for row in rows)


def test_table_output_still_shows_the_doc_number(corpus):
    out = StringIO()
    call_command("search_documents", "测公发[2022]第5号", stdout=out)
    assert "测公发〔2022〕5号" in out.getvalue()
