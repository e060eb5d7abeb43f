"""Spelling correction that knows the domain: the "did you mean" of a query, and the readings
searched beside it. A word is corrected only when the index, ordinary English and the everyday
sign words do not know it; an eponym only into a well-known name; a symbol by one likely slip
(a tie of two or three symbols is read, not proposed); a slip no reading settles, through the
name it is typed in (`name_slips`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

from django.db import connection

from search import lexicon
from search.compound_codes import compound_code_words
from search.contractions import CONTRACTIONS, typed_as_abbreviation
from search.keys import keys_held
from search.meant_names import said_name
from search.name_forms import EPONYM_NEXT, other_head_names
from search.name_slips import heard_beside, name_reading
from search.ordinary_words import is_known_word, is_word_reading
from search.text import (
    STOPWORDS,
    edit_distance,
    fold,
    is_symbol_like,
    near_slip_neighbours,
    one_edit_neighbours,
    phrase_form,
    swapped_neighbours,
    undoubled_neighbours,
    words,
)
from search.title_slips import words_kept_in_title
from search.wrapped_names import unwrapped_name

MAX_TIED = 3  # a slip that more symbols explain as well names none of them


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


# A word typed with a possessive names someone, as one before a head word does (`EPONYM_NEXT`):
# an eponym ("Pompe disease", "Batten's") is never rewritten, even when the index lacks it.
_POSSESSIVE_WORD = re.compile(r"(\w+)['\u2019]s\b")


def _eponyms(query: str, tokens: list[str]) -> set[str]:
    found = {m.group(1).lower() for m in _POSSESSIVE_WORD.finditer(query)}
    found.update(w for w, nxt in itertools.pairwise(tokens) if nxt in EPONYM_NEXT)
    # A capitalised word typed alone or mid-sentence is a name too ("Pompe", "is it Batten").
    typed = query.split()
    found.update(
        w.lower()
        for i, w in enumerate(typed)
        if w[:1].isupper() and w[1:].islower() and (len(typed) == 1 or i > 0)
    )
    return found


def spelling_correction(query: str) -> str | None:
    """The query with unknown words replaced by the closest indexed word; None if all are known
    (indexed, ordinary English words, or words an app registered, such as everyday sign words).

    An eponym is rewritten only into a well-known name, and a proposal must win clearly (no
    other known word as close and as common).
    """
    return spelling_proposals(query)[0]


def spelling_proposals(
    query: str, codes: frozenset[str] | None = None
) -> tuple[str | None, tuple[str, ...]]:
    """The correction of `spelling_correction`, and the readings of a tie: when a symbol's
    likeliest slip reaches two or three known symbols as often used ("JGA1": JAG1 or GJA1),
    the query with each of them, likeliest first (a tie is read for one word only).

    A contraction typed without its apostrophe ("cant", "dont") is a word, never a slip of a
    name ("CAT", "dent"), unless typed as an abbreviation ("CANT" alone: CANT1). `codes`: the
    query's compound code words when the caller has read them already."""
    tokens = words(query)
    as_typed = (set(tokens) & CONTRACTIONS) - typed_as_abbreviation(query)
    if codes is None:
        codes = compound_code_words(query)
    corrected, tied = _proposals(query, tokens, as_typed, codes)
    if not as_typed:
        return corrected, tied
    # Nor does a name read across the words rewrite one.
    kept = [r for r in (corrected, *tied) if r is None or as_typed <= set(words(r))]
    return (corrected if corrected in kept else None), tuple(r for r in tied if r in kept)


