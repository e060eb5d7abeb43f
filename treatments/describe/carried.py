"""A body part carried over to the clauses that go on describing it (issue 17, C26): plain
Python over `scan`'s tokens, no database. Families name a part once and then list what is wrong
with it ("his teeth are small, widely spaced and crumbly"); each such clause is read as if it
named the part again ("teeth widely spaced"), so it reads only where that makes a sign's name or
row, as the part said beside it would. A colon or dash after a part ("her eyes: bulging, set
wide apart") says what it is like, as "are" does; and one rule (`part_build`) says what a
build word joined to a part means, wherever `scan` joins them."""

from __future__ import annotations

import re

from treatments.describe.whose import names_a_person
from treatments.describe.words import BODY_PARTS, BREAK, DETERMINERS, NOT, stem

Token = tuple[str, str, bool, bool, bool]  # as `scan` keeps them: stem, word, and three marks

# "and are set wide apart", "and has spots": the verb goes on with the subject before.
_GOES_ON = frozenset(["has", "have", "had", "is", "was", "are", "were", "gets", "got", "keeps"])


# A word for the whole body's build reads as the build only when said of the person: "thin
# wispy hair", "thin lips", "short fingers", "thin in her arms and legs" say what a part is
# like (its own phrase reads it, or nothing does), never "Slender build" or "Short stature".
BUILD = frozenset(["thin", "thinner", "skinny", "short", "shorter"])
# A size before "with" is the person's, not that of the part named after it: "he is small with
# a big head" is no small head, "very short with a small chin" no short chin (`scan`).
SIZES = BUILD | frozenset(
    ["tall", "small", "tiny", "big", "large", "slim", "chubby", "fat", "petite", "stocky"]
)


PERSONS = frozenset(
    ["baby", "babies", "child", "children", "kid", "kids", "son", "sons", "daughter", "boy",
     "boys", "girl", "girls", "toddler", "teenager", "teen", "infant", "newborn", "man", "woman"]
)  # fmt: skip


def of_the_person(before: str, sized_part: bool) -> bool:
    """Is what follows "with" said of the person `before` names or sizes ("a short boy with a
    wide neck", "he is small with a big head": the person's, not the neck's)? A size said of a
    part just named (`sized_part`, from `size_of_a_part`: "his head is small with a flat back",
    "her kidneys are big with lots of cysts") is the part's, and what follows "with" is still
    said of that part."""
    return before in PERSONS or (before in SIZES and not sized_part)


def size_of_a_part(before: str, out: list[Token], described: set[int]) -> bool:
    """Is the size typed before "with" said of the part just named ("his head is small with a
    flat back")? What follows "with" is then a clause of its own carried that part ("head ...
    flat back"): the size and the "with" phrase cannot both take the part's one word."""
    said = len(out) >= 2 and out[-1][1] == before and out[-1][4]
    return before in SIZES and said and len(out) - 2 in described


def joined_by_place(words: list[str], at: int, said: str) -> bool:
    """Is `words[at]` joined to the word `said` typed before it through "in" or "on" ("thin
    in her arms", "short in the legs")?"""
    before = at - 1
    while before >= 0 and words[before] in DETERMINERS:
        before -= 1
    return before > 0 and words[before] in ("in", "on") and words[before - 1] == said


def part_build(part: str, said: str) -> bool:
    """The one rule wherever `scan` joins a body part and a word said of it (through a place
    word: "thin in her arms"; through "is"/"are": "his legs are thin"; in a clause that goes
    on describing the part: "her hair is strange, very thin"): a word for the whole body's
    build (`BUILD`) said of a part (stem `part`) is the part's quality, never Slender build
    or Short stature."""
    return part in BODY_PARTS and said in BUILD


# "her eyes: bulging, set wide apart", "teeth - small and crooked": a colon or a dash after a
# body part says what the part is like, as "her eyes are ..." does; the words keep no colon.
# (A dash at a line's start is a list's bullet, not this.)
_PART_THEN_COLON = re.compile(r"\b([a-z]+)[ \t]*:|\b([a-z]+)[ \t]+[-\u2013\u2014][ \t]")


def said_of_the_part(folded: str) -> str:
    """`folded` with a colon or dash after a body part read as "are" ("her eyes are ..."), so
    the clauses after it are carried the part as after a copula."""

    def said(match: re.Match[str]) -> str:
        part = match[1] or match[2]
        return f"{part} are " if stem(part) in BODY_PARTS else match[0]

    return _PART_THEN_COLON.sub(said, folded)


def carried_parts(
    out: list[Token],
    subjects: list[int],
    described: set[int],
    theirs: frozenset[int],
) -> dict[int, tuple[Token, int]]:
    """Where a clause names no thing of its own, the body part it goes on describing: the
    subject of the clause before, when that clause said what the part is like ("his teeth are
    small, widely spaced and crumbly", "her hair is strange, very thin and fine") or the clause
    goes on with a verb ("her eyes bulge and are set wide apart"). A list of signs ("small
    hands and feet, short") carries nothing, nor does the part cross a clause with a subject
    of its own ("her hair is thin, she is tired", "his legs are stiff, one side is weaker"),
    another part, a new sentence or someone else's words; a denial is left as it is ("her
    skin is dry, not itchy"). {the clause's start: (the part's token, to insert there; its end)}"""
    carried: dict[int, tuple[Token, int]] = {}
    part: Token | None = None
    said_of_it = False  # did the part's clause say what it is like ("is ...")?
    start = 0
    for end in [*(i for i, t in enumerate(out) if t[0] == BREAK), len(out)]:
        clause = range(start, end)
        went_on = start > 0 and out[start - 1][1] in _GOES_ON  # "... and are set wide apart"
        if any(out[i][0] in BODY_PARTS for i in clause):
            first = out[start]
            subject = first[0] in BODY_PARTS and not first[2] and start not in theirs
            part = first if subject else None
            said_of_it = start in described
        elif (
            not clause
            or any(start <= s < end for s in subjects)
            or any(out[i][4] for i in clause)  # "one side is weaker": a thing of its own
            or any(i in theirs for i in clause)
        ):
            part = None
        elif part is not None and (said_of_it or went_on):
            if not any(out[i][0] == NOT for i in clause):
                carried[start] = ((part[0], part[1], False, False, False), end)
        else:
            part = None
        if end < len(out) and out[end][1] in ".!?":
            part = None  # a new sentence may be about anything
        start = end + 1
    return carried


def carried_after_with(
    out: list[Token], with_parts: dict[int, Token], theirs: frozenset[int]
) -> dict[int, tuple[Token, int]]:
    """The part a size was said of, carried to the clause after its "with" (`size_of_a_part`),
    as `carried_parts` gives them: {the clause's start: (the part's token; its end)}. As there,
    a denial is left as it is ("her kidneys are big with no cysts" is no renal cyst), and so is
    a clause opening with a size of its own ("his head is big with a small back": the back's)
    or with a person ("with his brother's small back")."""
    found = {}
    for start, part in with_parts.items():
        if start >= len(out) or out[start][0] == BREAK or out[start][1] in SIZES:
            continue
        if names_a_person(out[start][1]):
            continue
        end = next((i for i in range(start, len(out)) if out[i][0] == BREAK), len(out))
        if not any(out[i][0] == NOT or i in theirs for i in range(start, end)):
            found[start] = ((part[0], part[1], False, False, False), end)
    return found


def shifted(size: int, inserted: dict[int, object]) -> list[int]:
    """Each old token's position once a token is inserted before each key of `inserted`."""
    moved, extra = [], 0
    for i in range(size + 1):
        extra += i in inserted
        moved.append(i + extra)
    return moved
