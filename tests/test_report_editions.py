"""The editions of the client's document: which one a file gets, and the client's words."""

from __future__ import annotations

import pytest

from careerlib.exceptions import UsageError
from careerlib.report.editions import ClientWords, default_edition, edition_for

WORDS = ClientWords(
    {"budget": "Build the IT budget", "board-course": "Board course", "resume": "CV"}
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the target 2028-04-28 can be met", "the target 28 Apr 2028 can be met"),
        (r"the target 2028\-04\-28", "the target 28 Apr 2028"),  # as Markdown escapes it
        ("version 2027-02-30", "version 2027-02-30"),  # not a day: left as it is
        (
            "the deadline of 'budget' by 2027-05-28",
            "the deadline of “Build the IT budget” by 28 May 2027",
        ),
        ('behind ("budget")', "behind (“Build the IT budget”)"),
        ("behind (board-course, budget)", "behind (“Board course”, budget)"),
        ("update the resume", "update the resume"),  # an ordinary word stays a word
        ("'unknown' step", "'unknown' step"),
        ("the board-course-2 row", "the board-course-2 row"),  # not the id, only like it
    ],
)
def test_a_sentence_in_the_clients_words(text: str, said: str) -> None:
    assert WORDS(text) == said


def test_a_pdf_is_the_clients_and_a_page_the_coachs_unless_asked() -> None:
    assert default_edition("plan.PDF") == "client"
    assert default_edition("plan.html") == "coach"
    assert edition_for(None, "x.pdf") == "client"
    assert edition_for("coach", "x.pdf") == "coach"
    with pytest.raises(UsageError, match=r"unknown edition 'boss'; valid: client, coach"):
        edition_for("boss", "x.pdf")
