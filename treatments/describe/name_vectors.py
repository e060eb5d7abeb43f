"""The sentence encoder's vectors of the names of the signs conditions are annotated with.

Every label and synonym (layperson ones included) of an HPO term that some condition lists
is embedded once (`encoder`). Embedding ~30,000 names takes minutes on two cores, so the
vectors are kept in a file under the var folder, named by the model and a digest of the
names: a new HPO release or a changed synonym gives a new digest and a new file, and every
process of the same data reads the same file (loaded once per process, like the phrase table,
so gunicorn's preloading master shares it with its workers).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from knowledge.models import ConditionPhenotype, Phenotype, PhenotypeSynonym
from knowledge.row_counts import rows_stamp
from treatments.describe.encoder import MODEL_NAME, sentence_encoder_get
from treatments.describe.opposites import sides
from treatments.describe.scan import normalise
from treatments.describe.words import NOT, says_nothing_alone

logger = logging.getLogger(__name__)

FOLDER = "sign-name-vectors"
MAX_NAME_CHARS = 200  # longer synonyms are sentences of a definition, not names


@dataclass(frozen=True)
class NameVectors:
    """One row per name, grouped by term: the unit vectors (float16 on disk, float32 here: numpy
    multiplies float16 slowly), each term's HPO id and its first row."""

    digest: str
    names: list[str]
    terms: list[str]
    term_starts: np.ndarray
    matrix: np.ndarray  # (names, 384) float32
    sides: np.ndarray  # per name, which way its words go (`opposites.sides`)
    # the rows of names that are one vague word or one body part ("Slowness" for Lethargy), which
    # the phrase table does not read by either: the meaning reader skips them (X26)
    mute: np.ndarray
    term_position: dict[str, int]  # HPO id -> its index in `terms`

    @classmethod
    def of(cls, digest: str, pairs: list[tuple[str, str]], vectors: np.ndarray) -> NameVectors:
        """Rows of `pairs` (sorted by HPO id, so a term's names are together)."""
        hpo_ids = [hpo_id for hpo_id, _ in pairs]
        starts = [i for i, hpo_id in enumerate(hpo_ids) if i == 0 or hpo_ids[i - 1] != hpo_id]
        return cls(
            digest=digest,
            names=[name for _, name in pairs],
            terms=[hpo_ids[i] for i in starts],
            term_starts=np.asarray(starts, dtype=np.int64),
            matrix=np.ascontiguousarray(vectors, dtype=np.float32),
            sides=np.array([sides(name) for _, name in pairs], dtype=np.int64),
            mute=np.flatnonzero([_says_nothing(name) for _, name in pairs]),
            term_position={hpo_ids[start]: i for i, start in enumerate(starts)},
        )


def _says_nothing(name: str) -> bool:
    # A name of four words or more keeps two that carry meaning; skipping it saves a second
    # at load (normalising 28,000 names).
    short = len(name.split()) <= 3
    return short and says_nothing_alone(tuple(s for s in normalise(name) if s != NOT))


def sign_names_list() -> list[tuple[str, str]]:
    """(HPO id, name) for each label and synonym of the terms some condition is annotated with,
    sorted: the same list in every process of the same data."""
    annotated = ConditionPhenotype.objects.values("phenotype_id")
    pairs = set(Phenotype.objects.filter(pk__in=annotated).values_list("hpo_id", "name"))
    pairs.update(
        PhenotypeSynonym.objects.filter(phenotype_id__in=annotated).values_list(
            "phenotype__hpo_id", "text"
        )
    )
    return sorted(
        (hpo_id, name.strip()) for hpo_id, name in pairs if 0 < len(name) <= MAX_NAME_CHARS
    )


def names_digest(pairs: list[tuple[str, str]]) -> str:
    """A digest of the model and the names, in order: the cache file's name."""
    digest = hashlib.sha256(MODEL_NAME.encode())
    for hpo_id, name in pairs:
        digest.update(f"\n{hpo_id}\t{name}".encode())
    return digest.hexdigest()[:20]


