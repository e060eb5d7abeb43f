"""The name a family wraps in a question or a guess ("is it Batten", "treatment for Fabry"), or
follows with what it wants to know ("pompe treatment"), or a report with what it found ("SCN1A
mutation"): matched as if typed alone.
"""

from __future__ import annotations

from search.name_forms import MAX_NGRAM
from search.text import (
    STOPWORDS,
    words,
)

# Words a family wraps a name in when asking about it or guessing ("is it Batten", "could it
# be pompe", "does my son have SMA", "tell me about rett syndrome", "treatment for Fabry",
# "is wilson disease genetic"), or puts after it to say what they want to know ("pompe
# treatment", "ALS clinical trials", "hemophilia a gene therapy"). General question, guess and
# topic words only; a trailing letter is kept, as it is part of the name ("Hemophilia A", "SMA I").
_TOPIC_WORDS = frozenset(
    {
        "treatment", "treatments", "treat", "therapy", "therapies", "cure", "cures", "drug",
        "drugs", "medicine", "medicines", "medication", "medications", "trial", "trials",
        "clinical", "study", "studies", "research", "options", "new", "latest", "gene",
        "enzyme", "replacement", "exon", "skipping", "diet", "prognosis", "outlook", "life",
        "expectancy", "causes", "cause", "symptoms", "signs", "diagnosis", "test", "testing",
        "inheritance", "support", "care", "management", "guidelines", "information", "info",
        "help", "helps", "best",
    }
)  # fmt: skip
# What a genetic report says was found in a gene ("SCN1A mutation", "DMD deletion", "variant
# in CDKL5", "BRCA1 carrier"): no document holds these words beside the symbol, so the symbol is
# matched as if typed alone (a variant written out, "c.1521_1523del", is read by `_variant`).
_FINDING_WORDS = frozenset(
    {
        "mutation", "mutations", "mutated", "variant", "variants", "deletion", "deletions",
        "duplication", "duplications", "premutation", "carrier", "carriers", "heterozygous",
        "homozygous", "pathogenic", "likely", "mosaic", "mosaicism", "somatic", "germline",
        "hemizygous", "biallelic", "compound", "missense", "nonsense", "frameshift",
        "truncating", "expansion", "expansions", "splice", "splicing", "insertion",
        "insertions", "microdeletion", "microdeletions", "microduplication",
        "microduplications", "repeat", "repeats",
        # How a report classes what it found ("SCN2A variant of uncertain significance",
        # "VUS", the older "unknown significance"), and where ("splice site").
        "uncertain", "unknown", "significance", "vus", "site",
    }
)  # fmt: skip
_WRAPPER_WORDS = _TOPIC_WORDS | _FINDING_WORDS
# The shapes of a family's question about a name: how long, how common, who gets it, can one
# die of it ("how long do people with duchenne live", "can you die from batten disease").
_QUESTION_WORDS = frozenset(
    {"long", "common", "often", "people", "person", "someone", "anyone", "patients", "kids",
     "babies", "baby", "adults", "get", "gets", "die", "happens", "happen", "age", "start",
     "starts", "live", "lives", "survive"}
)  # fmt: skip
_LEAD_WORDS = STOPWORDS | _WRAPPER_WORDS | _QUESTION_WORDS | frozenset(
    {"could", "would", "might", "may", "be", "this", "that", "there", "i", "me", "we", "you",
     "tell", "about", "any"}
)  # fmt: skip
# "of" ends no name, but a report's class does: "variant of uncertain significance". What a
# family asks of a name after it: "is pompe disease inherited", "is X curable", "does X run in
# families", "can X be passed down".
_TRAIL_WORDS = _WRAPPER_WORDS | frozenset(
    {"inherited", "genetic", "hereditary", "diagnosed", "treated", "cured", "of", "live",
     "survive", "curable", "treatable", "fatal", "deadly", "contagious", "painful",
     "progressive", "preventable", "prevented", "passed", "down", "run", "runs", "families",
     "family", "start", "begin", "starts", "begins", "span", "lifespan", "survival", "rate",
     "common", "rare", "serious", "dangerous", "like"}
)  # fmt: skip
MAX_NAME_WORDS = MAX_NGRAM  # a name is short; a longer remainder is a sentence, not a name


def unwrapped_name(query: str) -> str | None:
    """The name inside a question or guess: the query without its leading and trailing
    wrapper words ("is it Batten" -> "batten"); None when nothing was wrapped around a name.

    The name's keys are added to the query's own, never put in their place, so a name that
    starts with such a word ("Signs and symptoms begin ...", an HPO label) still matches whole.
    """
    tokens = words(query)
    start, end = 0, len(tokens)
    while start < end and tokens[start] in _LEAD_WORDS:
        start += 1
    while True:
        stripped = end
        while end > start and tokens[end - 1] in _TRAIL_WORDS:
            end -= 1
        if end < stripped:
            # "does pompe have a cure", "can sma be cured", "does rett run in families": the
            # words between the name and a trailing topic word are no part of it; a letter
            # alone is ("hemophilia a treatment").
            run = end
            while run > start and tokens[run - 1] in STOPWORDS:
                run -= 1
            if any(len(token) > 1 for token in tokens[run:end]):
                end = run
        if end == stripped:
            break
    name = " ".join(tokens[start:end])
    if (start, end) == (0, len(tokens)) or end - start > MAX_NAME_WORDS or len(name) < 2:
        return None
    return name
