"""Read a query as a description of signs and rank the conditions that can cause them."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from identifiers.ids import parse_identifier, without_identifiers
from knowledge.models import Condition, Phenotype
from search.contractions import JOINED_VERBS, said_words
from search.describers import ConditionCandidate, Described, SignFound, is_own_sign
from search.meant_names import possessive_readings
from search.name_forms import other_head_names
from search.query import names_exactly
from search.spelling import spelling_correction
from search.study_titles import is_designed_title
from search.text import words
from treatments.describe import meaning
from treatments.describe.family_rank import description_parts, family_ranking, shown_once
from treatments.describe.lexicon import phrase_table_get
from treatments.describe.prior import family_prior_get
from treatments.describe.recognise import Sign, normalise, recognise, tokens
from treatments.describe.typos import mended_stem
from treatments.describe.words import BREAK
from treatments.phenotypes import phenotype_index_get

MAX_SIGNS = 20
MAX_CONDITIONS = 10
SENTENCE_WORDS = 4  # "my son has seizures", "seizures in a hot bath": one sign in a sentence
ANNOTATION_SOURCE = (
    "Orphanet and HPO disease annotations. When the signs fit several conditions about as well, "
    "the more common ones (by Orphanet's prevalence) are listed first"
)


# One search reads its query twice (is it one sign's name? a description?): the thread keeps
# its last reading, for the same phrase table only.
_last_read = threading.local()


def signs_for_text(*, text: str, include_everyday: bool = True) -> list[Sign]:
    """The signs a text names (negated ones included, marked)."""
    return _phrase_reading(text, include_everyday)[0]


def _phrase_reading(
    text: str, include_everyday: bool
) -> tuple[list[Sign], tuple[tuple[str, str], ...]]:
    """The phrase table's signs, and the words of each reading it declined (`recognise`)."""
    table = phrase_table_get(include_everyday=include_everyday)
    last = getattr(_last_read, "value", None)
    if last is not None and last[0] is table and last[1] == text:
        return list(last[2]), last[3]
    declined: list[tuple[str, str]] = []
    signs = recognise(text, table, declined)[:MAX_SIGNS]
    _last_read.value = (table, text, tuple(signs), tuple(declined))
    return signs, tuple(declined)


@dataclass(frozen=True)
class PanelReading:
    """The signs the panel reads from a description, and for a clause read as a set by meaning,
    that set's other members (HPO id of the sign shown -> the others)."""

    signs: list[Sign]
    sets: dict[str, list[str]]


def panel_reading(
    text: str, *, include_everyday: bool = True, include_meaning: bool = True
) -> PanelReading | None:
    """The signs the panel reads from `text`: the phrase table's, then the meaning reader's for
    the clauses it left; None when the text is no description (nothing is shown)."""
    signs, declined = _phrase_reading(text, include_everyday)
    if not _is_description(text, signs):
        return None
    # Only a description is read by meaning: a name or a question ("pompe treatment") never
    # pays for the encoder, nor becomes a description by a sign read that way.
    if not include_meaning:
        return PanelReading(signs, {})
    by_meaning = meaning.meaning_read(text, signs, declined)
    return PanelReading(signs + by_meaning.signs, by_meaning.sets)


def _is_description(query: str, signs: list[Sign]) -> bool:
    positive = [s for s in signs if is_own_sign(s)]
    if not positive or parse_identifier(query) is not None:
        return False
    if is_designed_title(query):
        return False  # "... in Adults With Atopic Dermatitis": a study's title, not signs seen
    # A label printed with its id, as reports print them ("Global developmental delay
    # (HP:0001263)"), is read without the id: a name looked up, not a description.
    query = without_identifiers(query) or query
    typed = [w.strip(".,;!?").lower() for w in query.split()]
    # One sign is a description only inside a sentence ("my son has seizures", "seizures in a
    # hot bath"); "floppy baby" or "deficiency of speech development" names one sign.
    if len(positive) == 1 and len(typed) < SENTENCE_WORDS:
        return False
    if len(positive) == 1 and _names_a_condition(typed):
        return False  # "is duchenne muscular dystrophy inherited" asks about a condition
    if len(positive) == 1 and _names_a_condition(words(spelling_correction(query) or "")):
        return False  # "is fankoni anemia genetic": the name typed as said, read as alone
    return not _is_a_name(query.strip().lower())


def sign_named(query: str, include_everyday: bool = True) -> str | None:
    """The HPO id of the one sign a short query names in everyday words ("floppy baby", "wobbly
    eyes", "bruises easily"), or None: a sentence is a description, an exact name finds itself,
    and a word the sign does not cover ("hot bath seizures") may mean something else."""
    # "hes weak", "shes floppy": a pronoun said with its verb adds nothing to the sign named
    # of the whole person (the contraction reader keeps "HES" and "hes eosinophils" names).
    subject = said_words(query) & JOINED_VERBS
    typed = [w for s, w in tokens(query) if s != BREAK and w not in subject]
    if not typed or len(query.split()) >= SENTENCE_WORDS or parse_identifier(query) is not None:
        return None
    signs = signs_for_text(text=query, include_everyday=include_everyday)
    if len(signs) != 1 or not is_own_sign(signs[0]):
        return None
    # A slip the reader mended ("spinal muscullar atrophy") is the spelling correction's to
    # read: it knows the names of conditions, which may spell a sign's words.
    table = phrase_table_get(include_everyday=include_everyday)
    if any(mended_stem(word, table) for word in signs[0].words.split()):
        return None
    if set(typed) - set(signs[0].words.split()):
        return None
    if _is_a_name(query.strip().lower()) and not _narrows_a_grouping_name(query, signs[0]):
        return None
    return signs[0].hpo_id


