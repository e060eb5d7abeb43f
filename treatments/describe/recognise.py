"""Find the signs a description names: plain Python over a phrase table, no database.

The query is read into tokens (`scan`), the phrases whose every stem it holds are found
(`phrase_table`), and each is matched where its stems occur close together in one clause, in
any order ("muscles are weak" = "weak muscles"), if the sentence allows it (`sentence_checks`);
readings then share words only as English shares them ("dry thin skin", "weak arms and legs",
"low ears that tilt back").
"""

from __future__ import annotations

from collections import defaultdict

from treatments.describe.courses import COURSES
from treatments.describe.mark_colour import coloured_otherwise
from treatments.describe.phrase_table import Phrase, PhraseTable, Sign  # noqa: F401 (used from here)
from treatments.describe.qualities import (
    describes_the_next_word,
    of_a_young_child,
    pace_for_lateness,
    said_of_the_part_before,
)
from treatments.describe.scan import (  # noqa: F401 (tokens and normalise are used from here)
    _scan,
    normalise,
    stands_alone,
    tokens,
)
from treatments.describe.sentence_checks import (
    _a_setting,
    _adverb_on_part,
    _course_apart,
    _feeling_of_a_part,
    _fits,
    _is_adverb,
    _leaves_its_part,
    _listed,
    _listed_after_not,
    _mark_inside_an_organ,
    _named_alone,
    _negated,
    _negation_skips_a_sign,
    _new_predicates,
    _only_partly,
    _quality_skips_a_thing,
    _reaches_past_what_it_describes,
    _said_of_a_part,
    _said_of_an_earlier_word,
    _said_of_another,
    _singular_for_plural,
    _spacing_as_width,
    _weak_of_a_thing,
)
from treatments.describe.typos import mended_stem
from treatments.describe.words import (  # noqa: F401 (stem is used from here too)
    BODY_PARTS,
    BREAK,
    FEW,
    NOT,
    stem,
)

MAX_GAP = 2  # words allowed between the words of one phrase ("weak in the legs")


def _span(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    taken: frozenset[int] = frozenset(),
    joined: frozenset[int] = frozenset(),
    apart: frozenset[int] = frozenset(),
) -> tuple[int, ...] | None:
    """The tightest choice of one position per stem, within one clause and avoiding `taken`.

    A phrase does not skip over both sides of an "and" (`joined`: the first word after one),
    nor takes both the word before an "and" and the word after it where the "and" starts a
    new predicate (`apart`: the word after it).
    """
    best: tuple[int, ...] | None = None
    choices: list[tuple[int, ...]] = [()]
    order = list(dict.fromkeys(stems))
    for s in order:
        free = [p for p in positions[s] if p not in taken]
        choices = [(*c, p) for c in choices for p in free if p not in c][:64]
    negation = order.index(NOT) if NOT in order else None
    few = order.index(FEW) if FEW in order else None
    for choice in choices:
        width = max(choice) - min(choice) + 1
        if width > len(choice) + MAX_GAP or any(min(choice) < b < max(choice) for b in breaks):
            continue
        if _skips_and(choice, joined) or any(p in apart and p - 1 in choice for p in choice):
            continue
        # A phrase's negation negates what follows it closely ("can't sit or walk"): in "not
        # gaining weight and his sweat", "not" is not "can't sweat".
        if negation is not None and not {choice[negation] + 1, choice[negation] + 2} & set(choice):
            continue
        # So does "too little", or it follows ("her hair is sparse"): "he hardly ever complains
        # about his hair" is no Sparse hair.
        if few is not None and not {choice[few] - 1, choice[few] + 1, choice[few] + 2} & set(
            choice
        ):
            continue
        # Of two as tight, the one in the phrase's own order: in "drinks a lot and pees a lot"
        # "pees a lot" is the second "a lot", leaving the first to "drinks a lot".
        if best is None or (width, list(choice) != sorted(choice)) < (
            max(best) - min(best) + 1,
            list(best) != sorted(best),
        ):
            best = choice
    return best


def _skips_and(choice: tuple[int, ...], joined: frozenset[int]) -> bool:
    """Does the phrase leave out a word before "and" and the word after it? "missing teeth
    and patchy hair" is not "missing hair" ("elbows and ankles are stiff" is "elbows stiff")."""
    skipped = [p for p in range(min(choice) + 1, max(choice)) if p not in choice]
    after = [p for p in skipped if p in joined]
    return bool(after) and any(p < after[-1] and p not in joined for p in skipped)


