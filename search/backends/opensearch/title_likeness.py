"""How alike a hit's title and the query are: scored beside the match, never matched."""

from __future__ import annotations

from typing import Any

from search.analysis import QueryAnalysis
from search.backends.opensearch.text_clauses import MAX_TITLE_WORDS, PLAIN_ANALYZER
from search.text import phrase_form

TITLE_WORDS_BOOST = 2.0  # the title's words shared with the query (see `title_likeness`)
TITLE_SHARE_SCALE = 60.0  # the title's share of the query's letters, on PostgreSQL's TITLE_SCALE
SHARED_WORDS = "67%"  # of the words typed, a title holds this many to be given its share
# The title's letters in words shared with the query over the letters of both (a Jaccard index
# over letters), per document matched: close to PostgreSQL's trigram similarity of the title.
SHARED_LETTERS = """
if (doc['title_norm'].size() == 0) { return 0; }
Set seen = new HashSet();
int shared = 0;
int title = 0;
for (String w : doc['title_norm'].value.splitOnToken(' ')) {
  if (w.length() > 0 && seen.add(w)) {
    title += w.length();
    if (params.words.contains(w)) { shared += w.length(); }
  }
}
return params.scale * shared / (title + params.letters - shared);
"""


def title_likeness(analysis: QueryAnalysis, plain: bool) -> list[dict[str, Any]]:
    """How alike the title and the query are: scored, never matched (`should`s beside the
    match), as PostgreSQL adds the title's trigram likeness to its candidates.

    The title's words shared with the query (BM25, normalised by the title's length): without
    it the bare DECIPHER entry, one short name, outranked Orphanet's ("charcot marie tooth type
    1a"), and "Duchenne and Becker muscular dystrophy" the Duchenne entry for "duchenne
    disease". And the share of both's letters the shared words hold (`SHARED_LETTERS`): BM25
    hardly tells a title that is the query's words from a longer one holding them, which
    trigram likeness does, so BM25's length norm over names decided instead, and favoured the
    entry with fewer synonyms: "batten disease cln2" put the three CLN2 disease subtypes
    ("Juvenile CLN2 disease", one synonym each) before CLN2 disease (four synonyms), and
    "alpha-galactosidase a" a therapy of a six-word title before the gene "GLA: galactosidase
    alpha". A script per document whose title holds two thirds of the words (painless, a few
    string splits).

    One word typed: the share alone. Its title phrase and title words are the same match as the
    share's (the title holds the word), so a title holding an abbreviation was counted three
    times, about 65 points where PostgreSQL's likeness gives about 15: "ncl" put the gene "NCL:
    nucleolin" before Neuronal ceroid lipofuscinosis, whose key it is.
    """
    phrase = phrase_form(analysis.corrected or analysis.raw)
    if plain or not phrase or len(phrase.split()) > MAX_TITLE_WORDS:
        return []
    title = {"query": phrase, "analyzer": PLAIN_ANALYZER, "boost": TITLE_WORDS_BOOST}
    matched = {"query": phrase, "analyzer": PLAIN_ANALYZER}
    words = sorted(set(phrase.split()))
    params = {"words": words, "letters": sum(map(len, words)), "scale": TITLE_SHARE_SCALE}
    shared = {
        "script_score": {
            # Only titles holding two thirds of the words typed: a widened query's common word
            # ("disease") matched thousands of titles, each a script run, for a share of 1/3.
            "query": {"match": {"title": {**matched, "minimum_should_match": SHARED_WORDS}}},
            "script": {"source": SHARED_LETTERS, "params": params},
        }
    }
    if len(phrase.split()) == 1:
        return [shared]
    return [{"match": {"title": title}}, shared]
