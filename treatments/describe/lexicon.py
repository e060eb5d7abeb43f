"""The phrase table of signs: HPO labels and synonyms from the database, plus the everyday
phrasings kept in the repo (`treatments/data/everyday_signs.tsv`, each with its source).

Built once per data version and kept in memory (about 45,000 phrases); a change to the
phenotype tables or the file makes a new one.
"""

from __future__ import annotations

import csv
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.models import Phenotype, PhenotypeSynonym
from knowledge.row_counts import rows_stamp
from treatments.describe.courses import COURSES
from treatments.describe.derive import (
    COURSE_SOURCE,
    QUALIFIER_SOURCE,
    TRIGGER_SOURCE,
    body_part,
    course,
    courses_alike,
    parent_phrasings,
    trigger,
)
from treatments.describe.recognise import Phrase, PhraseTable, normalise, stands_alone
from treatments.describe.words import (
    BODY_PARTS,
    NOT,
    VOCABULARY,
    says_nothing_alone,
    stem,
)

logger = logging.getLogger(__name__)

EVERYDAY_FILE = Path(__file__).resolve().parent.parent / "data" / "everyday_signs.tsv"
HPO_SOURCE = "HPO label or synonym"
CHECK_SECONDS = 60.0
# Stems depend on the words alone, so a rebuild of a small table (the tests', once per test)
# reads them from here: stemming was most of its time. The real knowledge base has far more
# distinct texts than the cache holds, so its rebuild cycles the cache and gains nothing.
_stems_of = lru_cache(maxsize=1 << 14)(normalise)
_stands_alone = lru_cache(maxsize=1 << 14)(stands_alone)

# Labels that name a whole organ system or a lab finding say nothing a family would describe.
_TOO_GENERAL = ("abnormality of", "abnormal ", "phenotypic abnormality", "all")
_SCOPE_PRIORITY = {"EXACT": 3}
# Clinical modifier, mode of inheritance, frequency, blood group, past medical history.
_QUALIFIER_ROOTS = ("HP:0012823", "HP:0000005", "HP:0040279", "HP:0032223", "HP:0032443")
# Filler words that carry meaning in a name: "Little body hair" is not "body hair".
_MEANINGFUL_FILLER = frozenset(
    ["little", "lot", "lots", "much", "many", "more", "most", "over", "under", "after", "before",
     "again", "once", "twice", "since", "all", "some", "any", "too"]
)  # fmt: skip
# Words of a lab finding's name a family leaves out: "Elevated circulating creatine kinase
# concentration" is said "high creatine kinase" (a derived variant of the HPO name).
_LAB_WORDS = frozenset(["circulating", "concentration", "level", "plasma", "serum"])
DERIVED_SOURCE = "HPO label or synonym, lab words dropped"
PROBLEMS_SOURCE = "HPO label 'Abnormality of the X' / 'Abnormal X morphology', read as 'X problems'"


@dataclass(frozen=True)
class EverydayPhrase:
    """One line of the everyday-phrasing file."""

    phrase: str
    hpo_id: str
    label: str
    source: str


def everyday_phrases(path: Path = EVERYDAY_FILE) -> list[EverydayPhrase]:
    """The curated phrasings, in file order (comment lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return [EverydayPhrase(*row[:4]) for row in rows if len(row) >= 4]


_everyday_words: dict[int, frozenset[str]] = {}


def everyday_words() -> frozenset[str]:
    """Every word of the everyday phrasings and of the stemmer's word lists, lower case: the
    words a family uses for signs ("wobbly", "floppy"), which spelling correction must not
    rewrite. Read again when the file changes (a stat per call)."""
    stamp = EVERYDAY_FILE.stat().st_mtime_ns
    words = _everyday_words.get(stamp)
    if words is None:
        found = {
            word for row in everyday_phrases() for word in re.findall(r"[a-z]+", row.phrase.lower())
        }
        words = frozenset(found | VOCABULARY)
        _everyday_words.clear()
        _everyday_words[stamp] = words
    return words


def _version(include_everyday: bool) -> str:
    stamp = EVERYDAY_FILE.stat().st_mtime_ns if include_everyday else 0
    return f"{rows_stamp(Phenotype, PhenotypeSynonym)}-{stamp}"


def _is_compound(name: str) -> bool:
    return "-" in name and " " not in name.strip()


def _recurring_plural(phrase: str, label: str) -> str:
    """The stem a phrase of a recurring sign (`label` "Recurrent ...") says in the plural
    ("fevers", "ear infections"): the plural is what says it recurs, so "a fever" or "an ear
    infection" is not read by it (a body part's plural says no such thing: "flaps hands").
    So for a susceptibility ("Bruising susceptibility"): "bruises", "bruising" and "big
    bruises" say many, "a massive bruise" one."""
    last = re.findall(r"[a-z]+", phrase.lower())[-1]
    tendency = label.startswith("Recurrent") or label.endswith("susceptibility")
    many = last.endswith("s") or (label.endswith("susceptibility") and last.endswith("ing"))
    if not tendency or not many or stem(last) == last:
        return ""
    return "" if stem(last) in BODY_PARTS else stem(last)


