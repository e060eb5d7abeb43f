"""A slip read through the name it is typed in: "cystc fibrosis" is "cystic fibrosis" because
that is a name, though "cystc" alone is one slip from "cyst", "cysts" and "cystic" alike.

Word by word, spelling correction leaves such a slip alone (no reading wins clearly), or reads it
wrong ("cornelia de lang syndrome" -> "long"), or never looks at it, because the index holds the
slip itself once ("syndrom", in one document's text) or the word it ends in ("stargardts" is
read as the plural of "stargardt"). The name around it decides: when exactly one word, read as
a word one slip away, makes the name (the whole query, or the name a question wraps, either
one also with the head word an eponym is typed without: "cornelia de lang" -> "... syndrome")
a document's exact name, synonym or abbreviation, that reading is the correction. A word the
index lacks that no one-slip reading fits is read two slips away, when the caller can list
those words ("Charcot Mary Tooth": "mary" is two slips from "marie", one from "mark"). Last, a
word typed as it is said is read by its sound (`search.sounds`: "tay sax", "kneeman pick"),
beside other words, the reading closest in spelling when one is; and two words off at once are
read together ("lesh nihan syndrome", "hunters syndrom").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping

from search import lexicon
from search.keys import keys_held, names_lost
from search.name_forms import EPONYM_NEXT, eponym_keys, names_inside_titles
from search.ordinary_words import is_word_reading
from search.sounds import sound_alike, sound_keys, words_by_key
from search.text import STOPWORDS, edit_distance, one_edit_neighbours

MIN_LETTERS = 4  # a shorter word is one slip from too many others
# A word the index holds this rarely is read as a neighbour used `RARE_RATIO` times as often
# (a slip in the index itself: "syndrom", 1 use, beside "syndrome", 4,640 in the default install;
# another name's word: "sacks", 1 use in Libman-Sacks, beside "sachs", 5). The name decides which.
RARE_USES = 2
RARE_RATIO = 2
MAX_NAME_WORDS = 5
# A slip that lands on a real word ("pomp disease", "tay sacs") or on three letters ("ret
# syndrome", "niemann pik") is read through the name only beside another word: alone, "ret" is
# the gene RET, and nothing around it says otherwise.
LANDED_MIN_WORDS = 2
LANDED_MIN_LETTERS = 3
# A word typed as it is said ("tay sax", "kneeman pick") is read by its sound, last, beside
# other words and only when they and it make a name; its most used sound-alikes are tried.
MAX_SOUND_ALIKE = 200
# ... and spelled not too differently ("sax" is three slips from "sachs", "alajeel" four from
# "alagille"): a word said alike but spelled twice as far off is another word.
SAID_MIN_SLIPS = 3
# Two words read at once: the likeliest readings of each tried together (at most 16 x 16 pairs).
PAIR_FORMS = 16


def name_reading(
    typed: list[str],
    current: list[str],
    known: Mapping[str, int],
    name_of: Callable[[str], str | None],
    symbols: Collection[str] = (),
    farther: Callable[[str], Collection[str]] | None = None,
) -> list[str] | None:
    """`current` (the typed words after word-by-word correction) with one word read again so
    that the name becomes a document's exact key; None when it already is one, when no reading
    makes it one, or when more than one does. Words in `symbols` (typed in capitals) are left
    to the symbol rules: "FOCD" is a slip of a gene's symbol, not of the abbreviation "FCD".
    `farther(word)`: the known words two slips from a word the index lacks, read only when no
    word one slip away fits."""
    as_now = _names_in(current, name_of)
    if len(typed) != len(current) or not as_now:
        return None
    readable = [(place, word) for place, word in enumerate(typed) if word not in symbols]
    near = {place: _neighbours(word, known) for place, word in readable}
    fitting = _fitting(current, near, as_now, name_of)
    if fitting is None:
        return None
    if not fitting and len(typed) >= LANDED_MIN_WORDS:
        landed = {
            place: _landed_neighbours(word, known)
            for place, word in enumerate(typed)
            if word not in symbols
        }
        fitting = [
            reading
            for reading in _fitting(current, landed, as_now, name_of) or []
            if not _loses_a_name(current, reading, name_of)
        ]
    if not fitting and farther is not None:
        far = {place: _farther(word, known, farther) for place, word in readable}
        fitting = _fitting(current, far, as_now, name_of) or []
        if fitting and len(typed) >= LANDED_MIN_WORDS and not _said_alike(typed, fitting):
            # Two slips that change how the word is said lose to a name said as typed:
            # "fifer syndrome" is Pfeiffer (F-F-R), not Fisher (F-S-R), two slips away.
            fitting = _closest_said(typed, current, readable, known, as_now, name_of) or fitting
    if not fitting and len(typed) >= LANDED_MIN_WORDS:
        fitting = _closest_said(typed, current, readable, known, as_now, name_of)
        if not fitting:
            return _two_read(typed, current, readable, known, name_of)
    if len({position for position, _ in fitting}) != 1:
        return None
    position, neighbour = max(fitting, key=lambda reading: known.get(reading[1], 0))
    return [*current[:position], neighbour, *current[position + 1 :]]


def _fitting(
    current: list[str],
    readings: Mapping[int, Collection[str]],
    as_now: frozenset[str],
    name_of: Callable[[str], str | None],
    kept: Callable[[tuple[int, str]], bool] = lambda reading: True,
) -> list[tuple[int, str]] | None:
    """The (position, word) readings that make a name a document's exact key, of those
    `kept`; None when the name as now already is one. When none does, those that make a name
    a longer official name holds (`names_inside_titles`), unless the name as now is one."""
    candidates: dict[tuple[int, str], frozenset[str]] = {}
    for position, words in readings.items():
        for neighbour in words:
            if neighbour != current[position]:
                tokens = [*current[:position], neighbour, *current[position + 1 :]]
                candidates[position, neighbour] = _names_in(tokens, name_of)
    if not candidates:
        return []
    keys = {key for names in (*candidates.values(), as_now) for key in names}
    existing = keys_held(keys)
    if as_now & existing:
        return None
    fitting = [r for r, names in candidates.items() if names & existing and kept(r)]
    if fitting:
        return fitting
    # No reading is a whole name: one may still be the name a longer official name holds
    # ("tourets syndrome": Gilles de la Tourette syndrome), unless the words as typed are. A
    # possessive typed without its "'" ("aspergers") already found it: it is not rewritten.
    inside = lexicon.current().derived(names_inside_titles)
    if as_now & inside:
        return []
    return [
        (place, word)
        for (place, word), names in candidates.items()
        if names & inside and not _plural_pair(word, current[place]) and kept((place, word))
    ]


def _neighbours(word: str, known: Mapping[str, int]) -> list[str]:
    """The known words one slip from `word`: any of them for a word the index lacks (or holds
    only as a plural's stem); for a word it holds, only those it holds far more often."""
    if not _readable(word):
        return []
    uses = known.get(word, 0)
    if uses > RARE_USES:
        return []
    near = [term for term in one_edit_neighbours(word) if term in known and is_word_reading(term)]
    if not near and word.endswith("s"):
        # A possessive typed without its "'" and with a slip ("sjorgens": sjogren's).
        near = [t for t in one_edit_neighbours(word[:-1]) if t in known and is_word_reading(t)]
    if uses:
        near = [term for term in near if known[term] >= uses * RARE_RATIO]
    return near


def _landed_neighbours(word: str, known: Mapping[str, int]) -> list[str]:
    """The known words one slip from a word the index or English knows, or a short one: a slip
    that landed on another word ("pomp", "sacs") or on three letters ("ret", "pik"). Read only
    beside other words, and only when they and it make a name."""
    if len(word) < LANDED_MIN_LETTERS or not word.isalpha() or word in STOPWORDS | EPONYM_NEXT:
        return []
    return [
        term
        for term in one_edit_neighbours(word)
        if term in known and _readable(term) and not _plural_pair(term, word)
    ]


def _plural_pair(one: str, other: str) -> bool:
    """A word and its plural ("extra fingers", "extra finger"): one word to the index, no slip."""
    return one == other + "s" or other == one + "s"


def _loses_a_name(
    current: list[str], reading: tuple[int, str], name_of: Callable[[str], str | None]
) -> bool:
    """Would the reading rewrite a word that matched? When the typed words (the name a question
    wraps, if any) all stand in one document's names and the reading's do not, they named it:
    "pick disease" is Pick disease of brain, never "pink disease"."""
    position, neighbour = reading
    text = " ".join(current)
    read = " ".join([*current[:position], neighbour, *current[position + 1 :]])
    return names_lost(name_of(text) or text, name_of(read) or read)


def _farther(
    word: str, known: Mapping[str, int], farther: Callable[[str], Collection[str]]
) -> list[str]:
    """The known words two slips from a word the index lacks (words, not symbols)."""
    if word in known or not _readable(word):
        return []
    return [term for term in farther(word) if _readable(term)]


def _said_alike(typed: list[str], readings: list[tuple[int, str]]) -> bool:
    """Is any reading said like the word it replaces?"""
    return any(sound_keys(typed[place]) & sound_keys(term) for place, term in readings)


def _closest_said(
    typed: list[str],
    current: list[str],
    readable: list[tuple[int, str]],
    known: Mapping[str, int],
    as_now: frozenset[str],
    name_of: Callable[[str], str | None],
    *,
    losing: bool = False,
) -> list[tuple[int, str]]:
    """The reading by sound (`said_alike`) that makes a name without losing one, the closest
    in spelling to the word typed; none when two are as close ("bechets": "behcet", not "best",
    though both are said P-S-T and both make a name with "disease"). A name is lost when the
    word as typed stood in it (not a word-by-word correction of it: "fifer" is no "fiber").
    `losing`: the closest of the readings that do lose one instead."""
    said = {place: said_alike(word, known) for place, word in readable}
    distance = {
        (place, term): edit_distance(typed[place], term, len(typed[place]) + len(term))
        for place, terms in said.items()
        for term in terms
    }

    def kept(reading: tuple[int, str]) -> bool:
        near = distance[reading] <= max(SAID_MIN_SLIPS, (len(typed[reading[0]]) + 1) // 2)
        as_typed = _as_typed(typed, current, reading[0])
        return near and _loses_a_name(as_typed, reading, name_of) == losing

    near = {
        reading: distance[reading]
        for reading in _fitting(current, said, as_now, name_of, kept) or []
    }
    closest = [reading for reading, slips in near.items() if slips == min(near.values())]
    return closest if len(closest) == 1 else []


def _as_typed(typed: list[str], current: list[str], place: int) -> list[str]:
    return [*current[:place], typed[place], *current[place + 1 :]]


def heard_beside(
    typed: list[str],
    current: list[str],
    known: Mapping[str, int],
    name_of: Callable[[str], str | None],
    symbols: Collection[str] = (),
) -> list[str] | None:
    """A name said like the words typed when those words also stand in another document's
    names ("lee syndrome": Leigh syndrome, said L-ee, beside a syndrome one of whose names
    holds the eponym Lee): read beside them, never in their place (issue 17's rule)."""
    as_now = _names_in(current, name_of)
    if len(typed) != len(current) or len(typed) < LANDED_MIN_WORDS or not as_now:
        return None
    readable = [
        (place, word)
        for place, word in enumerate(typed)
        if word not in symbols and known.get(word, 0) <= RARE_USES
    ]
    if not readable:
        return None
    said = _closest_said(typed, current, readable, known, as_now, name_of, losing=True)
    if not said:
        return None
    [(position, term)] = said
    return [*current[:position], term, *current[position + 1 :]]


def _two_read(
    typed: list[str],
    current: list[str],
    readable: list[tuple[int, str]],
    known: Mapping[str, int],
    name_of: Callable[[str], str | None],
) -> list[str] | None:
    """Two words read at once, when no one word's reading makes a name ("lesh nihan syndrome",
    "hunters syndrom"): each word the index holds rarely or never, as one of its likeliest
    readings (`_likely_forms`); the one pair that makes a document's exact key without losing
    a name, or None."""
    forms = {
        place: _likely_forms(word, known)
        for place, word in readable
        if known.get(word, 0) <= RARE_USES and word not in STOPWORDS | EPONYM_NEXT
    }
    candidates: dict[tuple[int, str, int, str], frozenset[str]] = {}
    for first, second in itertools.combinations(
        sorted(place for place in forms if forms[place]), 2
    ):
        for one, other in itertools.product(forms[first], forms[second]):
            tokens = [*current]
            tokens[first], tokens[second] = one, other
            candidates[first, one, second, other] = _names_in(tokens, name_of)
    if not candidates:
        return None
    existing = keys_held({key for names in candidates.values() for key in names})
    fitting = [reading for reading, names in candidates.items() if names & existing]
    if len(fitting) != 1:
        return None
    first, one, second, other = fitting[0]
    tokens = [*current]
    tokens[first], tokens[second] = one, other
    text = " ".join(current)
    read = " ".join(tokens)
    return None if names_lost(name_of(text) or text, name_of(read) or read) else tokens


def _likely_forms(word: str, known: Mapping[str, int]) -> list[str]:
    """The `PAIR_FORMS` likeliest known words a word was typed for: one slip away or said alike
    (its plural or singular too: "hunters"), those said alike first, then the nearer and the
    more used."""
    if len(word) < LANDED_MIN_LETTERS or not word.isalpha():
        return []
    keys = sound_keys(word)
    limit = max(SAID_MIN_SLIPS, (len(word) + 1) // 2)
    near = {term for term in one_edit_neighbours(word) if term in known and _readable(term)}
    near |= {term for term in sound_alike(word, _said_index()) if _readable(term)}
    scored = sorted(
        (not (sound_keys(term) & keys), edit_distance(word, term, limit + 1), -known[term], term)
        for term in near
    )
    return [term for _, slips, _, term in scored if slips <= limit][:PAIR_FORMS]


def said_alike(word: str, known: Mapping[str, int]) -> list[str]:
    """The known words said like a word the index holds rarely or never, any number of slips
    away ("sax": "sachs"; "kneeman": "niemann"), its plural or singular aside ("extra fingers"),
    the most used first. Read beside other words when they and it make a name, and for a name
    typed alone (`search.meant_names.said_name`)."""
    if (
        len(word) < LANDED_MIN_LETTERS
        or known.get(word, 0) > RARE_USES
        or word in STOPWORDS | EPONYM_NEXT
    ):
        return []
    alike = [
        term
        for term in sound_alike(word, _said_index())
        if _readable(term) and not _plural_pair(term, word)
    ]
    return sorted(alike, key=lambda term: -known[term])[:MAX_SOUND_ALIKE]


def _by_sound(current: lexicon.Lexicon) -> dict[str, tuple[str, ...]]:
    return words_by_key(current.terms)


def _said_index() -> Mapping[str, Collection[str]]:
    """The lexicon's words by sound key, built once per lexicon and dropped with it."""
    return lexicon.current().derived(_by_sound)


def _readable(word: str) -> bool:
    return len(word) >= MIN_LETTERS and word.isalpha() and word not in STOPWORDS


def _names_in(tokens: list[str], name_of: Callable[[str], str | None]) -> frozenset[str]:
    """The phrases that would name a document: the whole query when short, and the name a
    question wraps ("treatment for cystic fibrosis" -> "cystic fibrosis"), each also with the
    head word an eponym is typed without ("cornelia de lange" -> "... syndrome")."""
    text = " ".join(tokens)
    names = {text} if len(tokens) <= MAX_NAME_WORDS else set()
    wrapped = name_of(text)
    if wrapped:
        names.add(wrapped)
    return frozenset(names | {key for name in names for key in eponym_keys(name)})
