"""WSGI entry point (gunicorn)."""

import gc
import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from rarelabs import outages
from rarelabs.readability import reading_grade_warm_up
from rarelabs.startup import preflight

outages.role_set("web worker")  # under --preload, set in the master and forked with it
preflight()
application = get_wsgi_application()
# Pay the dictionary load once per worker at boot, not on a reader's first condition page.
reading_grade_warm_up()


def _warm_search_tables() -> None:
    """Load the phenotype index, its signs' words, the sign phrase table, the signs' name
    vectors, the sentence encoder and the spelling lexicon now. Under gunicorn's --preload this
    runs once in the master, so the forked workers share them instead of each spending seconds
    of CPU on its first treatment, description or misspelt search."""
    from django.db import DatabaseError, connections

    from search.lexicon import current as spelling_lexicon
    from search.title_slips import dictionary_words
    from treatments.describe.encoder import sentence_encoder_get
    from treatments.describe.evidence import condition_words_get
    from treatments.describe.lexicon import phrase_table_get
    from treatments.describe.name_vectors import name_vectors_get
    from treatments.phenotypes.index import phenotype_index_get

    try:
        condition_words_get(phenotype_index_get())
        phrase_table_get()
        name_vectors_get()  # the file `embed_sign_names` wrote (run_site runs it before this)
        sentence_encoder_get()
        spelling_lexicon()
        dictionary_words()  # the pronouncing dictionary a pasted title's words are read in
    except DatabaseError as exc:  # not migrated yet: serve pages; the first search builds them
        logging.getLogger(__name__).warning("search tables not warmed at boot: %s", exc)
    finally:
        connections.close_all()  # never hand the master's database connection to the workers
        if connections["default"].pool:  # nor its pool (its connections and its threads)
            connections["default"].close_pool()


_warm_search_tables()
# What is loaded now lives as long as the process: take it out of the collector's reach, as
# Python's docs advise before a fork. The forked workers share these pages instead of copying
# them on their first full collection, and a stopping worker or master no longer walks them one
# by one at exit (about 4 s each on 2 busy cores: every restart, every test that stops a site).
gc.collect()
gc.freeze()
