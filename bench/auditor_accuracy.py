"""Accuracy of the report parser on the held-out corpus (gongkai/reportreader/tests/data/heldout).

The corpus holds real published reports collected and transcribed by hand without looking at the
parser (see its README). For every report: the cells the transcription lists (printed values and
printed blanks) are compared with what the parser extracted, and every cell the transcription does not
list must come out as None (never invented); cells transcribed "?" (the source does not let a reader
tell them) are not scored. Prints one line per report and the totals:

    .venv/bin/python bench/auditor_accuracy.py [--verbose] [FOLDER under gongkai/reportreader/tests/data, default heldout]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.reportreader import normalize_text  # noqa: E402
from gongkai.reportreader.tests.heldout import HELDOUT, compare, load_cases  # noqa: E402


def main() -> int:
    verbose = "--verbose" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = HELDOUT.parent / names[0] if names else HELDOUT
    cases = load_cases(folder)
    total = right = invented = unknowable = agencies = agencies_found = 0
    print(f"{'report':34} {'cells':>6} {'right':>6} {'wrong':>6} {'invented':>8}  meta")
    for case in cases:
        result = compare(case)
        total += result.listed
        right += result.right
        invented += len(result.invented)
        unknowable += result.unknowable
        if case.agency:  # the organ as printed: found when the names agree, either contains the other
            want = normalize_text(case.agency)
            got = result.report.agency if result.report else None
            agencies += 1
            agencies_found += bool(got) and (got in want or want in got or want.removesuffix("人民政府") in got)
        meta = "ok" if result.meta_ok else f"meta {result.meta_got} ≠ {result.meta_want}"
        print(f"{case.name:34} {result.listed:6} {result.right:6} {len(result.wrong):6} {len(result.invented):8}  {meta}")
        if verbose:
            for cid, got, want in result.wrong:
                print(f"    wrong    {cid}: got {got!r}, transcribed {want!r}")
            for cid, got in result.invented:
                print(f"    invented {cid}: {got!r}")
    share = right / total if total else 1.0
    print(f"\n{len(cases)} reports in {folder.name}/, {total} transcribed cells: {right} right ({share:.1%}), "
          f"{total - right} wrong or missing, {invented} invented"
          + (f" ({unknowable} cells marked ? as undeterminable, not scored)" if unknowable else ""))
    print(f"agency: {agencies_found} of the {agencies} reports that name it found")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
