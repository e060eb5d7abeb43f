"""Plain phrasings whose sign lies in a number or a comparison, as tokens (plain Python).

A family says when a milestone came ("she sat at 14 months", "didn't walk till nearly 2"),
how early a baby came ("born at 34 weeks"), how a child compares with others ("small for his
age", "much smaller than other kids his age", "looks older than he is") and that a child does
not look at people ("doesn't look at us"). No name of a sign has those words, so nothing read
them (D32). `phrase_marks` turns them into tokens the phrase table's rows name:

- a milestone's age past the norm HPO's definition of its delay gives (sit 9 months, crawl 10,
  walk 15) is LATE ("sat at 14 months" = "sat late", the row of Delayed ability to sit); "not
  ... until <age>" is the same, and the negation is dropped ("didn't walk till 2" is no
  Inability to walk);
- "born at N weeks" under the 37 weeks of HPO's Premature birth is "born early";
- a comparison with other children or the person's own age is PEERS ("small for his age",
  "smaller than other kids", "older than she is"), which the rows pair with the quality;
- "look at" a person is EYE_CONTACT ("doesn't look at us" = HPO's Reduced eye contact).
"""

from __future__ import annotations

import re

from treatments.describe.words import course_marks

LATE, EARLY = "late", "early"  # the stems of the rows' own words ("walked late", "born early")
PEERS = "~peers"
EYE_CONTACT = "~eyecontact"
MARKED = frozenset([PEERS, EYE_CONTACT])  # tokens that stand for several words of a name
# HPO's definitions (hp.obo 2025-01-16): "Most children ... sit steadily without support at 9
# months of age" (Delayed ability to sit), "crawl on hands and knees between the ages of 6 and
# 10 months" (Delayed ability to crawl), "walk short distances independently between 12 and
# 15 months" (Delayed ability to walk); "less than 37 weeks of gestational age" (Premature
# birth).
_MILESTONE_MONTHS = {"sit": 9, "crawl": 10, "walk": 15}
_MILESTONE_FORMS = {
    "sit": "sit", "sat": "sit", "sitting": "sit", "sits": "sit",
    "crawl": "crawl", "crawled": "crawl", "crawling": "crawl", "crawls": "crawl",
    "walk": "walk", "walked": "walk", "walking": "walk", "walks": "walk",
}  # fmt: skip
TERM_WEEKS = 37
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_MONTHS = frozenset(["month", "months", "mo", "mos", "mths", "m"])
_YEARS = frozenset(["year", "years", "yr", "yrs", "y", "yo"])
_WEEKS = frozenset(["week", "weeks", "wk", "wks", "w"])
_UNTIL = frozenset(["until", "till", "til"])
_AT = frozenset(["at", "around"]) | _UNTIL
# Words between the preposition and the number ("at nearly 2", "till she was 3").
_BEFORE_NUMBER = frozenset(
    ["nearly", "almost", "about", "around", "over", "just", "age", "the", "of", "aged", "he",
     "she", "they", "was", "were", "turned", "after"]
)  # fmt: skip
_NEGATIONS = re.compile(r"^(?:not|never|n't|[a-z]+n'?t|cannot)$")
_OTHERS = frozenset(["other", "most", "all", "the", "his", "her", "their", "my", "our", "your"])
_PEOPLE = frozenset(
    ["kids", "children", "boys", "girls", "babies", "toddlers", "friends", "classmates", "peers",
     "others", "brother", "brothers", "sister", "sisters", "siblings", "cousins"]
)  # fmt: skip
_PERSONS = frozenset(["us", "me", "you", "people", "anyone", "anybody", "others", "them", "him",
                      "her"])  # fmt: skip
_LOOK = frozenset(["look", "looks", "looked", "looking"])
_AT_PERSONS = [["at", person] for person in _PERSONS]


def said_marks(words: list[str]) -> dict[int, tuple[int, str | None]]:
    """The course marks (`words.course_marks`) and, where none is, the phrase marks."""
    courses = course_marks(words)
    return {at: m for at, m in phrase_marks(words).items() if at not in courses} | courses


def phrase_marks(words: list[str]) -> dict[int, tuple[int, str | None]]:
    """Where `words` say one of the phrasings above: the first word's index -> (the index after
    the last word, the token, or None to drop the words)."""
    marks: dict[int, tuple[int, str | None]] = {}
    for at, word in enumerate(words):
        if word in _MILESTONE_FORMS or word == "born":
            marks.update(_age(words, at))
        elif word in ("for", "than"):
            end = _compared(words, at)
            if end:
                marks[at] = (end, PEERS)
        elif word in _LOOK and words[at + 1 : at + 3] in _AT_PERSONS:
            marks[at] = (at + 3, EYE_CONTACT)
    return marks


def _age(words: list[str], verb: int) -> dict[int, tuple[int, str | None]]:
    """A milestone reached late or a birth before term, said by age, after `words[verb]`."""
    prep = next((i for i in range(verb + 1, min(verb + 4, len(words))) if words[i] in _AT), None)
    if prep is None:
        return {}
    number = prep + 1
    while number < len(words) and words[number] in _BEFORE_NUMBER:
        number += 1
    value = _number(words[number]) if number < len(words) else None
    if value is None:
        return {}
    unit = words[number + 1] if number + 1 < len(words) else ""
    end = number + 2 if unit in _MONTHS | _YEARS | _WEEKS else number + 1
    if words[verb] == "born":
        early = words[prep] == "at" and unit in _WEEKS and value < TERM_WEEKS
        return {prep: (end, EARLY)} if early else {}
    # A number with no unit is years when small ("walked at 2"), months otherwise ("at 18").
    months = value if unit in _MONTHS or (unit not in _YEARS and value > 6) else value * 12
    if unit in _WEEKS or months <= _MILESTONE_MONTHS[_MILESTONE_FORMS[words[verb]]]:
        return {}
    negation = next((i for i in range(max(0, verb - 3), verb) if _NEGATIONS.match(words[i])), None)
    if negation is not None and words[prep] not in _UNTIL:
        return {}  # "can't walk at 3" is no late walking
    marks: dict[int, tuple[int, str | None]] = {prep: (end, LATE)}
    if negation is not None:
        marks[negation] = (negation + 1, None)  # "didn't walk till 2": walked, late
    return marks


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _compared(words: list[str], at: int) -> int:
    """The index after "for his age", "than other kids (his age)", "than his friends", "than
    she is" starting at `words[at]`, or 0."""
    rest = words[at + 1 : at + 6]
    if words[at] == "for":
        if rest[:1] == ["age"]:
            return at + 2
        return at + 3 if rest[1:2] == ["age"] and rest[0] in _OTHERS else 0
    i = 0
    while i < len(rest) and rest[i] in _OTHERS:
        i += 1
    if i < len(rest) and rest[i] in _PEOPLE:
        end = at + 2 + i
        tail = words[end : end + 2]
        return end + 2 if len(tail) == 2 and tail[1] == "age" and tail[0] in _OTHERS else end
    if rest[:1] in (["age"], ["years"]) or (
        rest[1:2] in (["age"], ["years"]) and rest[0] in _OTHERS
    ):
        return at + (2 if rest[0] in ("age", "years") else 3)
    if len(rest) >= 2 and rest[0] in ("he", "she", "they", "i") and rest[1] in ("is", "are", "am"):
        return at + 3  # "looks older than he is"
    return 0
