"""Whose sign is it: the clauses of a description that are about someone else (plain Python).

A family describes one person, named first ("my son has seizures", "my dad keeps falling"). A
later clause whose subject is another relative ("her brother has seizures", "my husband has the
same big head", "his dad was tall too") or that says a sign runs in the family tells the family
history: those signs are not the described person's own, so they must not rank as theirs. The
person's own signs in the same sentence still read ("he has seizures like his brother": the
brother is no subject there).
"""

from __future__ import annotations

# Relatives a family names, each mapped to one key ("mum" = "mom" = "mother").
_RELATIVES = {
    **dict.fromkeys(["mum", "mom", "mommy", "mummy", "mother", "mama", "ma"], "mother"),
    **dict.fromkeys(["dad", "daddy", "father", "papa", "pa"], "father"),
    **dict.fromkeys(["brother", "brothers"], "brother"),
    **dict.fromkeys(["sister", "sisters"], "sister"),
    **dict.fromkeys(["husband", "hubby"], "husband"),
    **dict.fromkeys(["wife"], "wife"),
    **dict.fromkeys(["partner"], "partner"),
    **dict.fromkeys(["uncle", "uncles"], "uncle"),
    **dict.fromkeys(["aunt", "aunts", "auntie", "aunty"], "aunt"),
    **dict.fromkeys(["cousin", "cousins"], "cousin"),
    **dict.fromkeys(["nephew", "nephews"], "nephew"),
    **dict.fromkeys(["niece", "nieces"], "niece"),
    **dict.fromkeys(["grandma", "grandmother", "granny", "gran", "nan", "nana", "nanna"], "grandmother"),
    **dict.fromkeys(["grandpa", "grandfather", "granddad", "grandad", "gramps"], "grandfather"),
    **dict.fromkeys(["grandparents", "grandparent"], "grandparents"),
    **dict.fromkeys(["parents", "parent"], "parents"),
    **dict.fromkeys(["sibling", "siblings"], "sibling"),
    **dict.fromkeys(["twin"], "twin"),
    **dict.fromkeys(["stepdad", "stepfather", "stepmum", "stepmom", "stepmother"], "step"),
}  # fmt: skip
# The described child, by the words a family calls them: "my son", "our baby", "he".
_CHILD = frozenset(
    ["son", "daughter", "baby", "child", "kid", "boy", "girl", "toddler", "teenager", "teen",
     "infant", "newborn", "he", "she", "they", "twins"]
)  # fmt: skip
_KIN_OF_RELATIVE = frozenset(["son", "daughter", "boy", "girl", "baby", "child", "kid", "kids"])


def names_a_person(word: str) -> bool:
    """Is `word` a relative or the described child ("mum", "brother", "son", "baby")?"""
    return word in _RELATIVES or word in _CHILD or word in _KIN_OF_RELATIVE


# The words that say whose a person or thing is ("my brother", "the boy's", "her son's big toe").
OWNERS = frozenset(["my", "our", "the", "your", "his", "her", "their"])
_THEIR_OWNERS = frozenset(["his", "her", "their"])  # "his brother": a relative of the person
_OWNERS = OWNERS - _THEIR_OWNERS | {"a"}  # the writer's relatives ("my brother", "a cousin")
# Words that may stand between the owner and the relative: "my older brother", "her twin sister".
_DESCRIBING = frozenset(
    ["older", "oldest", "younger", "youngest", "big", "little", "baby", "twin", "elder",
     "eldest", "own", "late", "step", "half", "teenage", "young", "adult", "grown", "new"]
)  # fmt: skip
_LEADING = frozenset(["and", "but", "also", "then", "so", "while", "whereas", "plus", "both"])
_CLAUSE_ENDS = frozenset([",", ";", ".", "!", "?"])
# After these, a subject starts a new clause ("... and her brother has seizures").
_JOINERS = frozenset(["and", "but", "while", "whereas", "plus"])
_FAMILY_RUNS = frozenset(["run", "runs", "ran", "running"])


def likens_to_a_relative(words: list[str]) -> bool:
    """A relative of the person's in the possessive ("he has his dad's brown eyes", "her mum's
    curly hair"): a trait the family shares, which is no sign. The writer's own relative ("my
    mom's face swelled up") is the person described, so that clause is theirs."""
    for i, word in enumerate(words):
        if word.endswith("'s") and word[:-2] in _RELATIVES:
            j = i - 1
            while j >= 0 and words[j] in _DESCRIBING:
                j -= 1
            if j >= 0 and words[j] in _THEIR_OWNERS:
                return True
    return False


