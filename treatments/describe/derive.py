"""HPO names rewritten the way parents say them (plain Python, one rule per function).

HPO names a sign as a clinician writes it ("Delayed ability to walk", "Absent speech"); a parent
writes "he was late to walk", "she never talked". Each rule turns one HPO name pattern into the
stems of a parent's phrasing; the recogniser matches stems in any order, so "walked late" and
"late to walk" are the same phrase. The phrases carry the rule as their source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from treatments.describe.courses import COURSES, EPISODIC, RECURRENT
from treatments.describe.recognise import normalise
from treatments.describe.words import BODY_PARTS, FEW, NOT, stem

DELAY_SOURCE = "HPO name 'Delayed X' / 'X delay', read as 'late / slow to X', 'behind with X'"
ABSENT_SOURCE = "HPO name 'Inability to X' / 'Absent X', read as 'can't / doesn't / never X'"
TOO_LITTLE_SOURCE = (
    "HPO name 'Decreased / Reduced / Poor / Little X', read as 'hardly any / very few / barely X'"
)
LOSS_SOURCE = "HPO name 'Loss of (ability to) X', read as 'stopped X'"
QUALIFIER_SOURCE = "HPO name 'Recurrent / Chronic / Progressive ... X', read as 'X'"
COURSE_SOURCE = (
    "HPO term 'Recurrent / Progressive / Episodic / Congenital X' under X (or whose X is a name"
    " of it), read as X said with 'keeps getting / getting worse / comes and goes / since birth'"
)
TRIGGER_SOURCE = (
    "HPO term 'T-induced X' / 'Exertional X' / 'X on exercise' under X (or whose X is a name of"
    " it), read as X said with its trigger ('after exercise', 'in the cold', 'with a fever')"
)
PART_QUALITY_SOURCE = "HPO name 'X muscle weakness / X joint stiffness', read as 'weak / stiff X'"
MAX_PART_STEMS = 2  # a parent names what is late or missing in one or two words

# Words of a clinical name a parent leaves out: "Delayed speech and language development" is
# "late to talk"; "Delayed ability to sit" is "late to sit".
_CLINICAL_WORDS = r"(?:ability to |development of |the |onset of )?"
_TRAILING = re.compile(r"\s+(?:development|milestones?|maturation|acquisition)$")
_DELAYED = (
    re.compile(rf"^delayed {_CLINICAL_WORDS}(?P<x>.+)$"),
    re.compile(r"^(?P<x>.+?) delay$"),
)
_ABSENT = re.compile(
    rf"^(?:inability to|unable to|absent|absence of|lack of) {_CLINICAL_WORDS}(?P<x>.+)$"
)
# Too little of a thing, as HPO's names head it ("Sparse" and "Few" are FEW words of their
# own): "Decreased sweating" is "hardly sweats", "Poor appetite" "hardly any appetite",
# "Reduced number of teeth" "very few teeth", "Sweating, decreased" too.
_TOO_LITTLE = (
    re.compile(
        rf"^(?:decreased|reduced|diminished|poor|little|minimal) (?:number of |amount of )?"
        rf"{_CLINICAL_WORDS}(?P<x>.+)$"
    ),
    re.compile(r"^(?P<x>.+?),? (?:decreased|reduced)$"),
)
# How a name measures the thing, which a family leaves out: "Decreased urine output" is
# "hardly pees", "Decreased tear secretion" "hardly any tears", "Decreased blink rate"
# "barely blinks".
_MEASURE = re.compile(r"\s+(?:output|production|secretion|flow|count|amount|volume|rate|levels?)$")
_LOSS = re.compile(rf"^(?:loss of|lost) {_CLINICAL_WORDS}(?P<x>.+)$")
# How often, how long or how widely: a parent says "keeps getting ear infections" ("keeps" is
# filler) for "Recurrent middle ear infection". An unqualified HPO name of its own wins over this.
_QUALIFIED = re.compile(
    r"^(?:recurrent|frequent|chronic|episodic|progressive|persistent|severe|mild|generali[sz]ed"
    r"|bilateral|congenital|intermittent) (?P<x>.+)$"
)


def _parts(text: str, *, split: bool = False) -> Iterator[tuple[str, ...]]:
    """The stems of `text`, or with `split` of each of its parts ("speech and language" ->
    speech, language), kept when one or two words carry meaning."""
    text = _TRAILING.sub("", text.strip())
    for part in re.split(r"\s+(?:and|or)\s+|,\s*|/", text) if split else [text]:
        stems = tuple(s for s in normalise(part) if s != NOT)
        if 0 < len(stems) <= MAX_PART_STEMS:
            yield stems


def delayed(name: str) -> list[tuple[str, ...]]:
    """'Delayed ability to walk' -> 'late walk', 'slow walk', 'behind walk' ('he was late to
    walk', 'she is behind with talking')."""
    lowered = name.lower()
    for pattern in _DELAYED:
        match = pattern.match(lowered)
        if match:
            parts = list(_parts(match["x"], split=True))
            # "behind" also places a thing ("food stuck behind his teeth", "a lump behind
            # the heel bone"): said only of what is not a body part.
            behind = [part for part in parts if not set(part) & BODY_PARTS]
            return [(stem(word), *part) for part in parts for word in ("late", "slow")] + [
                (stem("behind"), *part) for part in behind
            ]
    return []


def absent(name: str) -> list[tuple[str, ...]]:
    """'Inability to walk', 'Absent speech' -> NOT walk, NOT speech ('can't walk', 'never
    talked', 'no speech'; the negation must sit right before the word)."""
    match = _ABSENT.match(name.lower())
    return [(NOT, *part) for part in _parts(match["x"])] if match else []


def too_little(name: str) -> list[tuple[str, ...]]:
    """'Decreased sweating', 'Poor appetite' -> FEW sweat, FEW appetite ('hardly sweats',
    'barely any appetite'); the FEW word may sit before or after ('her hair is sparse')."""
    lowered = name.lower()
    for pattern in _TOO_LITTLE:
        match = pattern.match(lowered)
        # A one-letter word carries the meaning ("Decreased T cells", "Decreased urinary K"),
        # and the stems drop it: "hardly any cells" is no T lymphocytopenia.
        if match and not re.search(r"\b[a-z0-9]\b", match["x"]):
            said = dict.fromkeys([match["x"], _MEASURE.sub("", match["x"])])
            return [(FEW, *part) for x in said for part in _parts(x) if FEW not in part]
    return []


def lost(name: str) -> list[tuple[str, ...]]:
    """'Loss of ability to walk' -> 'stopped walking' ('lost the ability' meets 'loss' by stem)."""
    match = _LOSS.match(name.lower())
    return [(stem("stopped"), *part) for part in _parts(match["x"])] if match else []


def qualified(name: str) -> list[tuple[str, ...]]:
    """'Recurrent middle ear infection' -> 'middle ear infection'."""
    match = _QUALIFIED.match(name.lower())
    stems = tuple(s for s in normalise(match["x"]) if s != NOT) if match else ()
    return [stems] if len(stems) >= 2 else []


# A family names the body part and what is wrong with it, not the tissue between: "a weak neck"
# is HPO's "Neck muscle weakness", "stiff legs" its "Leg muscle stiffness".
_PART_TISSUE_QUALITY = re.compile(
    r"^(?P<part>[a-z]+) (?:muscle|muscles|joint|joints) (?P<quality>weakness|stiffness)$"
)
_TISSUES = frozenset([stem("muscle"), stem("joint")])


def part_quality(name: str) -> list[tuple[str, ...]]:
    """'Neck muscle weakness' -> 'weak neck' (the body part and the quality, in any order);
    only when the first word is a body part ('Proximal muscle weakness' is not)."""
    match = _PART_TISSUE_QUALITY.match(name.lower())
    if not match:
        return []
    part = stem(match["part"])
    if part not in BODY_PARTS or part in _TISSUES:
        return []
    return [(stem(match["quality"]), part)]


_ABNORMALITY_OF = re.compile(r"^abnormality of the (?P<x>[a-z ]+)$")
_ABNORMAL_MORPHOLOGY = re.compile(r"^abnormal (?P<x>[a-z ]+) morphology$")


def body_part(name: str) -> str | None:
    """'bladder' for 'Abnormality of the bladder' or 'Abnormal bladder morphology' (one or two
    words): what a family calls "bladder problems"; else None."""
    lowered = name.lower()
    match = _ABNORMALITY_OF.match(lowered) or _ABNORMAL_MORPHOLOGY.match(lowered)
    return match["x"] if match and len(match["x"].split()) <= 2 else None


# A family's "comes and goes" and "keeps getting" are one course when HPO names only one:
# "Recurrent abdominal pain" is what "tummy pain that comes and goes" says.
_SAME_COURSE = {EPISODIC: RECURRENT, RECURRENT: EPISODIC}


def course(stems: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The stems of 'Recurrent pneumonia' -> (RECURRENT, ('pneumonia',)): the course a name
    adds to a sign (its first or last words) and the sign's stems; None for a name with none."""
    for token, rest in ((stems[:1], stems[1:]), (stems[-1:], stems[:-1])):
        if token and token[0] in COURSES and rest and not set(rest) & COURSES:
            return token[0], rest
    return None


# What sets a sign off, in HPO's names: "Exercise-induced muscle cramps", "Exertional dyspnea",
# "Cold-induced sweating", "Fever induced seizure", "Muscle cramps on exertion". The trigger
# stays a plain word of the phrase (no token of its own), so a phrase that reads it already
# keeps it ("can't keep up with exercise" is still Exercise intolerance).
_TRIGGER = r"(?P<t>exercise|exertion|exertional|cold|fever)"
_TRIGGERED = (
    re.compile(rf"^{_TRIGGER}[- ](?:induced|triggered|provoked|precipitated) (?P<x>.+)$"),
    re.compile(r"^(?P<t>exertional) (?P<x>.+)$"),
    re.compile(rf"^(?P<x>.+?),? (?:induced|triggered|provoked|precipitated) by {_TRIGGER}$"),
    re.compile(rf"^(?P<x>.+?),? (?:on|with|after|following) {_TRIGGER}$"),
)
_SAME_TRIGGER = {"exertion": "exercise", "exertional": "exercise"}


def trigger(name: str) -> tuple[str, tuple[str, ...]] | None:
    """'Exercise-induced muscle cramps' -> ('exercise', stems of 'muscle cramps'): the trigger
    a name adds to a sign and the sign's stems; None for a name with none ("Exercise
    intolerance" names no other sign: its X is no sign's name, so it adds nothing)."""
    lowered = name.lower()
    for pattern in _TRIGGERED:
        match = pattern.match(lowered)
        if match:
            stems = tuple(s for s in normalise(match["x"]) if s != NOT and s not in COURSES)
            word = stem(_SAME_TRIGGER.get(match["t"], match["t"]))
            return (word, stems) if stems and word not in stems else None
    return None


def courses_alike(token: str) -> tuple[str, ...]:
    """The course itself, then the one a family means alike ("comes and goes" = recurrent)."""
    return (token, _SAME_COURSE[token]) if token in _SAME_COURSE else (token,)


RULES: tuple[tuple[Callable[[str], list[tuple[str, ...]]], str], ...] = (
    (delayed, DELAY_SOURCE),
    (absent, ABSENT_SOURCE),
    (too_little, TOO_LITTLE_SOURCE),
    (lost, LOSS_SOURCE),
    (qualified, QUALIFIER_SOURCE),
    (part_quality, PART_QUALITY_SOURCE),
)


def parent_phrasings(name: str) -> list[tuple[tuple[str, ...], str]]:
    """Every parent phrasing the rules derive from an HPO name, with the rule as its source."""
    return [(stems, source) for rule, source in RULES for stems in rule(name)]
