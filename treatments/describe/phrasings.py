"""Plain phrasings whose sign lies in a number or a comparison, as tokens (plain Python).

A family says when a milestone came ("she sat at 14 months", "didn't walk till nearly 2"),
how early a baby came ("born at 34 weeks"), how a child compares with others ("small for his
age", "much smaller than other kids his age", "looks older than he is") and that a child does
not look at people ("doesn't look at us"). No name of a sign has those words, so nothing read
them (D32). `phrase_marks` turns them into tokens the phrase table's rows name:

- a milestone's age past the norm HPO's definition of its delay gives (sit 9 months, crawl 10,
  walk 15; talk 24, CDC's) is LATE ("sat at 14 months" = "sat late", the row of Delayed ability to sit); "not
  ... until <age>" is the same, and the negation is dropped ("didn't walk till 2" is no
  Inability to walk);
- "born at N weeks" under the 37 weeks of HPO's Premature birth is "born early";
- a comparison with other children or the person's own age is PEERS ("small for his age",
  "smaller than other kids", "older than she is"), which the rows pair with the quality;
- "look at" a person is EYE_CONTACT ("doesn't look at us" = HPO's Reduced eye contact);
- a clause that says only that the child is "delayed" or "behind" ("hes delayed", "and shes
  behind for her age") is DELAYED, the token of the row "delayed" (HPO's synonym
  "Developmental delay" of Global developmental delay); "behind his knees" is a place;
- "one <thing> after another" is RECURRENT ("one infection after another" = "keeps getting
  infections"), as "one after another" is (`words`);
- a negation of a sign's going ("a fever that won't go away", "thrush that doesn't clear up",
  "diarrhea that never stops") says it stays, not that it is absent: PERSISTS, which the rows
  "diarrhea that won't stop", "sores that don't heal" name, and no negation; "isn't
  developing (at all)" is DELAYED;
- "goes", "went", "turns" before a colour is TURNS ("goes blue" = the row "turns blue") (D33).
"""

from __future__ import annotations

import re

from treatments.describe.courses import RECURRENT, course_marks
from treatments.describe.words import NEGATED_VERB, NEGATORS, NOT_CONTRACTIONS