def others_words(words: list[str]) -> frozenset[int]:
    """The indices of `words` (as `recognise` splits a text) in clauses about someone other
    than the person described: a relative as the subject, or a sign said to run in the family."""
    if not any(w in _RELATIVES or w[:-2] in _RELATIVES or w == "family" for w in words):
        return frozenset()  # most texts (and every HPO name) name no relative
    described: str | None = None  # the described person's key, once a subject names one
    others: set[int] = set()
    for start, end in _clauses(words):
        subject = _subject(words, start, end)
        if subject is not None and subject != "child" and _likewise(words, start, end):
            subject = f"their {subject}"  # "my brother has it too": not the person described
        if subject is not None and described is None and not subject.startswith("their "):
            described = subject
        someone_else = subject is not None and subject != described and subject != "child"
        if someone_else or (subject is None and _runs_in_family(words, start, end)):
            others.update(range(start, end))
        else:
            others.update(_family_history(words, start, end))
    return frozenset(others)


def _clauses(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each clause: punctuation ends one, and so does "and" / "but" before a
    new subject ("he has seizures and his brother has them too")."""
    clauses, start = [], 0
    for i, word in enumerate(words):
        if word in _CLAUSE_ENDS:
            clauses.append((start, i))
            start = i + 1
        elif (
            word in _JOINERS
            and not _only_people(words[start:i])
            and _subject(words, i + 1, len(words)) is not None
        ):
            clauses.append((start, i))
            start = i
    clauses.append((start, len(words)))
    return [(s, e) for s, e in clauses if s < e]


def _only_people(words: list[str]) -> bool:
    """ "my son" before "and his sister both have rashes": one subject of two people."""
    return all(
        w in _LEADING or w in _OWNERS or w in _THEIR_OWNERS or w in _DESCRIBING or _person(w)
        for w in words
    )


def _subject(words: list[str], start: int, end: int) -> str | None:
    """Who the clause starting at `start` is about: "child" for the child ("my son", "she"), a
    relative's key ("mother"; "their mother" for "his mum", a relative of the person), or None
    when the clause does not open with a person."""
    i = start
    while i < end and words[i] in _LEADING:
        i += 1
    owner = ""
    if i < end and (words[i] in _OWNERS or words[i] in _THEIR_OWNERS):
        owner = "their " if words[i] in _THEIR_OWNERS else ""
        i += 1
    while i < end and words[i] in _DESCRIBING and i + 1 < end and _person(words[i + 1]):
        i += 1
    if i >= end:
        return None
    word = words[i]
    possessive = word.endswith("'s")
    key = _person(word)
    if key is None:
        return None
    if possessive and i + 1 < end and words[i + 1] in _KIN_OF_RELATIVE:
        return f"{key}'s child"  # "my sister's boy": a cousin, not the sister
    if key == "child":
        return "child" if not owner else None  # "his son" is not how a family names the child
    return owner + key


def _person(word: str) -> str | None:
    bare = word[:-2] if word.endswith("'s") else word
    if bare in _RELATIVES:
        return _RELATIVES[bare]
    return "child" if bare in _CHILD and not word.endswith("'s") else None


def _likewise(words: list[str], start: int, end: int) -> bool:
    """Does the clause say its subject has a sign like someone else ("had them too", "has the
    same big head", "was tall as well")? ("too weak to walk" is no such "too".)"""
    span = words[start:end]
    return "same" in span or span[-1] == "too" or span[-2:] == ["as", "well"]


def _runs_in_family(words: list[str], start: int, end: int) -> bool:
    """ "big heads run in the family", "seizures run in his family"."""
    span = words[start:end]
    return "family" in span and any(w in _FAMILY_RUNS for w in span)


def _family_history(words: list[str], start: int, end: int) -> range:
    """The words after "family history of" in a clause ("there is a family history of
    seizures")."""
    for i in range(start, end - 1):
        if words[i] == "family" and words[i + 1] == "history":
            return range(i, end)
    return range(0)


def note_origin(origin: list[int], size: int, word: int) -> None:
    """Tokens added since the last call came from `word` (a token popped is forgotten)."""
    del origin[size:]
    origin.extend([word] * (size - len(origin)))
