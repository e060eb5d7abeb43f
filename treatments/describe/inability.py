"""A clause that says the person cannot do something, put as HPO's names put it (plain Python).

"can't climb stairs", "still doesn't talk", "never learned to sit": a negated ability verb is
a sign in itself (HPO: "Difficulty climbing stairs", "Inability to speak", "Delayed ability to
sit"), the commonest way parents name one. The meaning reader skips every other negated
clause: "no seizures", "he doesn't have fits", "never had a fever" deny a sign, and their
words sit right beside the sign's name. So only a negation right before a verb of what a body
does (walk, talk, see, swallow, ...) is read, and it is embedded as "unable to <verb> ..."
(the words the names use: "still doesn't talk" is far from every name, "unable to talk" near
"Inability to speak"). Anything else after the negation (have, like, get, a noun) is no
inability: "he doesn't like broccoli", "we can't get an appointment".
"""

from __future__ import annotations

from treatments.describe.words import NEGATED_VERB, NEGATORS, NOT_CONTRACTIONS, stem

# What a body or mind does, as parents name a sign by its absence. Not "sleep", "wee", "eat
# much": "she never sleeps in the car" and "doesn't wee much" say how often, not that she
# cannot (the sign, if any, is no inability).
_ABILITY_VERBS = (
    "walk", "talk", "speak", "say", "sit", "stand", "crawl", "climb", "hold", "lift", "raise",
    "run", "jump", "hop", "swallow", "chew", "suck", "see", "hear", "grip", "grasp", "roll",
    "move", "use", "write", "read", "bend", "straighten", "close", "open", "smile", "babble",
    "point", "focus", "concentrate", "remember", "understand", "breathe", "sweat", "feel",
    "taste", "smell", "kick", "reach", "balance", "catch", "throw", "control", "turn",
    "learn", "wake", "cry", "blink", "squat", "tiptoe", "button", "dress", "pronounce", "keep",
    "swim", "cycle", "ride", "clap", "wave", "fix", "follow", "track",
)  # fmt: skip
_ABILITY_STEMS = {stem(verb): verb for verb in reversed(_ABILITY_VERBS)}
# Words between the negation and the verb: "can't even walk", "isn't able to walk", "never
# learned to sit", "doesn't seem to feel pain", "can no longer run".
_BETWEEN = frozenset(
    ["to", "be", "able", "yet", "even", "ever", "really", "longer", "learn", "learned",
     "learnt", "manage", "managed", "start", "started", "seem", "seems", "seemed", "properly",
     "fully", "quite", "always", "still", "not"]
)  # fmt: skip
_CANNOT = "unable to"
_OR = frozenset(["or", "nor"])
# The helper verb a negation leans on ("can not", "does not", "is not able to"): dropped with it.
_AUXILIARIES = frozenset(
    ["can", "could", "do", "does", "did", "is", "are", "was", "were", "will", "would", "has",
     "have", "had", "may", "might"]
)  # fmt: skip


def negated_abilities(words: list[str]) -> list[str]:
    """The clause (typed words, no clause marks) with its negated ability put as "unable to
    <verb> ...", one for each verb an "or" joins to it ("can't climb stairs or stand up":
    both), or none when its first negation is not before an ability verb."""
    at = next((i for i, word in enumerate(words) if _negates(word)), None)
    if at is None:
        return []
    if words[at] == "no" and (at + 1 >= len(words) or words[at + 1] != "longer"):
        return []  # "no seizures", "no words": a thing denied ("no longer walks" is not)
    verb = at + 1
    while verb < len(words) and words[verb] in _BETWEEN:
        verb += 1
    if verb >= len(words) or _ability(words[verb]) is None:
        return []
    if verb + 1 < len(words) and words[verb + 1] == "still":
        return []  # "can't sit still", "can't keep still": restless, not unable to sit
    before = words[: at - 1] if at and words[at - 1] in _AUXILIARIES else words[:at]
    out, start = [], verb
    for i in range(verb + 1, len(words) + 1):
        if i == len(words) or (words[i] in _OR and i + 1 < len(words) and _ability(words[i + 1])):
            out.append(" ".join([*before, _CANNOT, _ability(words[start]), *words[start + 1 : i]]))
            start = i + 1
    return out


def _ability(word: str) -> str | None:
    return _ABILITY_STEMS.get(stem(word.replace("'", "")))


def _negates(word: str) -> bool:
    plain = word.replace("'", "")
    return plain in NEGATORS or plain in NOT_CONTRACTIONS or bool(NEGATED_VERB.match(word))
