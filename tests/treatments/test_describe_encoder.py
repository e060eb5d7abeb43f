"""The numpy sentence encoder gives the reference library's embeddings (all-MiniLM-L6-v2)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from treatments.describe.encoder import sentence_encoder_get

REFERENCE = Path(__file__).parents[1] / "fixtures" / "minilm" / "reference_embeddings.json"
ITEMS = json.loads(REFERENCE.read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("item", ITEMS, ids=[item["text"][:30] or "empty" for item in ITEMS])
def test_tokens_are_the_reference_tokenisers(item: dict) -> None:
    """WordPiece ids as BERT's uncased tokeniser gives them (accents, "can't", "!!", numbers)."""
    assert sentence_encoder_get().vocab.encode(item["text"], 256) == item["input_ids"]


def test_embeddings_match_sentence_transformers() -> None:
    """Each sentence's unit vector is within 1e-4 cosine of sentence-transformers' own."""
    texts = [item["text"] for item in ITEMS]
    ours = sentence_encoder_get().encode(texts)
    reference = np.array([item["embedding"] for item in ITEMS], dtype=np.float64)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() > 1 - 1e-4, dict(zip(texts, cosine.tolist(), strict=True))
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_a_batch_gives_each_sentence_its_own_vector() -> None:
    """Padding changes nothing: a sentence alone and in a batch of longer ones match."""
    encoder = sentence_encoder_get()
    alone = encoder.encode(["Poor head control"])[0]
    batched = encoder.encode(["Poor head control", ITEMS[9]["text"], "she is 3"])[0]
    assert float(alone @ batched) > 1 - 1e-6