def recognise(
    query: str, table: PhraseTable, declined: list[tuple[str, str]] | None = None
) -> list[Sign]:
    """The signs `query` names, longest and most trusted phrases first, without overlaps.

    Phrases may share their last word ("dry thin skin" is dry skin and thin skin), and their
    first word across "and" ("weak arms and legs" is weak arms and weak legs), nothing else.
    A reading the sentence says is no sign ("a massive bruise" is one bruise, "his teeth are
    yellow" no jaundice) is added to `declined` (its words, its HPO id), for the meaning
    reader not to read that sign back from them.
    """
    scanned, qualifying, after_or, theirs, seized, inside = _scan(query)
    # A phone's slip ("siezures") is read as the sign word it was typed for.
    toks = [(s if s.startswith("~") else mended_stem(w, table) or s, w) for s, w, *_ in scanned]
    placed = {i for i, (_, _, after_place, _, _) in enumerate(scanned) if after_place}
    joined = frozenset(i for i, (_, _, _, after_and, _) in enumerate(scanned) if after_and)
    predicated = frozenset(i for i, (*_, after_copula) in enumerate(scanned) if after_copula)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, (s, _) in enumerate(toks):
        positions[s].append(i)
    breaks = positions.get(BREAK, [])
    # "hardly" is no adverb of "hard": it says there is too little (FEW: "hardly any hair").
    adverbs = frozenset(
        i for i, (s, w) in enumerate(toks) if s != FEW and _is_adverb(w, table.known_stems)
    )
    apart = _new_predicates(toks, joined)
    complete = table.complete(positions)
    named = _named_alone(table, complete, positions)
    young = of_a_young_child(query)  # a toddler's "walking is slow" is a late milestone
    candidates = []
    for index in complete:
        phrase = table.phrases[index]
        # A one-word phrase never takes a word that describes the next one ("weak stream").
        alone = qualifying if len(set(phrase.stems) - {NOT}) == 1 else frozenset()
        # The person's own words first: "his brother has seizures and so does he".
        span = (_span(positions, phrase.stems, breaks, alone | theirs, joined, apart) if theirs
                else None) or _span(positions, phrase.stems, breaks, alone, joined, apart)  # fmt: skip
        if declined is not None and _declines(toks, phrase, span, predicated):
            declined.append((" ".join(toks[p][1] for p in sorted(span or ())), phrase.hpo_id))
        if (
            span is not None
            and _fits(phrase, span)
            and not _adverb_on_part(toks, span, adverbs)
            and not _said_of_an_earlier_word(toks, span, predicated)
            and not _said_of_a_part(toks, span, predicated, phrase.hpo_id)
            and not _only_partly(toks, phrase, span)
            and not _reaches_past_what_it_describes(toks, span, placed)
            and not _feeling_of_a_part(toks, span, joined)
            and not _singular_for_plural(toks, phrase, span)
            and not coloured_otherwise(toks, phrase, span, predicated)
            and not _course_apart(toks, span)
            and not _spacing_as_width(toks, span)
            and not _quality_skips_a_thing(toks, span, joined)
            and not _weak_of_a_thing(toks, phrase, span, joined, predicated)
            and not _a_setting(toks, span, placed)
            and not (phrase.triggered and _listed(span, joined))
            and not _negation_skips_a_sign(toks, span, named, after_or)
            and min(span) not in seized  # "seizures where he shakes" is no tremor
            and not _mark_inside_an_organ(toks, span, inside)
            and not describes_the_next_word(toks, span, qualifying)
            and not said_of_the_part_before(toks, span, placed)
            and not pace_for_lateness(toks, phrase, span, young)
        ):
            width = max(span) - min(span)
            # Words in the name's own order first: "a triangular face with a big forehead" is
            # a triangular face and a big forehead before it is a big face.
            reordered = list(span) != sorted(span)
            detached = _leaves_its_part(toks, span, placed)
            # Course words add no length ("legs getting weaker" is weak legs before it is
            # progressive weakness) but win a tie with the same sign said without them.
            sign_words = sum(toks[p][0] not in COURSES for p in span)
            plain = sign_words == len(span)
            # Someone else's signs come last: a sign the person has is read as theirs.
            # A reading that takes a seizure's shake with it ("goes stiff and shakes") comes
            # before one that leaves the shake alone ("seizures where she goes stiff").
            shakes = len(seized.intersection(span))
            candidates.append(
                (_said_of_another(span, theirs, toks), -sign_words, -shakes, detached, plain,
                 phrase.priority, width, reordered, index, span, alone)
            )  # fmt: skip
    candidates.sort()
    body: set[int] = set()  # positions used inside a phrase
    heads: set[int] = set()  # positions used as a phrase's last word (shareable)
    firsts: dict[int, tuple[int, ...]] = {}  # a phrase's first word -> its span
    spans: list[tuple[int, ...]] = []
    signs: list[Sign] = []
    seen: set[str] = set()
    for *_, index, span, alone in candidates:
        phrase = table.phrases[index]
        if _clashes(toks, span, body | (heads & placed), heads - placed) and not _one_noun_both(
            toks, span, spans, body | heads, joined
        ):
            span = _span(
                positions, phrase.stems, breaks, frozenset(body | heads | alone), joined, apart
            ) or _shared_first(positions, phrase.stems, breaks, body | heads, firsts, joined)
            span = span or _shared_tail(positions, phrase.stems, breaks, spans, joined)
            if (
                span is None
                or not _fits(phrase, span)
                or _adverb_on_part(toks, span, adverbs)
                or _said_of_an_earlier_word(toks, span, predicated)
                or _quality_skips_a_thing(toks, span, joined)
            ):
                continue
        if phrase.hpo_id in seen:
            continue
        seen.add(phrase.hpo_id)
        # Course words are shared: "keeps getting pneumonia and ear infections" says both.
        core = [p for p in span if toks[p][0] not in COURSES]
        body.update(p for p in core if p != max(core))
        heads.add(max(core))
        firsts.setdefault(min(core), span)
        spans.append(span)
        negated = NOT not in phrase.stems and (
            _negated(toks, min(span), body | heads) or _listed_after_not(toks, min(span), after_or)
        )
        if negated:
            body.add(min(span) - 1)
        typed = " ".join(toks[p][1] for p in sorted(span))
        relative = _said_of_another(span, theirs, toks)
        signs.append(Sign(phrase.hpo_id, typed, negated, phrase.source, relative))
    order = {sign.hpo_id: min(_first(toks, sign.words)) for sign in signs}
    return sorted(signs, key=lambda sign: order[sign.hpo_id])