def _proposals(
    query: str, tokens: list[str], as_typed: set[str], codes: frozenset[str]
) -> tuple[str | None, tuple[str, ...]]:
    eponyms = _eponyms(query, tokens)
    # A word typed in capitals is a symbol or an abbreviation: a doubled letter there is a slip,
    # while English spells many words with one ("moody" is not MODY).
    capitals = {fold(w) for w in re.findall(r"\w+", query) if w.isupper()}
    current = lexicon.current()
    known, preferred = current.terms, current.preferred
    joined = _joined_words(tokens, known)
    if joined != tokens:
        return " ".join(joined), ()
    if (forms := other_head_names(query)) and keys_held({phrase_form(f) for f in forms}):
        # A name typed with the other head word is that name, not a slip of another: "apert
        # disease" is Apert syndrome, not "parrot disease" (psittacosis).
        return None, ()
    # A three-character word is read only as a symbol slip (below), and only when typed as one
    # on its own: in "HKA-J" it is part of a longer symbol (HLA-J), not CHKA.
    alone = {fold(w) for w in query.split() if w.isalnum()}
    candidates = [
        t
        for t in tokens
        if (t.isalpha() or is_symbol_like(t))
        and t not in STOPWORDS
        and t not in as_typed
        and t not in codes  # "NTLA-2002": a drug's code, not "ntal"
        and (len(t) >= 4 or (len(t) == 3 and t in alone and (is_symbol_like(t) or t in capitals)))
    ]
    # An everyday word is right even when the index never uses it ("hold" is not "hole", and
    # the parents' "wobbly" is not "wooly").
    unknown = [
        word
        for word in candidates
        if word not in known
        and word not in preferred
        and not _plural_known(word, known)
        and not is_known_word(word)
    ]
    replacements: dict[str, str] = {}
    ties: dict[str, tuple[str, ...]] = {}
    with connection.cursor() as cursor:
        for word in unknown:
            found = _readings(
                word, cursor, known, preferred, capitals=word in capitals, eponym=word in eponyms
            )
            if len(found) == 1:
                replacements[word] = found[0]
            elif found:
                ties[word] = found
    # A title's English and places ("Relapsed", "in Brazil") are no slips; a word in capitals
    # is a symbol's, read as one.
    read = {**ties, **{w: (r,) for w, r in replacements.items()}}
    kept = words_kept_in_title(
        query, tokens, {w: r for w, r in read.items() if w not in capitals}, codes
    )
    for word in kept:
        replacements.pop(word, None)
        ties.pop(word, None)
        unknown.remove(word)
    if len(tokens) == 1 and tokens[0] in unknown and tokens[0] not in capitals:
        # A name typed alone as it is said ("chrons"): a condition's, not an ordinary word's
        # (a word in capitals is a symbol's slip: "DONON" is DONSON, not Danon disease).
        said = said_name(tokens[0], replacements.get(tokens[0]), known)
        if said is not None:
            return said, ()
    # The name the words make decides a slip that no reading of the word alone settles; a word
    # no known word is one slip from is read two slips away only if it is unknown in English too.
    current = [replacements.get(t, t) for t in tokens]

    def farther(word: str) -> list[str]:
        return _two_slips(word, known) if word in unknown else []

    reread = name_reading(tokens, current, known, unwrapped_name, capitals, farther)
    if reread is not None:
        return " ".join(reread), ()
    corrected = " ".join(current) if replacements else None
    if corrected is None and not ties:
        # A name said like words that also stand in another name is searched beside them,
        # never proposed in their place ("lee syndrome": Leigh syndrome too).
        heard = heard_beside(tokens, current, known, unwrapped_name, capitals)
        if heard is not None:
            return None, (" ".join(heard),)
    if len(ties) != 1:
        return corrected, ()
    [(word, tied)] = ties.items()
    readings = tuple(
        " ".join(symbol if t == word else replacements.get(t, t) for t in tokens) for symbol in tied
    )
    return corrected, readings


def _readings(
    word: str,
    cursor,
    known: Mapping[str, int],
    preferred: frozenset[str],
    *,
    capitals: bool,
    eponym: bool,
) -> tuple[str, ...]:
    """What an unknown word was meant to be: one word, two or three tied symbols, or none."""
    typed_as_symbol = is_symbol_like(word) or capitals
    family = _family_members(word, known, preferred) if typed_as_symbol else None
    if family is not None:
        return family
    preferred_found = _preferred_symbol(word, known, preferred) if typed_as_symbol else ()
    if len(word) >= 4:
        found = _closest_reading(word, cursor, known, capitals, eponym)
    elif preferred_found:
        # Any other slip of three characters reaches too many words: only a disease gene's
        # symbol is read, beside the other symbols a likely slip reaches as often.
        found = _closest_symbol(word, known, likely_only=True)
    else:
        return ()
    if not preferred_found or set(found) <= set(preferred_found):
        return preferred_found or found
    # A disease gene's symbol and a likelier slip's word: neither wins clearly, so both are
    # read (the gene first) and none is proposed ("CLSN": CLXN first, CLSPN too).
    return tuple(dict.fromkeys((*preferred_found, *found)))[:MAX_TIED]


