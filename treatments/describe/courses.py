"""How a sign goes over time, read from a description's words as one token (plain Python):
a family's "keeps getting", "comes and goes", "getting weaker", "since birth" and HPO's
"Recurrent", "Episodic", "Progressive", "Congenital" meet on it, so "Recurrent pneumonia" reads
"keeps getting pneumonia".
"""

from __future__ import annotations

import re

RECURRENT, PROGRESSIVE, EPISODIC, CONGENITAL = "~recurrent", "~progressive", "~episodic", "~born"
COURSES = frozenset([RECURRENT, PROGRESSIVE, EPISODIC, CONGENITAL])
# Words that say a sign is growing: "getting weaker", "stiffer and stiffer", "worse every year".
_COMPARATIVE = (
    r"(?:worse|weaker|stiffer|tighter|slower|clumsier|shakier|wobblier|thinner|smaller|bigger"
    r"|larger|harder|paler|fatter|heavier|shorter|deafer|floppier|sleepier|darker|more|less)"
)
_BECOMING = (
    r"(?:(?:keeps?|kept) )?(?:getting|gets|got|gotten|becoming|becomes|became|become|growing"
    r"|grows|grew|going|goes|went|gone)"
)
_PERIOD = r"(?:day|days|week|weeks|month|months|year|years)"
# A verb after "keeps getting" makes it an ordinary phrasal verb ("keeps getting up at night",
# "getting better"), and "comes and goes to school" is a person's coming and going.
_PARTICLE = r"(?:up|out|in|into|away|off|on|over|back|through|along|better|ready|dressed|to|from)"
# (pattern, token, regex group the token replaces): the group's words become the one token.
_COURSE_PATTERNS = (
    (rf"\b({_BECOMING})(?= (?:even |much |a lot |a bit |slowly |steadily |gradually )?"
     rf"{_COMPARATIVE}\b)", PROGRESSIVE, 1),
    (r"\b(more and more|less and less|(?:day|week|month|year) (?:by|after) (?:day|week|month"
     r"|year)|over the years|over time)\b", PROGRESSIVE, 1),
    (rf"\b(?P<c>{_COMPARATIVE}) (and (?P=c))\b", PROGRESSIVE, 2),
    (rf"\b{_COMPARATIVE} ((?:every|each) {_PERIOD})\b", PROGRESSIVE, 1),
    (r"\b(progressive|progressively|progressing|progresses|gradually|steadily|deteriorating"
     r"|declining)\b", PROGRESSIVE, 1),
    (rf"\b((?:keeps?|kept|keeping) (?:on )?(?:getting|having|catching|developing))\b"
     rf"(?! {_PARTICLE}\b)", RECURRENT, 1),
    (r"\b((?:keeps?|kept|keeping) coming back|(?:comes?|keeps? coming) back|again and again"
     r"|over and over|time and again|time after time|one after (?:another|the other)"
     r"|(?:twice|three times|four times|several times|many times|so many times|\d+ times)"
     rf"|every (?:few|couple of|other|two|three|four|\d+) {_PERIOD})\b", RECURRENT, 1),
    (r"\b(recurrent|recurring|recurrently|repeated|repeatedly|frequent|frequently)\b",
     RECURRENT, 1),
    (rf"\b(comes? and goes?|came and went|coming and going|on and off|off and on"
     rf"|(?:every )?now and (?:then|again)|from time to time)\b(?! {_PARTICLE}\b)", EPISODIC, 1),
    (r"\b(episodic|episodically|intermittent|intermittently|paroxysmal)\b", EPISODIC, 1),
    (r"\b(since birth|from birth|since (?:he|she|they) (?:was|were) born|from day one"
     r"|born with|congenital|congenitally)\b", CONGENITAL, 1),
)  # fmt: skip
_COURSE_RES = tuple((re.compile(p), token, group) for p, token, group in _COURSE_PATTERNS)
# The words a course phrase can start with: most texts (and HPO names) have none, and skip the
# patterns (the phrase table normalises about 45,000 names). A word a pattern spells with an
# optional ending ("keeps?", "comes?") is listed in both forms: findall reads only the longer.
_COURSE_STARTS = frozenset(
    re.findall(
        r"[a-z]+",
        _COMPARATIVE
        + _BECOMING
        + "day week month year over progressive progressively progressing progresses gradually"
        " steadily deteriorating declining keep keeping coming comes come came again time one twice three"
        " four several many so every recurrent recurring recurrently repeated repeatedly frequent"
        " frequently on off now from episodic episodically intermittent intermittently paroxysmal"
        " since born congenital congenitally",
    )
)


def course_marks(words: list[str]) -> dict[int, tuple[int, str]]:
    """Where `words` say how a sign goes over time: the first word's index -> (the index after
    the last word, the course token). Earlier patterns win an overlap."""
    if not any(word in _COURSE_STARTS or word.isdigit() for word in words):
        return {}
    text = " ".join(words)
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    index_at = {start: i for i, start in enumerate(starts)}
    marks: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    for pattern, token, group in _COURSE_RES:
        for match in pattern.finditer(text):
            first = index_at.get(match.start(group))
            if first is None:
                continue
            last = first + len(match.group(group).split())
            if taken.isdisjoint(range(first, last)):
                marks[first] = (last, token)
                taken.update(range(first, last))
    return marks
