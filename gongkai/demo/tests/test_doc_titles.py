"""Demo titles read as an agency writes them: a topic ending in 管理 does not make 《…管理管理办法》."""

import random
from types import SimpleNamespace

from gongkai.demo.doc_text import TITLES, Writer
from gongkai.demo.doc_topics import TOPICS


def test_no_title_repeats_the_word_its_topic_ends_with():
    writer = Writer(random.Random(7))
    agency = SimpleNamespace(code="shi", name="示例市人民政府")
    titles = [writer.title(topic, kind, agency, 2025) for topic in TOPICS for kind in TITLES for _ in range(6)]
    titles = [t for t in titles if t]
    assert any("文物保护单位管理办法" in t for t in titles)
    assert not [t for t in titles if "管理管理" in t]