LATE, EARLY = "late", "early"  # the stems of the rows' own words ("walked late", "born early")
PEERS = "~peers"
EYE_CONTACT = "~eyecontact"
DELAYED = "~delayed"
PERSISTS = "~persists"
TURNS = "~turns"
MARKED = frozenset(
    [PEERS, EYE_CONTACT, DELAYED, PERSISTS, TURNS]
)  # tokens that stand for several words of a name
# HPO's definitions (hp.obo 2025-01-16): "Most children ... sit steadily without support at 9
# months of age" (Delayed ability to sit), "crawl on hands and knees between the ages of 6 and
# 10 months" (Delayed ability to crawl), "walk short distances independently between 12 and
# 15 months" (Delayed ability to walk); "less than 37 weeks of gestational age" (Premature
# birth).
# Talking: "at 2 years, most children say at least two words together" (CDC's milestone
# checklist, Zubler et al., Pediatrics 2022;149(3):e2021052138): "only started talking at 4",
# "didn't talk until she was 3" are the row "late talking" (Delayed speech and language
# development), where "didn't talk until 3" read Absent speech.
_MILESTONE_MONTHS = {"sit": 9, "crawl": 10, "walk": 15, "talk": 24}
# Where a lateness is stressed ("didn't walk until 8") a bare number is years only below the
# youngest month a parent could mean: a reading rule, not a norm. Crawl's is the low end of
# HPO's range above (6 months); the sources name no low end for sit, walk and talk, so theirs
# sit well below the named age (sit 5, walk 9, talk 9), so a number that could be on-time months
# ("didn't walk until 14") reads as months, on time, and nothing is read.
_MONTHS_FLOOR = {"sit": 5, "crawl": 6, "walk": 9, "talk": 9}
_MILESTONE_FORMS = {
    "sit": "sit", "sat": "sit", "sitting": "sit", "sits": "sit",
    "crawl": "crawl", "crawled": "crawl", "crawling": "crawl", "crawls": "crawl",
    "walk": "walk", "walked": "walk", "walking": "walk", "walks": "walk",
    "talk": "talk", "talked": "talk", "talking": "talk", "talks": "talk",
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
_AGED = frozenset(["was", "were", "turned", "age", "aged"])  # "till she was 9": her age
_HELD_WELL = frozenset(["fine", "well", "normally", "ok", "okay", "properly", "perfectly"])
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
# A clause's words that leave "delayed" or "behind" alone: who it is about, how much.
_DELAY_WORDS = frozenset(["delayed", "behind"])
_ONLY_WHO_AND_HOW_MUCH = frozenset(
    ["he", "she", "they", "i", "hes", "shes", "he's", "she's", "theyre", "they're", "im", "i'm",
     "is", "are", "was", "were", "am", "been", "has", "seems", "still", "now", "also", "a",
     "bit", "little", "very", "so", "quite", "really", "pretty", "way", "severely", "badly",
     "developmentally", "globally", "too", "and", "then", "but", "overall", "generally"]
)  # fmt: skip
_AFTER_DELAY = frozenset(["now", "too", "still", "overall", "at", "all", "properly", "normally"])
_DEVELOPING = frozenset(["developing", "develop", "developed"])
# "goes blue", "went pale": the change of colour the rows say with "turns" ("turns blue").
_TURNING = frozenset(["go", "goes", "going", "went", "gone", "turn", "turns", "turning", "turned"])
_COLOURS = frozenset(["blue", "yellow", "pale", "white", "grey", "gray", "purple", "red", "dusky"])
_CLAUSE_EDGES = frozenset([",", ";", ".", "!", "?", "and", "but", "so", "then"])
# "won't go away", "doesn't clear up", "never stops": the sign stays (after a negation).
_GOING = {
    "go": ("away", "down"), "goes": ("away", "down"), "going": ("away", "down"),
    "clear": ("up", ""), "clears": ("up", ""), "heal": ("up", ""), "heals": ("up", ""),
    "stop": ("", ""), "stops": ("", ""), "settle": ("down", ""), "settles": ("down", ""),
    "ease": ("up", "off"), "eases": ("up", "off"), "shift": ("", ""), "budge": ("", ""),
    "fade": ("away", ""), "fades": ("away", ""),
}  # fmt: skip
_STAYS = frozenset(["without", "even", "for", "on", "at", "however", "whatever", "no"])
_CATCH = frozenset(["catch", "catches", "catching", "caught", "picks", "picked"])
_AFTER_ANOTHER = (["after", "another"], ["after", "the", "other"])


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
        elif word in _DELAY_WORDS:
            marks.update(_delayed(words, at))
        elif word == "one":
            marks.update(_one_after_another(words, at))
        elif _negates(word) and at + 1 < len(words):
            end = _going(words, at + 1)
            if end:
                marks[at] = (end, PERSISTS)
            elif words[at + 1] in _DEVELOPING:
                marks.update(_delayed(words, at + 1, negation=at))
            else:
                marks.update(_not_yet(words, at))
        elif word in _TURNING and words[at + 1 : at + 2] and words[at + 1] in _COLOURS:
            marks[at] = (at + 1, TURNS)
    return marks


def _delayed(
    words: list[str], at: int, negation: int | None = None
) -> dict[int, tuple[int, str | None]]:
    """DELAYED when `words[at]` ("delayed", "behind", or "developing" after a `negation`) is all
    its clause says but who and how much, and perhaps a comparison ("behind for her age", whose
    words are dropped)."""
    start = at if negation is None else negation
    while start and words[start - 1] not in _CLAUSE_EDGES:
        start -= 1
        if words[start] not in _ONLY_WHO_AND_HOW_MUCH:
            return {}
    end = at + 1
    compared = _compared(words, end) if end < len(words) and words[end] in ("for", "than") else 0
    marks: dict[int, tuple[int, str | None]] = {at: (at + 1, DELAYED)}
    if negation is not None:
        marks[negation] = (negation + 1, None)  # "isn't developing": delayed, not a denial
    if compared:
        marks[end] = (compared, None)
        end = compared
    while end < len(words) and words[end] in _AFTER_DELAY:
        end += 1
    if end < len(words) and words[end] not in _CLAUSE_EDGES:
        return {}
    return marks


def _one_after_another(words: list[str], at: int) -> dict[int, tuple[int, str | None]]:
    """RECURRENT for "one" and nothing for "after another" when one to three words between
    them name the thing ("one infection after another", "one chest infection after the other")."""
    for gap in (1, 2, 3):
        after = at + 1 + gap
        for tail in _AFTER_ANOTHER:
            if words[after : after + len(tail)] == tail and not any(
                w in _CLAUSE_EDGES for w in words[at + 1 : after]
            ):
                first = at - 1 if at and words[at - 1] in _CATCH else at  # "catches one ..."
                return {first: (at + 1, RECURRENT), after: (after + len(tail), None)}
    return {}


def _going(words: list[str], verb: int) -> int:
    """The index after "go away", "clear up", "stop" ... at `words[verb]` (or after "ever",
    "seem to" before it), or 0."""
    while verb < len(words) and words[verb] in ("ever", "seem", "seems", "to", "really"):
        verb += 1
    if verb >= len(words) or words[verb] not in _GOING:
        return 0
    particles = [p for p in _GOING[words[verb]] if p]
    if particles and words[verb + 1 : verb + 2] and words[verb + 1] in particles:
        return verb + 2
    if words[verb] in ("go", "goes", "going"):
        return 0  # "doesn't go to school"
    if verb + 1 < len(words) and words[verb + 1] not in _CLAUSE_EDGES | _STAYS:
        return 0  # "never stops moving", "can't stop crying": another sign, not this one's going
    return verb + 1


def _negates(word: str) -> bool:
    plain = word.replace("'", "")
    return (
        plain in NEGATORS
        or plain in NOT_CONTRACTIONS
        or ("'" in word and bool(NEGATED_VERB.match(word)))
    )


# "he was talking at 3" says what he did at 3 (an ability held); "only started talking at 4"
# says when it began.
_WAS = frozenset(["was", "were", "is", "are"])
_STARTED = frozenset(["started", "start", "starting", "began", "begin", "first", "only"])


def _held_then(words: list[str], verb: int) -> bool:
    """Is the milestone verb at `verb` a progressive after "was" ("was talking at 3"), with no
    word before it saying that it started then?"""
    before = words[max(0, verb - 3) : verb]
    return (
        words[verb].endswith("ing")
        and verb > 0
        and words[verb - 1] in _WAS
        and not _STARTED.intersection(before)
    )


def _age(words: list[str], verb: int) -> dict[int, tuple[int, str | None]]:
    """A milestone reached late or a birth before term, said by age, after `words[verb]`."""
    prep = next((i for i in range(verb + 1, min(verb + 4, len(words))) if words[i] in _AT), None)
    if prep is None or _HELD_WELL.intersection(words[verb + 1 : prep]):
        return {}  # "was talking fine at 3": an ability held at that age, not its late start
    if _held_then(words, verb):
        return {}  # "was talking at 3 then lost his words": held at that age, not started
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
    milestone = _MILESTONE_FORMS[words[verb]]
    norm = _MILESTONE_MONTHS[milestone]
    negation = next((i for i in range(max(0, verb - 3), verb) if _NEGATIONS.match(words[i])), None)
    reached = negation is not None and words[prep] in _UNTIL  # "didn't walk till 2": it came
    # A number with no unit is years when small ("walked at 2"), months otherwise ("at 18"),
    # but years where a lateness is stressed and months would be too early to mean: "didn't
    # walk until 8" names no month (`_MONTHS_FLOOR`); "didn't walk until 14" is months, and
    # "till she was 9" the person's age.
    aged = not _AGED.isdisjoint(words[prep + 1 : number])
    bare_months = value > 6 and not (reached and (aged or value < _MONTHS_FLOOR[milestone]))
    months = value if unit in _MONTHS or (unit not in _YEARS and bare_months) else value * 12
    if unit in _WEEKS or months <= norm:
        # "didn't walk until 12 months": reached on time, so neither late nor absent.
        return {negation: (negation + 1, None)} if reached and negation is not None else {}
    if negation is not None and words[prep] not in _UNTIL:
        return {}  # "can't walk at 3" is no late walking
    marks: dict[int, tuple[int, str | None]] = {prep: (end, LATE)}
    if negation is not None:
        marks[negation] = (negation + 1, None)  # "didn't walk till 2": walked, late
    return marks


# "not walking yet", "hasn't walked yet", "not yet talking", "isn't talking or walking yet".
_BEFORE_VERB = frozenset(["yet", "even", "really", "started", "begun", "be", "able", "to"])
_IS_FORMS = frozenset(["is", "s", "hes", "shes", "aged", "age", "now"])
_AGE_WORD = re.compile(r"^(?P<n>\d{1,2})-?(?P<unit>months?|weeks?|years?)-?old$")


def _subject_age(words: list[str]) -> float | None:
    """The age in months the subject is said to be ("is 10 months", "a 20-month-old", "is 3",
    "3 years", "8 weeks old"), not any age in the text ("had surgery at 2 months")."""
    for at, word in enumerate(words):
        if match := _AGE_WORD.match(word):
            value, unit = int(match["n"]), match["unit"]
        else:
            value, unit = _number(word), words[at + 1] if at + 1 < len(words) else ""
            if value is None:
                continue
            old = words[at + 2 : at + 3] == ["old"] or words[at + 1 : at + 2] == ["old"]
            said_is = at > 0 and words[at - 1] in _IS_FORMS
            if not (said_is or old or unit in _YEARS):
                continue
        if unit in _WEEKS or unit.startswith("week"):
            return value / 4.35
        if unit in _MONTHS or unit.startswith("month"):
            return value
        # A number with no unit is years ("he is 3", "she is 10"): parents name months.
        return value * 12
    return None


def _not_yet(words: list[str], negation: int) -> dict[int, tuple[int, str | None]]:
    """LATE for the "yet" of a negated milestone ("he's 3 and not walking yet"): the family
    awaits it, so it is late (HPO's Delayed ability to walk, "A failure to achieve the ability
    to walk at an appropriate developmental stage"), not absent for good; the negation is
    dropped. A milestone whose norm the subject's stated age has not passed is on time ("she
    is 6 months and not sitting yet"): its words read nothing, not its absence."""
    verb = negation + 1
    while verb < len(words) and words[verb] in _BEFORE_VERB:
        verb += 1
    if verb >= len(words) or words[verb] not in _MILESTONE_FORMS:
        return {}
    yet = next((i for i in range(negation + 1, verb) if words[i] == "yet"), None)
    end, milestones = verb, [verb]
    while yet is None and end + 1 < len(words):
        end += 1
        if words[end] == "yet":
            yet = end
        elif words[end] in _MILESTONE_FORMS:
            milestones.append(end)
        elif words[end] not in _LIST_JOINS:
            break
    if yet is None:
        return {}
    age = _subject_age(words)
    on_time = [
        i
        for i in milestones
        if age is not None and age <= _MILESTONE_MONTHS[_MILESTONE_FORMS[words[i]]]
    ]
    if len(on_time) == len(milestones):
        return {negation: (end + 1, None)}
    # "late" where the negation was: the rows' own order ("late talking"), so a "yet" typed
    # last is not taken by a milestone after it ("not talking yet and walked late").
    marks: dict[int, tuple[int, str | None]] = {
        negation: (negation + 1, LATE),
        yet: (yet + 1, None),
    }
    for i in on_time:  # each with its "or": "not walking or talking yet" at 20 months
        if i == verb:
            marks[i] = (i + 2 if words[i + 1] in _LIST_JOINS else i + 1, None)
        else:
            marks[i - 1 if words[i - 1] in _LIST_JOINS else i] = (i + 1, None)
    return marks


_LIST_JOINS = ("or", "nor", "and")


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
