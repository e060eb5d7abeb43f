"""Text evidence: the family's words that no sign was read from, against the signs' own text.

The phrase table reads a description as HPO signs; a word it cannot place ("tonsils",
"knuckles", "breathing spells") is otherwise lost. This signal is not fitted to any wording:
each such word (stemmed as the reader stems it) is looked up in the text HPO already gives the
signs each condition is annotated with:

- the signs' names and synonyms (layperson ones included), weight SIGNS_WEIGHT;
- the signs' HPO definitions ("Jaundice: yellow pigmentation of the skin ..."), weight
  DEFINITIONS_WEIGHT.

A word scores its inverse document frequency over the annotated conditions in each field that
holds it, times the field's weight; words held by more than ~3 % of the conditions (MIN_IDF:
"arm", "face", "normal"; a word of a single condition is always kept) are left out, since
conditions with long sign lists hold them by chance.
The score is added to the family ranking's prior, so it orders conditions the read signs fit
about equally. Words of read signs are not counted again: the ranking has them already.

Built once per phenotype index version and kept in memory (a few seconds, like the phrase table).
"""

from __future__ import annotations

import logging
import math
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.core.cache import cache

from knowledge.models import Phenotype, PhenotypeSynonym
from treatments.describe.recognise import tokens
from treatments.describe.words import BREAK, NOT
from treatments.phenotypes.index import PhenotypeIndex

logger = logging.getLogger(__name__)

# The postings hold `stem`'s output: raised when the stemmer changes (v2: "changed" = "change",
# "exertional" / "sport" = "exercise"; v3: the tokens "many" and "boy or girl"), so no process
# reads postings stemmed the old way; v4: the index leaves out signs recorded at 0 %, so their
# words are no longer a condition's.
CACHE_KEY = "treatments:condition-words:v4:{version}"
CACHE_SECONDS = 24 * 3600

# Tuned on the description tuning splits only (docs/benchmarks.md, "Eighth session"); the
# region 0.3-0.4 / 0.15-0.2 / MIN_IDF 3-4 is flat there.
SIGNS_WEIGHT = 0.3
DEFINITIONS_WEIGHT = 0.15
MIN_IDF = 3.5  # log(conditions / conditions holding the word) >= 3.5: under ~3 % of them
MAX_QUERY_WORDS = 40  # content words read from one description
MIN_LETTERS = 3  # "go", "up": too short to say anything on their own
# Words of a family's sentence that say nothing about a sign.
_GENERIC = frozenset(
    ["like", "seem", "start", "started", "begin", "began", "birth", "born", "first", "day",
     "days", "week", "weeks", "time", "times", "well", "even", "other", "every", "one", "two",
     "three", "four", "five", "six", "both", "thing", "things", "way", "back", "feel", "make",
     "made", "take", "come", "came", "goes", "want", "know", "think", "doctor", "doctors",
     "told", "said", "say", "family", "dad", "mum", "mom", "mother", "father", "brother",
     "sister", "young", "older", "either", "while", "until", "during", "because", "around"]
)  # fmt: skip


@dataclass(frozen=True)
class ConditionWords:
    """Per field, stem -> indices (aligned with index.condition_ids) of the conditions whose
    annotated signs' text holds it, and the stem's inverse document frequency."""

    version: str
    size: int
    postings: dict[str, dict[str, np.ndarray]]
    idf: dict[str, dict[str, float]]


def content_stems(text: str) -> list[str]:
    """A text's content words as stems, each once, in order (at most MAX_QUERY_WORDS)."""
    out = [
        stem
        for stem, typed in tokens(text)
        if stem not in (BREAK, NOT)
        and typed not in _GENERIC
        and len(stem) >= MIN_LETTERS
        and not stem.isdigit()
    ]
    return list(dict.fromkeys(out))[:MAX_QUERY_WORDS]


