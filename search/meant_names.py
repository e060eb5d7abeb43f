"""The condition a name means when the words typed are no document's name: an eponym with its
possessive's apostrophe dropped ("hashimotos disease", "lou gehrigs disease"), with a head word
its official name lacks ("Hashimoto thyroiditis"), without the qualifier its official name opens
with ("sjogrens syndrome": Primary Sjögren disease, not Marinesco-Sjögren syndrome), or the bare
name of a disease whose numbered types share it ("parkinsons disease": OMIM's "Parkinson
disease, late-onset", not "Parkinson disease 21").

Each reading is a key, searched at a synonym's weight: a name typed exactly as a document
writes it still wins, and the numbered types stay listed below the disease itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from search import lexicon
from search.keys import keys_held, titles_of
from search.name_forms import EPONYM_MAX_WORDS, condition_titles, names_inside_titles
from search.name_slips import SAID_MIN_SLIPS, said_alike
from search.ordinary_words import SUBTYPE_WORDS, is_known_word
from search.sounds import sound_keys
from search.text import STOPWORDS, edit_distance, fold, words

HEADS = ("disease", "syndrome")
# The word an official name opens with that a family leaves out ("Primary Sjögren disease").
QUALIFIERS = frozenset({"primary", "classic", "classical", "idiopathic"})
MIN_NAME_LETTERS = 4  # "lous" is no possessive worth reading; a shorter word names too much
_NOT_POSSESSIVE = ("ss", "us", "is")
# "Parkinson disease, late-onset": the disease itself is its name and a short qualifier; one
# that says how a form is inherited ("..., autosomal recessive") names a type of it.
MAX_QUALIFIER_WORDS = 2
_INHERITED = frozenset({"autosomal", "recessive", "dominant", "linked", "mitochondrial"})
_PARTICLES = frozenset({"de", "la", "le", "du", "des", "van", "von", "der", "den", "del"})
NAMED_TYPES = ("condition", "phenotype")  # the titles whose case says a word is a person's name


def possessive_readings(query: str) -> list[str]:
    """The query with a possessive's "s" dropped from the name's last word, as typed with the
    apostrophe ("addisons" -> "addison", "hashimotos disease" -> "hashimoto disease");
    [] when no word reads so."""
    tokens = words(query)
    if not 1 <= len(tokens) <= EPONYM_MAX_WORDS + 1:
        return []
    place = len(tokens) - 2 if tokens[-1] in HEADS and len(tokens) > 1 else len(tokens) - 1
    word = tokens[place]
    if (
        not word.isalpha()
        or len(word) <= MIN_NAME_LETTERS
        or not word.endswith("s")
        or word.endswith(_NOT_POSSESSIVE)
        or word in STOPWORDS
    ):
        return []
    return [" ".join([*tokens[:place], word[:-1], *tokens[place + 1 :]])]


def meant_keys(phrase: str, *, possessive: bool = False) -> list[str]:
    """The keys of the conditions `phrase` (folded words, as `words` gives them) means, also
    read with its possessive dropped and, when bare, with a head word. `possessive`: the name
    was typed with one ("hashimoto's disease"), which marks an eponym: only then is another
    head word read as its official name's ("Hashimoto thyroiditis")."""
    readings = possessive_readings(phrase)
    eponymous = possessive or bool(readings)
    current = lexicon.current()
    tables = [current.derived(meant_titles), current.derived(named_titles)]
    if eponymous:
        tables.append(current.derived(eponym_titles))
    found: list[str] = []
    for reading in (phrase, *readings):
        tokens = reading.split()
        named = [reading] if tokens and tokens[-1] in HEADS else []
        if 1 <= len(tokens) <= EPONYM_MAX_WORDS and not named:
            named = [f"{reading} {head}" for head in HEADS]
        found.extend(table[name] for table in tables for name in named if name in table)
    return list(dict.fromkeys(found))