def _closest_reading(
    word: str, cursor, known: Mapping[str, int], capitals: bool, eponym: bool
) -> tuple[str, ...]:
    if is_symbol_like(word):
        return _closest_symbol(word, known)
    # An eponym is rewritten only into a name the index knows well ("angelmann" -> "angelman",
    # 8 uses), never into a rare word ("Pompe" -> "pomp", 1 use).
    min_uses = EPONYM_MIN_USES if eponym else 1
    best = _closest(word, cursor, known, min_uses, doubled=capitals)
    if best:
        return (best,)
    # A word typed in capitals that no word is clearly closest to is read as a symbol ("LTCS":
    # LTC4S or OTCS); an ordinary word never is.
    return _closest_symbol(word, known) if capitals else ()


TWO_SLIP_CANDIDATES = 40


def _two_slips(word: str, known: Mapping[str, int]) -> list[str]:
    """The known words two slips from `word` ("mary" -> "marie"), from the trigram index:
    the in-process lexicon would have to try ~47,000 spellings of a four-letter word."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM search_searchterm WHERE term %% %s AND term ~ '^[a-z]+$' "
            "ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT %s",
            [word, word, TWO_SLIP_CANDIDATES],
        )
        terms = [term for (term,) in cursor.fetchall()]
    return [term for term in terms if term in known and edit_distance(word, term, 3) == 2]


def _joined_words(tokens: list[str], known: Mapping[str, int]) -> list[str]:
    """Two typed words that are one known word when joined ("san filippo" -> "sanfilippo"),
    when one of them is unknown: else the nearest single word wins ("filippi", another
    syndrome). Two known words are never joined ("angel man")."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        pair = tokens[index : index + 2]
        if (
            len(pair) == 2
            and all(part.isalpha() for part in pair)
            and "".join(pair) in known
            and not all(part in known for part in pair)
        ):
            out.append("".join(pair))
            index += 2
            continue
        out.append(tokens[index])
        index += 1
    return out


def _plural_known(word: str, known: Mapping[str, int]) -> bool:
    # A symbol is no English plural: "TMEM151S" is a slip of TMEM151A, not two TMEM151s.
    if is_symbol_like(word):
        return False
    return (word[:-1] if word.endswith("s") else word + "s") in known


EPONYM_MIN_USES = 3


def _closest(
    word: str, cursor, known: Mapping[str, int], min_uses: int = 1, *, doubled: bool = False
) -> str | None:
    # A swap (or a doubled key, when `doubled`), when one known word is one, decides without
    # asking PostgreSQL. Otherwise pg_trgm narrows the lexicon, and the in-process lexicon adds
    # every word one slip away (trigrams miss a swap in a short word); the edit distance decides
    # (swaps count once).
    kept = _kept_letters_winner(word, known, min_uses, doubled=doubled)
    if kept:
        return kept
    cursor.execute(
        "SELECT term, frequency FROM search_searchterm "
        "WHERE term %% %s ORDER BY similarity(term, %s) DESC, frequency DESC LIMIT 12",
        [word, word],
    )
    uses = dict(cursor.fetchall())
    uses.update((term, known[term]) for term in one_edit_neighbours(word) if term in known)
    if not doubled:
        uses = {term: n for term, n in uses.items() if is_word_reading(term)}
    return _clear_winner(word, uses, _max_edits(word), min_uses)


