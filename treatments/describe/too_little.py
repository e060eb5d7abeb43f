"""Where a description's words say there is too little of a thing (plain Python): "hardly any
hair", "her hair is sparse", "very few teeth", "not much hair", which `scan` reads as one FEW
token.
"""

from __future__ import annotations

# Words that say there is too little of a thing (FEW): "hardly any hair", "her hair is
# sparse", "very few teeth", "the few words she had", "very little hair", "little or no hair",
# "not much hair". Not "a few" or "a little" (some: "a few seizures"), unless "only a few".
_TOO_LITTLE = frozenset(["hardly", "barely", "scarcely", "sparse", "sparsely", "scanty", "scant"])
_ONLY = frozenset(["very", "so", "too", "only"])
_ALMOST = frozenset(["almost", "nearly", "virtually", "hardly", "barely"])  # "almost no hair"
_NONE_AFTER = (["or", "no"], ["to", "no"])  # "little or no hair", "little to no hair"
# "the last few years", "a few times", "every few weeks": when, not how much.
_WHEN_BEFORE = frozenset(["last", "past", "next", "first", "these", "those", "every"])
_WHEN_AFTER = frozenset(
    ["seconds", "minutes", "hours", "days", "nights", "weeks", "months", "years", "times"]
)


def too_little_words(words: list[str], at: int) -> int:
    """How many words from `words[at]` say there is too little of something (0: they do not)."""
    word, before = words[at], words[at - 1] if at else ""
    if word in _TOO_LITTLE:
        return 1
    if word == "no":
        return int(before in _ALMOST)
    if word not in ("few", "little", "much", "many"):
        return 0
    if word in ("much", "many"):
        return int(before == "not")
    if word == "little" and words[at + 1 : at + 3] in _NONE_AFTER:
        return 3
    if before in _WHEN_BEFORE or (words[at + 1 : at + 2] and words[at + 1] in _WHEN_AFTER):
        return 0
    if before == "a":  # "a few" is some; "only (says) a few" too few
        return int(at >= 2 and (words[at - 2] in _ONLY or "only" in words[max(0, at - 4) : at]))
    return int(word == "few" or before in _ONLY)  # "few teeth", "very little hair"


def too_little_start(words: list[str], at: int) -> int:
    """Where the words saying too little start: "not much", "very little", "only a few"."""
    start = at
    while start > 0 and at - start < 2 and words[start - 1] in _ONLY | _ALMOST | {"a", "not"}:
        start -= 1
    return start