def meant_titles(current: lexicon.Lexicon) -> dict[str, str]:
    """A name as families say it -> the normalised title of the condition it means, from the
    conditions' titles (built once per lexicon, dropped with it)."""
    titles = current.derived(condition_titles)
    return _said_as(titles, [*_qualified(titles), *_numbered(titles)])


def eponym_titles(current: lexicon.Lexicon) -> dict[str, str]:
    """An eponym said with a head word -> the one condition's title that names it with another
    ("hashimoto disease" -> "hashimoto thyroiditis"), read only for a name typed possessive."""
    titles = current.derived(condition_titles)
    return _said_as(titles, _other_heads(titles))


def named_titles(current: lexicon.Lexicon) -> dict[str, str]:
    """A person's name said with either head word -> the one condition's title that names
    them, read without a possessive: "hashimoto disease" -> "hashimoto thyroiditis" (the
    name no source writes in lower case: not "vibratory", as in "Impaired vibratory
    sensation"), and "crohn syndrome" or "tourette disease" -> the one title that holds
    "crohn disease" or "tourette syndrome" inside a longer one ("Inflammatory bowel disease 1,
    Crohn disease", "Gilles de la Tourette syndrome")."""
    titles = current.derived(condition_titles)
    common = current.derived(lower_case_words)
    named = [(said, title) for said, title in _other_heads(titles) if said.split()[0] not in common]
    meant = current.derived(meant_titles)  # "sjogren syndrome" is Primary Sjögren disease
    inside = [(said, title) for said, title in _held_inside(titles) if said not in meant]
    return _said_as(titles, [*named, *inside])


def lower_case_words(current: lexicon.Lexicon) -> frozenset[str]:
    """The words the conditions' and signs' titles write in lower case after their first:
    ordinary or medical words, never a person's name ("Crohn", "Tourette")."""
    del current  # its lifetime is the lexicon's, as the titles it reads
    found: set[str] = set()
    for doc_type in NAMED_TYPES:
        for title in titles_of(doc_type, as_written=True):
            found.update(
                fold(w) for w in title.replace("-", " ").split()[1:] if w.isalpha() and w.islower()
            )
    return frozenset(found)


def _held_inside(titles: frozenset[str]) -> list[tuple[str, str]]:
    """A name one title holds inside a longer one after a word of its own ("crohn disease"
    ends "inflammatory bowel disease 1 crohn disease"), opening with no English word, when no
    other title holds it. Not the second name of two ("mowat wilson syndrome", "marinesco
    sjogren syndrome"): the word before it is a known one, a particle ("Gilles de la Tourette
    syndrome") or no word."""
    holders: dict[str, list[str]] = defaultdict(list)
    for title in titles:
        tokens = title.split()
        if len(tokens) < 3 or tokens[-1] not in HEADS:
            continue
        for start in range(1, len(tokens) - 1):
            before, word = tokens[start - 1], tokens[start]
            if (
                word.isalpha()
                and not is_known_word(word)
                and (
                    not before.isalpha()
                    or before in STOPWORDS
                    or before in _PARTICLES
                    or is_known_word(before)
                )
            ):
                holders[" ".join(tokens[start:])].append(title)
    return [
        (name, named[0])
        for name, named in holders.items()
        if len(named) == 1 and len(name.split()) <= EPONYM_MAX_WORDS + 1 and name not in titles
    ]


