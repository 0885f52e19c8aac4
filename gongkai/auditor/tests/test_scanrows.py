"""Rows of a scanned table at a page's foot (issue 16): the two rows under 三、本年度办理结果 at the foot
of a page of a scanned report were lost — the lines of the group label merged down over them
("三、本年", "度办理结果") were glued to each row's own label ("三、本年(一)予以公开"), which no parser
knows, and a rule fading where it crosses a vertical one merged the label cells below. A row's label
is now its own cell's text, and a fading rule reaches its crossing."""

from __future__ import annotations

import pytest

from gongkai.auditor import scangrid, scanrows
from gongkai.auditor.tests.test_ocr import _tsv

# Columns: a group label (100–250), a row label (250–450), two value columns (450–600–750).
# Bands: a header (100–160), 一 (160–220, its label across both label columns), and two rows under
# one group label merged down (220–280, 280–340).
XS = (100, 250, 450, 600, 750)


def _page(fade: int = 0):
    """The table at 150 dpi; ``fade``: pixels by which the rule between the two grouped rows stops
    short of the vertical rule at x=250 (a scan fades where rules cross)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (900, 500), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 160, 220, 340):
        draw.line([(100, y), (750, y)], fill=0, width=2)
    draw.line([(250 + fade, 280), (750, 280)], fill=0, width=2)  # not across the merged group label
    for x in (100, 450, 600, 750):
        draw.line([(x, 100), (x, 340)], fill=0, width=2)
    draw.line([(250, 220), (250, 340)], fill=0, width=2)
    for top in (178, 238, 298):  # a digit's ink in each value cell
        for x in (520, 670):
            draw.rectangle([x, top, x + 10, top + 24], fill=0)
    return image


def _words():
    return scangrid.parse_tsv(
        _tsv(
            [
                (480, 115, "申请人", 95.0),
                (630, 115, "总计", 95.0),
                (110, 135, ">", 40.0),  # strokes of the header misread, one of them as a number
                (480, 135, "2", 40.0),
                (630, 135, "到", 40.0),
                (110, 175, "一、本年新收", 95.0),
                (520, 175, "9", 90.0),
                (670, 175, "9", 90.0),
                (110, 222, "三、本年", 95.0),
                (260, 235, "(一)予以公开", 95.0),
                (520, 235, "0", 90.0),
                (670, 235, "0", 90.0),
                (110, 285, "度办理结果", 95.0),
                (260, 295, "〈二)部分公开", 95.0),
                (520, 295, "4", 90.0),
                (670, 295, "4", 90.0),
            ]
        )
    )


def _lines(image):
    h_edges, v_edges = scangrid.find_rules(image, 150)
    (cells,) = scangrid.find_tables(h_edges, v_edges)
    clean = scangrid.erase_rules(image, h_edges + v_edges)
    xs, start, bands = scanrows.bands(cells, _words(), clean)
    for band in bands:
        for slot, text in zip(
            band.slots,
            ("9", "9") if band.top == 160 else ("0", "0") if band.top == 220 else ("4", "4"),
            strict=True,
        ):
            slot.text, slot.conf = (text, 90.0) if slot.ink else ("", None)
    return [[p.text for p in line.pieces] for line in scanrows.band_lines(xs, start, bands) if line.grid]


@pytest.mark.parametrize("fade", [0, 6])
def test_a_group_label_merged_down_over_rows_at_a_page_foot_stays_out_of_their_labels(fade):
    rows = _lines(_page(fade))
    assert rows[-3:] == [
        ["一、本年新收", "9", "9"],
        ["(一)予以公开", "0", "0"],
        ["（二)部分公开", "4", "4"],
    ], rows


def test_a_rule_fading_short_of_a_vertical_rule_still_closes_the_cells_beside_it():
    h_edges, v_edges = scangrid.find_rules(_page(fade=6), 150)
    (cells,) = scangrid.find_tables(h_edges, v_edges)
    labels = sorted((int(c[1]), int(c[3])) for c in cells if abs(c[0] - 250) <= 3 and c[2] <= 453)
    assert labels == [(220, 280), (280, 340)]


def test_an_angle_bracket_read_for_a_parenthesis_is_one():
    (word,) = scangrid.parse_tsv(_tsv([(0, 0, "〈二〉部分公开〈区分处理的", 90.0)]))
    assert scangrid.cell_text([word])[0] == "（二）部分公开（区分处理的"


def test_a_number_misread_in_a_header_is_no_row_of_values():
    """The header repeated on a table's next page read as ">  2  到": the "2" made a row of values of
    it, and the rows after it were lost (three rows of a scanned report)."""
    header = _lines(_page())[:-3]
    assert header == [["申请人", "总计"], [">", "到"]], header


@pytest.mark.heavy
def test_the_rows_at_the_foot_of_a_scanned_page_are_read():
    """The report of the format corpus whose page 2 ends with (一)予以公开 and (二)部分公开 under the
    group label 三、本年度办理结果 (the table goes on, its header repeated, on page 3)."""
    from gongkai.auditor import ocr, services
    from gongkai.auditor.tests import corpus

    if (missing := corpus.available("scan_pdf")) or not ocr.available():
        pytest.skip(f"{missing or 'tesseract'} is not installed")
    e = next(x for x in corpus.REPORTS if corpus.ident(x).startswith("02_huaian"))
    s = corpus.score(e, services.audit_file(corpus.render(e, "scan_pdf").data, "scan", ocr=True))
    lost = {cell.split(".")[1] for cell, *_ in s["wrong"]}
    assert not lost & {"disclosed", "partially_disclosed"}, s["wrong"]
    assert s["invented"] == []