def _declines(
    toks: list[tuple[str, str]],
    phrase: Phrase,
    span: tuple[int, ...] | None,
    predicated: frozenset[int],
) -> bool:
    """Does the sentence say the phrase's words there are no such sign (the meaning reader is
    not to read it back): a whole-skin colour or state said of another part, one event of a
    recurring sign?"""
    return (
        span is not None
        and _fits(phrase, span)
        and (
            _said_of_a_part(toks, span, predicated, phrase.hpo_id)
            or _singular_for_plural(toks, phrase, span)
            or coloured_otherwise(toks, phrase, span, predicated)
        )
    )


def _shared_first(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    used: set[int],
    firsts: dict[int, tuple[int, ...]],
    joined: frozenset[int],
) -> tuple[int, ...] | None:
    """A span that reuses only the first word of an earlier phrase, when "and" joins the two
    ("trouble breathing and feeding": trouble breathing, trouble feeding)."""
    for first, other in firsts.items():
        span = _span(positions, stems, breaks, frozenset(used - {first}), frozenset(joined))
        if span is None or min(span) != first or len(span) < 2:
            continue
        end = max(*span, *other)
        if any(p in joined for p in range(first + 1, end + 1)):
            return span
    return None


def _shared_tail(
    positions: dict[str, list[int]],
    stems: tuple[str, ...],
    breaks: list[int],
    spans: list[tuple[int, ...]],
    joined: frozenset[int],
) -> tuple[int, ...] | None:
    """A span that reuses all but the first word of an earlier phrase whose first word "and"
    joins to this one ("her eyelids and lips are turned out": both are turned out)."""
    # Two or more shared words: one shared last word is the rule above ("dry thin skin").
    span = _span(positions, stems, breaks) if len(set(stems)) >= 3 else None
    if span is None:
        return None
    for other in spans:
        if set(span) - {min(span)} != set(other) - {min(other)}:
            continue
        first, previous = sorted((min(span), min(other)))
        between = range(first + 1, previous + 1)
        if first != previous and previous in joined and all(p in joined for p in between):
            return span
    return None


def _one_noun_both(
    toks: list[tuple[str, str]],
    span: tuple[int, ...],
    spans: list[tuple[int, ...]],
    used: set[int],
    joined: frozenset[int],
) -> bool:
    """Do two signs share one body part, said before it and after it? "low ears that tilt
    back" is low ears and ears that tilt back: the part ends one reading and starts the other
    (it is the only word the two share)."""
    core = [p for p in span if toks[p][0] not in COURSES and toks[p][0] != NOT]
    if len(core) < 2:
        return False
    for other in spans:
        theirs = [p for p in other if toks[p][0] not in COURSES and toks[p][0] != NOT]
        if len(theirs) < 2:
            continue
        for before, after in ((theirs, core), (core, theirs)):
            part = max(before)
            if part != min(after) or toks[part][0] not in BODY_PARTS:
                continue
            # What is said after the part follows it straight on, in one clause ("ears that
            # tilt back", not "ears and a small chin", "eyes with keyhole shaped pupils").
            straight = sorted(after) == list(range(part, part + len(after)))
            if straight and not joined & set(after) and not (set(core) - {part}) & used:
                return True
    return False


def _clashes(
    toks: list[tuple[str, str]], span: tuple[int, ...], body: set[int], heads: set[int]
) -> bool:
    """Does `span` reuse a word, other than sharing the last word of an earlier phrase?"""
    content = {p for p in span if toks[p][0] != NOT and toks[p][0] not in COURSES}
    if not content:
        return False
    last = max(content)
    if len(content) < 2 or last in body:
        return bool(content & (body | heads))
    return bool((content - {last}) & (body | heads))


def _first(toks: list[tuple[str, str]], typed: str) -> list[int]:
    return [i for i, (_, word) in enumerate(toks) if f"{typed} ".startswith(f"{word} ")] or [0]