def name_vectors_build(pairs: list[tuple[str, str]], folder: Path) -> NameVectors:
    """Embed the names (minutes for the full list) and write them to `folder`."""
    digest = names_digest(pairs)
    started = time.perf_counter()
    vectors = _encode_with_progress([name for _, name in pairs])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest}.npy"
    partial = path.with_suffix(f".{threading.get_ident()}.tmp.npy")
    np.save(partial, vectors)
    partial.replace(path)  # whole or not at all: another process may be reading
    logger.info(
        "sign name vectors: %d names embedded in %.1f s", len(pairs), time.perf_counter() - started
    )
    return NameVectors.of(digest, pairs, vectors)


# A progress line about every 4,000 names: the full list takes minutes on a first start.
PROGRESS_EVERY = 4000


def _encode_with_progress(names: list[str]) -> np.ndarray:
    encoder = sentence_encoder_get()
    # Shortest first, as encode() batches them, so a slice pads no more than the whole would.
    order = sorted(range(len(names)), key=lambda i: len(names[i]))
    vectors = np.zeros((len(names), encoder.dimension), dtype=np.float16)
    for start in range(0, len(order), PROGRESS_EVERY):
        chosen = order[start : start + PROGRESS_EVERY]
        vectors[chosen] = encoder.encode([names[i] for i in chosen])
        logger.info("sign name vectors: %d of %d names embedded", start + len(chosen), len(names))
    return vectors


def name_vectors_load(pairs: list[tuple[str, str]], folder: Path) -> NameVectors | None:
    """The vectors of exactly these names from `folder`, or None when none were written."""
    digest = names_digest(pairs)
    path = folder / f"{digest}.npy"
    if not path.exists():
        return None
    vectors = np.load(path)
    if vectors.shape[0] != len(pairs):
        logger.warning(
            "sign name vectors %s hold %d rows, not %d", path, vectors.shape[0], len(pairs)
        )
        return None
    return NameVectors.of(digest, pairs, vectors)


def vectors_folder() -> Path:
    """Where the vector files are kept (under the var folder, never committed)."""
    return Path(settings.VAR_DIR) / FOLDER


CHECK_SECONDS = 60.0  # how often a process asks whether the names changed (as the phrase table)
_lock = threading.Lock()
# (data version, folder, when checked, the vectors or None when no file was found): one entry
# per process, so a missing file costs one look a minute, not a read of every name per search.
_memory: dict[str, tuple[str, Path, float, NameVectors | None]] = {}


def _data_version() -> str:
    """Cheap: the counts and last ids of terms, synonyms and annotations (no names read)."""
    return rows_stamp(Phenotype, PhenotypeSynonym, ConditionPhenotype)


def name_vectors_get(*, build: bool = False) -> NameVectors | None:
    """This data's name vectors: from memory, else from the file; built only when `build`
    (`embed_sign_names` and the tests build them; a search never waits minutes for them)."""
    folder = vectors_folder()
    cached = _memory.get("vectors")
    now = time.monotonic()
    if cached is not None and cached[1] == folder and not (build and cached[3] is None):
        if now - cached[2] < CHECK_SECONDS:
            return cached[3]
        version = _data_version()
        if cached[0] == version and cached[3] is not None:
            _memory["vectors"] = (version, folder, now, cached[3])
            return cached[3]
    version = _data_version()
    with _lock:
        pairs = sign_names_list()
        found = name_vectors_load(pairs, folder)
        if found is None and build:
            found = name_vectors_build(pairs, folder)
        if found is None:
            logger.warning("no sign name vectors for this data: run embed_sign_names")
        _memory["vectors"] = (version, folder, now, found)
        return found


def name_vectors_clear() -> None:
    """Forget the in-process vectors (tests call this after changing phenotypes)."""
    _memory.clear()
