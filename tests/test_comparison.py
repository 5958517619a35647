"""Pairing two articles' quotes: colours, differing words, walking in step, the model."""

from __future__ import annotations

from newsreader.comparison import COLOURS, QuoteModel, compare, versions
from newsreader.quotes import find_shared_quotes
from newsreader.quotes.model import QuoteGroup as Group
from newsreader.quotes.model import QuoteMember as Member

LEFT = (
    'Intro. "We will not lend our expertise," they wrote. Later: "Subject to the '
    'discretion of the President, they will get another chance," Musk said. "Unrelated '
    'words here," said someone.'
)
RIGHT = (
    '"Subject to the discretion of the president, they will be given another chance," '
    'he posted. Earlier: "We will not lend our expertise," the staff wrote.'
)


def member(article_id: str, body: str, text: str, differing: tuple[str, ...] = ()) -> Member:
    """The member printing `text`, with the engine's differing words `differing` in it."""
    start = body.index(text)
    diffs = tuple((start + text.index(w), start + text.index(w) + len(w)) for w in differing)
    return Member(article_id, start, start + len(text), text, diffs)


GROUPS = [
    Group(
        "g1",
        "We will not lend our expertise",
        "staff",
        (
            member("L", LEFT, "We will not lend our expertise"),
            member("R", RIGHT, "We will not lend our expertise"),
        ),
    ),
    Group(
        "g2",
        "Subject to the discretion of the President, they will be given another chance",
        "Musk",
        (
            member(
                "L",
                LEFT,
                "Subject to the discretion of the President, they will get another chance",
                ("get",),
            ),
            member(
                "R",
                RIGHT,
                "Subject to the discretion of the president, they will be given another chance",
                ("be given",),
            ),
            member("X", "x" * 10, "xxxx"),
        ),
    ),
    Group(
        "g3", "only elsewhere", "", (member("R", RIGHT, "the staff"), member("X", "the staff", "the staff"))
    ),
]


def test_compare_marks_the_words_the_engine_found_differing() -> None:
    """One source of differences: the compare view underlines what the engine flagged."""
    groups = find_shared_quotes([("L", LEFT), ("R", RIGHT)])
    subject = next(q for q in compare("L", "R", groups).shared if "Subject" in q.group.text)
    assert [LEFT[s:e] for s, e in subject.left_diffs] == ["President", "get"]
    assert [RIGHT[s:e] for s, e in subject.right_diffs] == ["president", "be", "given"]
    engine = {m.article_id: m.diffs for m in subject.group.members}
    assert (subject.left_diffs, subject.right_diffs) == (engine["L"], engine["R"])


def test_compare_pairs_quotes_with_one_colour_each() -> None:
    quotes_left = [
        (LEFT.index('"We') + 1, LEFT.index("expertise") + 9),
        (LEFT.index("Subject"), LEFT.index("chance") + 6),
        (LEFT.index("Unrelated"), LEFT.index("here") + 4),
    ]
    comparison = compare("L", "R", GROUPS, quotes_left, [])
    assert [q.group.id for q in comparison.shared] == ["g1", "g2"]  # left reading order
    assert [q.colour for q in comparison.shared] == [0, 1]
    assert comparison.only_left == ((LEFT.index("Unrelated"), LEFT.index("here") + 4),)
    assert comparison.status == "2 shared quotes · 1 only left · 0 only right"
    subject = comparison.shared[1]
    assert [LEFT[s:e] for s, e in subject.left_diffs] == ["get"]
    assert [RIGHT[s:e] for s, e in subject.right_diffs] == ["be given"]
    assert subject.differs and not comparison.shared[0].differs


def test_step_walks_each_side_in_its_own_reading_order() -> None:
    comparison = compare("L", "R", GROUPS)
    assert comparison.order("left") == (0, 1)
    assert comparison.order("right") == (1, 0)  # "Subject…" comes first on the right
    assert comparison.step("left", None, 1) == 0
    assert comparison.step("left", 0, 1) == 1
    assert comparison.step("left", 1, 1) == 1  # stops at the end
    assert comparison.step("right", None, 1) == 1
    assert comparison.step("right", 1, 1) == 0
    assert comparison.step("right", 0, -1) == 1
    assert comparison.step("left", None, 1, offset=LEFT.index("Later")) == 1
    assert comparison.step("left", None, -1, offset=LEFT.index("Later")) == 0


