"""The classifier's shortcuts never hide a match: the needles found in a text, and the rows a table hands out.

Long texts are indexed once (which of the vocabulary's needles they contain) and each table of patterns then
hands out only the rows that may match; a needle or a row missed there would silently change what a mail is
understood to ask. Both are compared here with the plain answer on the corpus mails, alone and run together.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from lumetra_desk.core.intake import classify
from lumetra_desk.core.intake.parse import parse_mail

FOLDERS = [Path(__file__).parent / "corpus", Path(__file__).parent / "unseen"]
BODIES = [parse_mail(path.read_bytes()).body_text for folder in FOLDERS for path in sorted(folder.glob("*.eml"))]
TEXTS = [" ".join(text.split()) for text in [*BODIES, *("\n\n".join(pair) for pair in pairwise(BODIES))]]


def _tables(vocabulary: classify.Vocabulary) -> dict[str, classify._PatternTable[object]]:
    return {name: value for name, value in vars(vocabulary).items() if isinstance(value, classify._PatternTable)}


def test_the_texts_include_long_ones_that_are_indexed() -> None:
    assert sum(len(text) >= classify._INDEX_FROM for text in TEXTS) > 100


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_an_indexed_text_lists_exactly_the_needles_it_contains(text: str) -> None:
    classify.default_vocabulary()
    lowered, present = classify._indexed(text)
    if present is not None:
        assert present == {needle for needle in classify._ALL_NEEDLES if needle in lowered}


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_table_hands_out_every_row_whose_pattern_matches_in_order(text: str) -> None:
    tables = _tables(classify.default_vocabulary())
    assert {"type_cues", "past_events", "residence_cues", "law_cues", "spam_phrases", "agent_cues"} <= set(tables)
    for name, table in tables.items():
        candidates = table.candidates(text)
        matching = [row for row in table.rows if table.pattern_of(row).regex.search(text)]  # no shortcut at all
        assert [row for row in candidates if row in matching] == matching, name
        assert candidates == [row for row in table.rows if row in candidates], name