def phrase_table_build(*, include_everyday: bool = True) -> PhraseTable:
    """Every way the knowledge base names a sign, as a matchable phrase table."""
    table = PhraseTable()
    ids: dict[str, str] = {}
    if include_everyday:
        for row in everyday_phrases():
            stems = _stems_of(row.phrase)
            table.everyday_stems.update(s for s in stems if not s.startswith("~"))
            # A row that keeps one body part once filler is dropped ("very muscular" -> "muscle")
            # would read every mention of it: no sign, as for HPO names.
            if _stands_alone(row.phrase) and not says_nothing_alone(stems):
                # A row written with hyphens ("slow-to-learn") is a compound, as a hyphenated
                # HPO name is: its words stand side by side, in order.
                table.add(
                    Phrase(
                        stems,
                        row.hpo_id,
                        0,
                        row.source,
                        compound=_is_compound(row.phrase),
                        plural=_recurring_plural(row.phrase, row.label),
                    )
                )
                if (agent := _agent_noun_phrasing(row.phrase)) is not None:
                    table.add(Phrase(agent, row.hpo_id, 0, row.source))
    qualifiers = _qualifier_ids()
    names: list[tuple[str, str]] = []  # (HPO id, label or synonym) of every sign
    terms = Phenotype.objects.filter(is_obsolete=False).values_list("hpo_id", "name")
    for hpo_id, name in terms.iterator(chunk_size=5000):
        ids[hpo_id] = name
        if hpo_id in qualifiers:
            continue
        names.append((hpo_id, name))
        if not name.lower().startswith(_TOO_GENERAL):
            _add_hpo_name(table, name, hpo_id, 1)
        elif (part := body_part(name)) is not None:
            # "Abnormality of the bladder" is what a family calls "bladder problems".
            # "Abnormality of the X" (the broader term) before "Abnormal X morphology".
            rank = 4 if name.lower().startswith("abnormality of") else 5
            table.add(Phrase(normalise(f"{part} problems"), hpo_id, rank, PROBLEMS_SOURCE))
    synonyms = PhenotypeSynonym.objects.filter(phenotype__is_obsolete=False).values_list(
        "text", "phenotype__hpo_id", "is_layperson", "scope"
    )
    for text, hpo_id, layperson, scope in synonyms.iterator(chunk_size=5000):
        if hpo_id in qualifiers or _drops_self(text, ids.get(hpo_id, "")):
            continue
        _add_hpo_name(table, text, hpo_id, 2 if layperson else _SCOPE_PRIORITY.get(scope, 4))
        names.append((hpo_id, text))
    parents = _parents()
    named = [
        (hpo_id, text, tuple(s for s in _stems_of(text) if s != NOT)) for hpo_id, text in names
    ]
    by_stems: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for hpo_id, _, stems in named:
        by_stems[stems].add(hpo_id)
    _add_course_phrasings(table, named, by_stems, parents)
    _add_trigger_phrasings(table, named, by_stems, parents)
    table.phrases.sort(key=lambda phrase: phrase.priority)
    table.reindex()
    return table