def _closest_symbol(
    word: str, known: Mapping[str, int], *, likely_only: bool = False
) -> tuple[str, ...]:
    """A symbol is corrected by one slip only: two edits of a five-character symbol reach
    dozens of other genes ("tcs2" -> "tsc2", never "tcf2" as well). The likeliest kind of slip
    that reaches a known symbol decides: a swap or a doubled key, then a dropped character or a
    neighbouring key, then any other change. Two or three symbols as likely at one of the first
    two levels are all returned (a tie); at the last level, or more of them, none is: a changed
    digit names another gene of the family ("SMN3": SMN1 or SMN2), not a slip. `likely_only`:
    the first two levels alone."""
    kept = swapped_neighbours(word) | undoubled_neighbours(word)
    levels = [kept, near_slip_neighbours(word)]
    if not likely_only:
        levels.append(one_edit_neighbours(word))
    for level, near in enumerate(levels):
        uses = {term: known[term] for term in near if term in known}
        if uses:
            likeliest = _likeliest(word, uses, 1, 1)
            return likeliest if len(likeliest) == 1 or level < 2 else ()
    return ()


def _family_members(
    word: str, known: Mapping[str, int], preferred: frozenset[str]
) -> tuple[str, ...] | None:
    """A symbol typed with the letters of a family that holds a disease gene and a number none
    of its genes has ("SMN3") names that family: its symbols with the other numbers (SMN1 and
    SMN2), disease genes and then the most used first, never a gene another slip reaches
    ("STMN3", unrelated). One is proposed, two or three are read as a tie, more are too many
    to read (an empty tuple). None when no disease gene is such a sibling, or when a swap or a
    doubled key reaches one (a kept-letter slip stays likelier): the other rules read it."""
    if swapped_neighbours(word) & preferred or undoubled_neighbours(word) & preferred:
        return None
    siblings = {
        word[:i] + digit + word[i + 1 :]
        for i, typed in enumerate(word)
        if typed.isdigit()
        for digit in "0123456789"
        if digit != typed
    }
    if not siblings & preferred:
        return None
    members = sorted(
        (term for term in siblings if term in known or term in preferred),
        key=lambda term: (term not in preferred, -known.get(term, 1), term),
    )
    return tuple(members) if len(members) <= MAX_TIED else ()


def _preferred_symbol(
    word: str, known: Mapping[str, int], preferred: frozenset[str]
) -> tuple[str, ...]:
    """Families search the genes of their conditions: the symbol of the one gene linked to a
    condition (or two or three as used) that a likely slip of a word typed as a symbol reaches
    (a swap or a doubled key, then a dropped character or a neighbouring key): "BAR1" -> BARD1,
    though four other symbols drop a letter too; three characters too ("LXO" -> LOX). Any other
    change, or more symbols as likely, leave the word to the rules for every known word."""
    kept = swapped_neighbours(word) | undoubled_neighbours(word)
    for near in (kept, near_slip_neighbours(word)):
        uses = {term: known.get(term, 1) for term in near if term in preferred}
        if uses:
            return _likeliest(word, uses, 1, 1)
    return ()


def _kept_letters_winner(
    word: str, known: Mapping[str, int], min_uses: int, *, doubled: bool
) -> str | None:
    """Two characters typed the wrong way round, or one key pressed twice (`doubled`: a word
    typed in capitals), keep every letter of the word meant: when one known word is such a
    slip, it wins over the words a dropped, added or changed character reaches ("cfrt" ->
    "cftr", not "cfr"; "ARRSK" -> "arsk", not "arrs1")."""
    near = swapped_neighbours(word) | (undoubled_neighbours(word) if doubled else set())
    uses = {term: known[term] for term in near if term in known}
    return _clear_winner(word, uses, 1, min_uses)


def _clear_winner(word: str, uses: Mapping[str, int], limit: int, min_uses: int) -> str | None:
    likeliest = _likeliest(word, uses, limit, min_uses)
    return likeliest[0] if len(likeliest) == 1 else None


def _likeliest(word: str, uses: Mapping[str, int], limit: int, min_uses: int) -> tuple[str, ...]:
    """The clear winner alone; or the two or three known words as close and as common (at
    least half the uses of the most used), most used first; or () when there are more."""
    scored = sorted(
        (edit_distance(word, term, limit + 1), -frequency, term) for term, frequency in uses.items()
    )
    scored = [item for item in scored if item[0] <= limit and -item[1] >= min_uses]
    if not scored:
        return ()
    # Two known words equally close ("hole", "hold"): no clear winner.
    distance, top = scored[0][0], -scored[0][1]
    tied = [term for d, minus, term in scored if d == distance and -minus * 2 >= top]
    return tuple(tied) if len(tied) <= MAX_TIED else ()