def _narrows_a_grouping_name(query: str, sign: Sign) -> bool:
    """The query is HPO's synonym of a grouping term above the sign a curated everyday phrase
    with a cited page reads: HPO gives 'curved spine' to 'Abnormal curvature of the vertebral
    column', MedlinePlus's Scoliosis page to the sign a family means. The narrower sign is then
    named as well (the grouping term still finds itself by its synonym). Not for a condition's
    name, nor for an unrelated term, nor for our own wording without a page."""
    stems = normalise(query)
    if not stems or not sign.source.startswith("https://"):
        return False
    if names_exactly([query.strip().lower()], ("condition",)):
        return False
    table = phrase_table_get()
    named = {
        table.phrases[i].hpo_id
        for i in table.by_stem.get(stems[0], [])
        if table.phrases[i].priority > 0 and table.phrases[i].stems == stems
    }
    if not named or sign.hpo_id in named:
        return False
    index = phenotype_index_get()
    position = index.hpo_position
    if sign.hpo_id not in position or not named <= position.keys():
        return False
    above = set(index.ancestors[position[sign.hpo_id]].tolist())
    return all(position[hpo_id] in above for hpo_id in named)


def _names_a_condition(typed: list[str]) -> bool:
    """Does a run of 2-6 of the typed words spell a condition's name or synonym?"""
    grams = [
        " ".join(typed[start : start + size])
        for size in range(2, 7)
        for start in range(len(typed) - size + 1)
    ]
    return names_exactly(grams, ("condition",))


def _is_a_name(lowered: str) -> bool:
    """The query is the exact name or synonym of a condition or a sign ("low or weak muscle
    tone", "Cleft lip and palate"), also with a possessive's "s" dropped ("fabrys syndrome":
    HPO's "Fabry syndrome" is Fabry disease's other name): a name, not a description."""
    names = [lowered, *other_head_names(lowered), *possessive_readings(lowered)]
    return names_exactly(names, ("condition", "phenotype"))


def description_read(
    *,
    query: str,
    dropped: tuple[str, ...] = (),
    added: str = "",
    limit: int = MAX_CONDITIONS,
    include_everyday: bool = True,
    include_meaning: bool = True,
) -> Described | None:
    """Signs and ranked conditions when `query` (plus `added`) describes signs, else None."""
    started = time.perf_counter()
    text = f"{query} , {added}" if added else query
    reading = panel_reading(
        text, include_everyday=include_everyday, include_meaning=include_meaning
    )
    if reading is None:
        return None
    signs, sets = reading.signs, reading.sets
    terms = {
        p.hpo_id: p
        for p in Phenotype.objects.filter(hpo_id__in=[s.hpo_id for s in signs]).only(
            "id", "hpo_id", "name"
        )
    }
    found = tuple(
        SignFound(
            hpo_id=s.hpo_id,
            name=terms[s.hpo_id].name,
            words=s.words,
            url=terms[s.hpo_id].get_absolute_url(),
            negated=s.negated,
            removed=s.hpo_id in dropped,
            relative=s.relative,
        )
        for s in signs
        if s.hpo_id in terms
    )
    used = [terms[s.hpo_id].pk for s in found if is_own_sign(s)]
    # "no seizures" argues against conditions where seizures are expected; a relative's sign is
    # family history, neither for nor against the person's own.
    excluded = [terms[s.hpo_id].pk for s in found if is_own_sign(s, absent=True)]
    conditions = _conditions(used, excluded, found, limit, text, sets) if used else ()
    elapsed = (time.perf_counter() - started) * 1000
    return Described(signs=found, conditions=conditions, elapsed_ms=round(elapsed, 1))


def _conditions(
    phenotype_ids: list[int],
    excluded_ids: list[int],
    signs: tuple[SignFound, ...],
    limit: int,
    text: str,
    sets: dict[str, list[str]],
) -> tuple[ConditionCandidate, ...]:
    index = phenotype_index_get()
    family = family_prior_get(index)
    parts = description_parts(index, text, signs, sets)
    scores = family_ranking(index, family, phenotype_ids, excluded_ids, parts)
    shown = {family.shown_as.get(s.condition_id, s.condition_id) for s in scores}
    # Only what the panel shows: condition rows carry long texts (definition, summary).
    rows = Condition.objects.only("id", "primary_id", "name", "slug").in_bulk(shown)
    names = {pk: row.name for pk, row in rows.items()}
    words = {s.hpo_id: s.words for s in signs}
    out: list[ConditionCandidate] = []
    for score, pk in shown_once(scores, family, names, limit):
        condition = rows[pk]
        matched = tuple(dict.fromkeys(words[m.query_hpo_id] for m in score.matches))
        out.append(
            ConditionCandidate(
                id=condition.primary_id,
                name=condition.name,
                url=condition.get_absolute_url(),
                score=score.score,
                matched=matched,
                source=ANNOTATION_SOURCE,
            )
        )
    return tuple(out)