def test_at_offset_and_swapped() -> None:
    comparison = compare("L", "R", GROUPS)
    assert comparison.at_offset("left", LEFT.index("discretion")) == 1
    assert comparison.at_offset("left", 0) is None
    swapped = comparison.swapped()
    assert (swapped.left_id, swapped.right_id) == ("R", "L")
    assert [q.group.id for q in swapped.shared] == ["g2", "g1"]
    assert [q.colour for q in swapped.shared] == [1, 0]  # colours travel with the quote


def test_colours_cycle() -> None:
    body = " ".join(f'"quote number {i} here"' for i in range(COLOURS + 2))
    groups = [
        Group(
            f"g{i}",
            f"quote number {i} here",
            "",
            (member("A", body, f"quote number {i} here"), member("B", body, f"quote number {i} here")),
        )
        for i in range(COLOURS + 2)
    ]
    colours = [q.colour for q in compare("A", "B", groups).shared]
    assert colours == [i % COLOURS for i in range(COLOURS + 2)]


def test_model_counts_partners_and_groups() -> None:
    model = QuoteModel(GROUPS)
    assert model.counts == {"L": 2, "R": 3, "X": 2}
    assert model.partners("R") == [("L", 2), ("X", 2)]
    assert model.partners("nobody") == []
    assert next(g.id for g in model.groups) == "g2"  # three articles: first
    assert [g.id for g in model.groups_of("R")] == ["g2", "g1", "g3"]  # reading order
    assert model.carriers("g2", besides="L") == ["R", "X"]
    assert [q.group.id for q in model.compare("L", "R").shared] == ["g1", "g2"]


def test_versions_fullest_first_with_engine_diffs() -> None:
    text = "they will get another chance"
    body = f'"{text}"'
    start = body.index("get")
    group = Group(
        "g",
        "they will be given another chance",
        "",
        (
            Member("A", 1, 1 + len(text), text, ((start, start + 3),)),
            Member("B", 0, 25, "they will be given another chance"),
        ),
    )
    found = versions(group)
    assert [v.article_id for v in found] == ["B", "A"]
    assert [found[1].text[s:e] for s, e in found[1].diffs] == ["get"]


def test_level_rows_side_by_side_and_stacked() -> None:
    from newsreader.comparison import level_rows

    # Same text start: the same row, a third of the way down.
    assert level_rows(100, 200, 30) == (10, 10)
    # The right pane's text starts a row lower (its title wraps): one row higher in it.
    assert level_rows(100, 200, 30, here_top=4, there_top=5) == (10, 9)
    assert level_rows(100, 200, 30, here_top=5, there_top=4) == (10, 11)
    # Near the start of an article: as high as that article allows, still level.
    assert level_rows(100, 3, 30) == (3, 3)
    assert level_rows(2, 200, 30, here_top=4, there_top=5) == (2, 1)
    # Both at their very first line but the text starts lower on the right: cannot be level
    # without scrolling above the start; the nearer one stays at the top.
    assert level_rows(0, 0, 30, here_top=4, there_top=5) == (1, 0)


def test_an_article_sharing_only_wire_copy_is_compared_with_its_reprint() -> None:
    wire = "The pilot who held the record for the highest parachute jump for more than 50 years has died."
    passage = Group(
        "p1",
        wire,
        "",
        (Member("ap", 0, len(wire), wire), Member("daily", 10, 10 + len(wire), wire)),
        "passage",
    )
    model = QuoteModel([*GROUPS, passage])
    assert model.partners("ap") == []  # no quote in common with anyone
    assert model.wire_partners("ap") == [("daily", 1)]
    assert model.compare_partners("ap") == [("daily", 1)]
    assert model.compare_partners("R") == [("L", 2), ("X", 2)]  # quotes first, as before