def unread_stems(text: str, read: Iterable[str]) -> list[str]:
    """The content stems of `text` that none of the read signs' words (as typed) hold."""
    taken: set[str] = set()
    for words in read:
        taken.update(content_stems(words))
    return [s for s in content_stems(text) if s not in taken]


# Stems depend on the words alone: the tests' small rebuilds (once per test) read them from
# here. The real knowledge base (~59k distinct texts) cycles the cache in a rebuild, no gain.
@lru_cache(maxsize=1 << 14)
def _stems(text: str) -> frozenset[str]:
    return frozenset(
        stem
        for stem, _typed in tokens(text)
        if stem not in (BREAK, NOT) and len(stem) >= MIN_LETTERS and not stem.isdigit()
    )


def condition_words_build(index: PhenotypeIndex) -> ConditionWords:
    """Read the annotated signs' names, synonyms and definitions into postings per field."""
    names: dict[int, set[str]] = {}
    definitions: dict[int, frozenset[str]] = {}
    for pk, name, definition in Phenotype.objects.values_list("id", "name", "definition"):
        names[pk] = set(_stems(name))  # synonyms' stems are added below
        definitions[pk] = _stems(definition)
    for pk, text in PhenotypeSynonym.objects.values_list("phenotype_id", "text"):
        names.setdefault(pk, set()).update(_stems(text))
    size = len(index.condition_ids)
    postings: dict[str, dict[str, np.ndarray]] = {}
    idf: dict[str, dict[str, float]] = {}
    for field, per_term in (("signs", names), ("definitions", definitions)):
        lists: dict[str, list[int]] = {}
        for i in range(size):
            pks = index.term_ids[index.annot_terms[index.annot_ptr[i] : index.annot_ptr[i + 1]]]
            for stem in set().union(*(per_term.get(pk, set()) for pk in pks.tolist())):
                lists.setdefault(stem, []).append(i)
        # Only specific words are kept; one held by a single condition always is.
        most = max(1.0, size * math.exp(-MIN_IDF))
        kept = {s: v for s, v in lists.items() if len(v) <= most}
        postings[field] = {s: np.asarray(v, dtype=np.int32) for s, v in kept.items()}
        idf[field] = {s: math.log(size / len(v)) for s, v in kept.items()}
    return ConditionWords(version=index.version, size=size, postings=postings, idf=idf)


def text_bonus(words: ConditionWords, text: str, read: Iterable[str] = ()) -> np.ndarray:
    """The text evidence of `text`'s unread words for every condition of the index (aligned
    with its condition_ids); `read` are the words (as typed) of the signs already read."""
    bonus = np.zeros(words.size)
    for stem in unread_stems(text, read):
        for field, weight in (("signs", SIGNS_WEIGHT), ("definitions", DEFINITIONS_WEIGHT)):
            conds = words.postings[field].get(stem)
            if conds is not None:
                bonus[conds] += weight * words.idf[field][stem]
    return bonus


_memory: dict[str, ConditionWords] = {}


def condition_words_get(index: PhenotypeIndex) -> ConditionWords:
    """The postings for this index version: from memory, else from the cache (shared between
    processes, as the phenotype index is), else built (a few seconds) and cached."""
    cached = _memory.get("words")
    if cached is not None and cached.version == index.version:
        return cached
    key = CACHE_KEY.format(version=index.version)
    blob = cache.get(key)
    if blob is not None:
        cached = pickle.loads(blob)  # noqa: S301 - written by this module into our own Redis
    else:
        started = time.perf_counter()
        cached = condition_words_build(index)
        cache.set(key, pickle.dumps(cached, protocol=pickle.HIGHEST_PROTOCOL), CACHE_SECONDS)
        logger.info("condition words built in %.2f s", time.perf_counter() - started)
    _memory["words"] = cached
    return cached


def condition_words_clear() -> None:
    """Forget the in-process postings (tests call this after changing conditions)."""
    _memory.clear()