def _said_as(titles: frozenset[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    meant: dict[str, str] = {}
    for said, title in pairs:
        for name in _with_heads(said):
            if name not in titles:
                meant.setdefault(name, title)
    return meant


def _with_heads(name: str) -> list[str]:
    stem, _, head = name.rpartition(" ")
    return [f"{stem} {other}" for other in HEADS] if head in HEADS else [name]


def _qualified(titles: frozenset[str]) -> list[tuple[str, str]]:
    """ "primary sjogren disease" is said "sjogren disease" (and "... syndrome")."""
    found = []
    for title in titles:
        first, _, rest = title.partition(" ")
        if first in QUALIFIERS and rest.rpartition(" ")[2] in HEADS:
            found.append((rest, title))
    return found


def _numbered(titles: frozenset[str]) -> list[tuple[str, str]]:
    """A disease whose numbered types share its name ("parkinson disease 21"), and one title
    of that name qualified without a number ("parkinson disease late onset"): the disease
    itself, which the bare name means (not "inflammatory bowel disease, autoimmunity, ...
    syndrome", another disease opening with the name of the numbered ones)."""
    numbered: dict[str, int] = defaultdict(int)
    plain: dict[str, list[str]] = defaultdict(list)
    for title in titles:
        tokens = title.split()
        for end in range(2, len(tokens)):
            if tokens[end - 1] not in HEADS:
                continue
            name, rest = " ".join(tokens[:end]), tokens[end:]
            if rest[0].isdigit():
                numbered[name] += 1
            elif len(rest) <= MAX_QUALIFIER_WORDS and not any(
                w in SUBTYPE_WORDS or w in _INHERITED or not w.isalpha() for w in rest
            ):
                plain[name].append(title)
    return [
        (name, plain[name][0])
        for name, count in numbered.items()
        if count >= 2 and len(plain.get(name, ())) == 1 and name not in titles
    ]


def _other_heads(titles: frozenset[str]) -> list[tuple[str, str]]:
    """ "hashimoto thyroiditis", the one condition named after Hashimoto, is said "hashimoto
    disease": a two-word title opening with a name no other title opens with and no English
    word, closed by a word that is not a head."""
    opening: dict[str, list[str]] = defaultdict(list)
    for title in titles:
        opening[title.partition(" ")[0]].append(title)
    found = []
    for first, named in opening.items():
        if len(named) != 1 or len(first) < MIN_NAME_LETTERS or not first.isalpha():
            continue
        tokens = named[0].split()
        if (
            len(tokens) == 2
            and tokens[1] not in HEADS
            and first not in STOPWORDS
            and not is_known_word(first)
        ):
            found.append((f"{first} disease", named[0]))
    return found


def said_name(word: str, proposed: str | None, known: Mapping[str, int]) -> str | None:
    """A name typed alone as it is said ("chrons", "crones" for Crohn's), when the word the
    spelling proposes names no condition ("chrono", an alias of the gene CIART) or is not said
    like it ("cross"): the one name (no English word: "crones" is no "corneas") said alike and
    near in spelling that, with a head word, is a condition's name ("crohn disease", inside
    "Inflammatory bowel disease 1, Crohn disease"), the nearest to the word without its
    possessive's "s" (with it when typed so); None when the proposal is such a name, or when
    none or two as near are."""
    if len(word) <= MIN_NAME_LETTERS or not word.isalpha():
        return None
    limit = max(SAID_MIN_SLIPS, (len(word) + 1) // 2)
    near = [
        t
        for t in said_alike(word, known)
        if edit_distance(word, t, limit + 1) <= limit and not is_known_word(t)
    ]
    alike = proposed is not None and bool(sound_keys(proposed) & sound_keys(word))
    named = {t: {f"{t} {head}" for head in HEADS} for t in (*near, *([proposed] if alike else []))}
    held = keys_held({name for names in named.values() for name in names})
    inside = lexicon.current().derived(names_inside_titles)
    fits = [t for t, names in named.items() if names & (held | inside)]
    if not fits or (alike and proposed in fits):
        return None
    stem = word[:-1] if word.endswith("s") else word
    slips = {t: edit_distance(stem if not t.endswith("s") else word, t, limit + 1) for t in fits}
    closest = [t for t in fits if slips[t] == min(slips.values())]
    if len(closest) != 1:
        return None
    [term] = closest
    return f"{term}s" if word.endswith("s") and not term.endswith("s") else term