def _drops_self(synonym: str, label: str) -> bool:
    """True for a synonym that is its label less the word "self": HPO's "Cutting" for
    Self-cutting would read a family's "bleeds after a small cut" as self-harm."""
    said = _plain_words(label)
    return "self" in said and _plain_words(synonym) <= said - {"self"}


def _plain_words(text: str) -> set[str]:
    return set(text.lower().replace("-", " ").split())


def _parents() -> dict[str, set[str]]:
    """HPO id -> the ids of its is_a parents."""
    parents: dict[str, set[str]] = defaultdict(set)
    links = Phenotype.parents.through.objects.values_list(
        "from_phenotype__hpo_id", "to_phenotype__hpo_id"
    )
    for child, parent in links.iterator(chunk_size=10000):
        parents[child].add(parent)
    return parents


# (HPO id, a name of it, that name's stems) for every label and synonym; stems -> the HPO ids.
Named = list[tuple[str, str, tuple[str, ...]]]
ByStems = dict[tuple[str, ...], set[str]]


def _add_trigger_phrasings(
    table: PhraseTable, named: Named, by_stems: ByStems, parents: dict[str, set[str]]
) -> None:
    """Each phrase of a sign said with what sets it off ("short of breath when he exercises",
    "her hands cramp in the cold") also reads the HPO term that adds that trigger to it
    ("Exertional dyspnea", "Cold-induced hand cramps"); the plain sign still reads without it."""
    variants = _variants(named, by_stems, parents, lambda text, _: trigger(text))
    triggered: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (sign, word), term in variants.items():
        triggered[sign].append((word, term))
    for phrase in list(table.phrases):
        if NOT in phrase.stems or set(phrase.stems) & COURSES:
            continue
        for word, term in triggered.get(phrase.hpo_id, ()):
            if word not in phrase.stems and term != phrase.hpo_id:
                stems = (word, *phrase.stems)
                table.add(Phrase(stems, term, phrase.priority, TRIGGER_SOURCE, triggered=True))


def _add_course_phrasings(
    table: PhraseTable, named: Named, by_stems: ByStems, parents: dict[str, set[str]]
) -> None:
    """Each phrase of a sign said with a course ("keeps getting chest infections") also reads
    the sign's term with that course ("Recurrent respiratory infections"): a term named
    "Recurrent / Progressive / ... X" under the sign, or whose X is one of the sign's names."""
    variants = _course_variants(named, by_stems, parents)
    for phrase in list(table.phrases):
        if NOT in phrase.stems or set(phrase.stems) & COURSES:
            continue
        for token in COURSES:
            variant = next(
                (variants[(phrase.hpo_id, alike)] for alike in courses_alike(token)
                 if (phrase.hpo_id, alike) in variants),
                None,
            )  # fmt: skip
            if variant is not None:
                table.add(Phrase((token, *phrase.stems), variant, phrase.priority, COURSE_SOURCE))


def _course_variants(
    named: Named, by_stems: ByStems, parents: dict[str, set[str]]
) -> dict[tuple[str, str], str]:
    """(sign, course token) -> the HPO term that adds the course to the sign: the sign itself
    when its name has the course; of several, the one whose X is the sign's own name, then the
    shortest name."""
    variants = _variants(named, by_stems, parents, lambda _, stems: course(stems))
    for hpo_id, _, stems in named:
        # A term that names the course already is its own: "keeps getting chest infections"
        # is Recurrent respiratory infections (row "chest infections"), not a child of it.
        if (found := course(stems)) is not None:
            variants[(hpo_id, found[0])] = hpo_id
    return variants


def _variants(
    named: Named,
    by_stems: ByStems,
    parents: dict[str, set[str]],
    reading: Callable[[str, tuple[str, ...]], tuple[str, tuple[str, ...]] | None],
) -> dict[tuple[str, str], str]:
    """(sign, word) -> the HPO term that adds `word` (a course, a trigger) to the sign, for
    each name `reading` splits into that word and the sign's stems (a name, its stems): of
    several terms, the one whose rest is the sign's own name, then a child of the sign; the
    shortest name, then the id, breaks ties."""
    best: dict[tuple[str, str], tuple[int, int, str]] = {}
    for hpo_id, text, stems in named:
        found = reading(text, stems)
        if found is None:
            continue
        word, rest = found
        exact = by_stems.get(rest, set()) - {hpo_id}
        for sign in exact | parents[hpo_id]:
            rank = (0 if sign in exact else 1, len(text), hpo_id)
            if rank < best.get((sign, word), (2, 0, "")):
                best[(sign, word)] = rank
    return {key: rank[2] for key, rank in best.items()}


