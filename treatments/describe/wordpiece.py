"""BERT's uncased WordPiece tokeniser, from the model's own vocab.txt (plain Python).

What the sentence encoder reads: text lower-cased, accents stripped, split on white space and
around each punctuation mark, then each word cut greedily into the longest pieces the
vocabulary holds ("floppy" -> "flo", "##pp", "##y"); a word no pieces spell is [UNK]. It is the
BasicTokenizer + WordpieceTokenizer pair `tokenizer_config.json` declares (do_lower_case,
tokenize_chinese_chars); the encoder test checks its ids against the reference tokeniser's.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_WORD_CHARS = 100  # BERT's own limit: a longer "word" is [UNK]


@dataclass(frozen=True)
class WordPiece:
    """A vocabulary: piece -> id, and the ids of the special tokens."""

    ids: dict[str, int]
    cls: int
    sep: int
    unk: int

    @classmethod
    def from_vocab(cls, path: Path) -> WordPiece:
        """Read vocab.txt: one piece a line, the line number its id."""
        pieces = path.read_text(encoding="utf-8").split("\n")
        if pieces and pieces[-1] == "":
            pieces.pop()
        ids = {piece: i for i, piece in enumerate(pieces)}
        return cls(ids=ids, cls=ids["[CLS]"], sep=ids["[SEP]"], unk=ids["[UNK]"])

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """[CLS] pieces [SEP], at most `max_tokens` ids (the pieces cut at the end)."""
        pieces: list[int] = []
        for word in _words(text):
            pieces.extend(self._pieces(word))
        return [self.cls, *pieces[: max_tokens - 2], self.sep]

    def _pieces(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                if piece in self.ids:
                    found = self.ids[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]  # one unspellable part makes the whole word unknown
            out.append(found)
            start = end
        return out


def _words(text: str) -> list[str]:
    """Lower-cased, accent-free words with each punctuation mark a word of its own."""
    text = "".join(
        " " if _is_space(ch) else ch
        for ch in text
        if not (ord(ch) in (0, 0xFFFD) or _is_control(ch))
    )
    text = "".join(f" {ch} " if _is_cjk(ord(ch)) else ch for ch in text)
    words: list[str] = []
    for token in text.split():
        folded = unicodedata.normalize("NFD", token.lower())
        folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
        current = ""
        for ch in folded:
            if _is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def _is_space(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")


def _is_punctuation(ch: str) -> bool:
    # ASCII symbols such as "$", "^", "`" count as punctuation for BERT too.
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


_CJK_RANGES = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)  # fmt: skip


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in _CJK_RANGES)