def _qualifier_ids() -> set[str]:
    """HPO terms that qualify a sign rather than name one ("Central", "Mild", "Autosomal
    dominant inheritance", "Frequent"): the clinical modifier, inheritance, frequency, blood
    group and medical history branches."""
    children: dict[int, list[int]] = defaultdict(list)
    links = Phenotype.parents.through.objects.values_list("from_phenotype_id", "to_phenotype_id")
    for child, parent in links.iterator(chunk_size=10000):
        children[parent].append(child)
    roots = Phenotype.objects.filter(hpo_id__in=_QUALIFIER_ROOTS).values_list("pk", flat=True)
    seen, todo = set(), list(roots)
    while todo:
        pk = todo.pop()
        if pk not in seen:
            seen.add(pk)
            todo.extend(children[pk])
    return set(Phenotype.objects.filter(pk__in=seen).values_list("hpo_id", flat=True))


def _add_hpo_name(table: PhraseTable, name: str, hpo_id: str, priority: int) -> None:
    """An HPO name or synonym as a phrase (unless it loses meaning), plus its lab variant and
    the parents' phrasings derived from it ("Delayed ability to walk" -> "late to walk")."""
    for stems, source in parent_phrasings(name):
        # "Recurrent ear infections" read as "ear infections": still only in the plural.
        plural = _recurring_plural(name, name) if source == QUALIFIER_SOURCE else ""
        table.add(Phrase(stems, hpo_id, 4, source, plural=plural))
    words = set(name.lower().replace("-", " ").split())
    if words & _MEANINGFUL_FILLER or not _stands_alone(name):
        return
    stems = _stems_of(name)
    if says_nothing_alone(stems):
        return
    compound = _is_compound(name)
    table.add(Phrase(stems, hpo_id, priority, HPO_SOURCE, compound))
    if set(stems) & {stem(w) for w in _LAB_WORDS}:  # "levels" too
        lab = {stem(w) for w in (*_LAB_WORDS, "blood")}  # "Low blood phosphate level"
        short = tuple(s for s in stems if s not in lab)
        if len(short) >= 2:
            table.add(Phrase(short, hpo_id, 4, DERIVED_SOURCE))


def _agent_noun_phrasing(phrase: str) -> tuple[str, ...] | None:
    """A curated phrase with a gerund also read with its agent noun: "late walking" is what a
    family means by "late walker" ("talking" -> "talker", "eating" -> "eater"). The stemmer
    keeps "walker" whole (it is also a name: "Dandy-Walker"), so only the table's own gerunds
    are turned, never any word in "-er"."""
    words = phrase.lower().split()
    turned = [w[:-3] + "er" if w.endswith("ing") and len(w) >= 6 else w for w in words]
    return normalise(" ".join(turned)) if turned != words else None


_memory: dict[bool, tuple[str, float, PhraseTable]] = {}


def phrase_table_get(*, include_everyday: bool = True) -> PhraseTable:
    """The current phrase table, rebuilt when the phenotypes or the file change."""
    now = time.monotonic()
    cached = _memory.get(include_everyday)
    if cached is not None and now - cached[1] < CHECK_SECONDS:
        return cached[2]
    version = _version(include_everyday)
    if cached is not None and cached[0] == version:
        _memory[include_everyday] = (version, now, cached[2])
        return cached[2]
    started = time.perf_counter()
    table = phrase_table_build(include_everyday=include_everyday)
    logger.info("sign phrase table built in %.2f s", time.perf_counter() - started)
    _memory[include_everyday] = (version, now, table)
    return table


def phrase_table_clear() -> None:
    """Forget the in-process tables (tests call this after changing phenotypes)."""
    _memory.clear()
