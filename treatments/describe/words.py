"""Words of a description reduced to stems: plural, verb forms and everyday and medical words
for one thing meet ("losing" = "lose", "tummy" = "belly" = "abdominal"; plain Python).
"""

from __future__ import annotations

import re
from functools import lru_cache

NOT = "~not"
BREAK = "~break"  # a comma, semicolon or full stop: no phrase or negation reaches across it
# Too little of something, one token whichever words say it: a family's "hardly any hair",
# "very few teeth", "barely talks", and HPO's "Sparse hair", "Decreased sweating", "Poor
# speech" (`derive.too_little`) meet on it. Not "no" (NOT: "no hair" is Absent hair).
FEW = "~few"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,;.!?]")
NEGATORS = frozenset({"not", "no", "never", "unable", "without", "nor", "cannot", "cant", "wont"})
NEGATED_VERB = re.compile(r"^[a-z]+n'?t$")  # "doesn't", "can't", "didnt" (not "want", "faint")
NOT_CONTRACTIONS = frozenset(
    [
        "doesnt",
        "dont",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "hasnt",
        "havent",
        "hadnt",
    ]
)
# Words that open a noun phrase ("the", "my", ...): what stands before a part or a thing.
DETERMINERS = frozenset(["the", "a", "an", "my", "his", "her", "their", "our", "your", "its"])
# Words that carry no sign: who it is about, filler, and function words (not "a lot": "laughs a
# lot" is not "laughs", "drinks a lot" not "drinks").
FILLER = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "with", "by", "as", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing", "will", "would", "should", "could", "can", "may", "might", "must", "shall", "my", "our", "your", "his", "her", "their", "its", "he", "she", "they", "it", "we", "i", "you", "me", "him", "them", "us", "this", "that", "these", "those", "there", "here", "who", "whom", "which", "what", "when", "where", "why", "how", "so", "very", "really", "quite", "too", "also", "just", "still", "all", "any", "some", "much", "many", "more", "most", "bit", "little", "always", "sometimes", "often", "since", "ago", "now", "then", "than", "about", "into", "over", "under", "after", "before", "again", "once", "twice", "baby", "babies", "child", "children", "kid", "kids", "son", "sons", "daughter", "daughters", "boy", "boys", "girl", "girls", "toddler", "teenager", "teen", "infant", "newborn", "man", "woman", "person", "patient", "he's", "she's", "it's", "seems", "seem", "seemed", "looks", "looked", "get", "gets", "got", "getting", "keep", "keeps", "kept", "year", "years", "month", "months", "old", "age"]
)  # fmt: skip
# Words whose stem would collide or that the suffix rules mangle.
_IRREGULAR = {
    "feet": "foot",
    "teeth": "tooth",
    "lost": "lose",
    "fell": "fall",
    "ate": "eat",
    "ran": "run",
    "went": "go",
    "saw": "see",
    # Irregular past forms and plurals of the words parents use for milestones and body parts.
    "sat": "sit",
    "stood": "stand",
    "spoke": "speak",
    "spoken": "speak",
    "held": "hold",
    "grew": "grow",
    "grown": "grow",
    "fed": "feed",
    "slept": "sleep",
    "woke": "wake",
    "broke": "break",
    "broken": "break",
    "loss": "lose",
    "calves": "calf",
    "halves": "half",
    "vertebrae": "vertebra",
    "weaker": "weak",
    "early": "early",  # not "ear"
    "threw": "throw",
    "thrown": "throw",
    "drank": "drink",
    "peed": "urine",
    "pees": "urine",
    "peeing": "urine",
    "stiffer": "stiff",
    "thinner": "thin",
    "bigger": "big",
    "smaller": "small",
    "larger": "large",
    "shorter": "short",
    "taller": "tall",
    "stools": "stool",
    "poo": "stool",
    "poop": "stool",
    "wee": "urine",
    "pee": "urine",
    # The stem "belly" shares ("belly" itself strips to "bel"): "tummy pain" = "abdominal pain".
    "tummy": "abdomen",
    # The everyday words' own plurals and verb forms ("runny poos", "wees a lot").
    "poos": "stool",
    "poops": "stool",
    "pooing": "stool",
    "pooping": "stool",
    "wees": "urine",
    "weeing": "urine",
    "tummies": "abdomen",
    "anaemia": "anemia",
    "haemorrhage": "hemorrhage",
    "diarrhoea": "diarrhea",
    "oesophagus": "esophagus",
    "colour": "color",
    "coloured": "color",
    "paediatric": "pediatric",
    # "-nged" keeps the e of "change" ("hanged", "banged" do not: no rule, just the word).
    "changed": "change",
    "changing": "change",
}
# A superlative says what its comparative says: "the shortest in her class" is short, as
# "shorter than his friends" is.
_IRREGULAR.update(
    {
        comparative.removesuffix("er") + "est": base
        for comparative, base in list(_IRREGULAR.items())
        if comparative.endswith("er") and comparative.removesuffix("er").startswith(base[:3])
    }
)
_KEEP_S = ("ss", "us", "is", "ous", "lens")
# A sign's adjective is read as its noun, the form HPO names it by: "anemic" = "anemia",
# "ataxic" = "ataxia", "hypoplastic" = "hypoplasia", "lethargic" = "lethargy", "neuropathic" =
# "neuropathy", "epileptic" = "epilepsy", "psychotic" = "psychosis" (medical endings only, so
# "classic" is not "class" nor "music" a sign).
_ADJECTIVE_NOUN = (
    ("plastic", "plasia"),
    ("trophic", "trophy"),
    ("pathic", "pathy"),
    ("leptic", "lepsy"),
    ("lytic", "lysis"),
    ("tonic", "tonia"),
    ("lexic", "lexia"),
    ("emic", "emia"),
    ("axic", "axia"),
    ("opic", "opia"),
    ("otic", "osis"),
    ("rgic", "rgy"),
)
_ADJECTIVE_ENDINGS = tuple(adjective for adjective, _ in _ADJECTIVE_NOUN)


# Everyday and medical words for the same thing meet on one stem, so a family's "big kidneys"
# reaches HPO's "Enlarged kidney" and "belly pain" reaches "Abdominal pain" (first word wins).
_SAME_WORDS = (
    ("large", "big", "enlarged", "huge"),
    ("small", "tiny"),
    ("abdomen", "abdominal", "belly", "stomach"),
    ("kidney", "renal"),
    ("heart", "cardiac"),
    ("liver", "hepatic"),
    ("lung", "pulmonary"),
    ("skin", "cutaneous"),
    ("brain", "cerebral"),
    ("vision", "eyesight", "sight", "visual"),
    ("urine", "urinary", "urinate", "urination"),
    ("stool", "feces", "faeces", "fecal", "faecal"),
    ("fatigue", "tired", "exhausted"),
    ("tremor", "shaky", "shaking", "shake", "trembling", "tremble", "tremors"),
    ("seizure", "convulsion"),
    ("swell", "swollen"),
    ("tooth", "dental"),
    ("muscle", "muscular"),
    ("spine", "spinal", "backbone"),
    ("speech", "talk", "speak"),
    ("walk", "gait"),
    # What sets a sign off: HPO's "Exertional dyspnea", "Muscle cramps on exertion" and a
    # family's "short of breath after sports" (F22).
    ("exercise", "exertion", "exertional", "sport"),
    # Plain words for the medical ones of HPO's labels (third session, tuning split).
    ("high", "elevated", "increased", "raised", "excessive", "excess"),
    ("low", "decreased", "reduced", "poor"),
    ("itch", "itchy", "itching", "pruritus"),
    ("myopia", "nearsighted", "shortsighted"),
    ("sweat", "sweating", "sweaty", "perspiration"),
    ("jaw", "mandible", "mandibular"),
    ("nose", "nasal"),
    ("chest", "thoracic", "thorax"),
    ("sugar", "glucose"),
    ("missing", "absent"),
    ("dislocation", "dislocate", "dislocating"),
    ("pain", "sore", "painful", "ache", "aching", "hurt", "hurting"),
    ("breath", "breathe"),
    ("lump", "bump", "lumpy", "bumpy"),
    ("spot", "patch", "dot", "speck"),
    ("thin", "skinny"),
    ("unusual", "strange", "odd", "weird"),
    # HPO says "Broad" and "Wide" for one thing; a parent's "-y" word is the HPO noun or verb.
    ("broad", "wide"),
    # HPO says "Widely spaced eyes / teeth / nipples"; a family says "eyes (set) wide apart".
    ("space", "apart"),
    ("droop", "droopy", "saggy", "sag"),
    ("scale", "scaly", "scaling"),
    ("jerk", "jerky"),
    ("twitch", "twitchy"),
    ("wobble", "wobbly", "jiggle", "jiggly"),
    ("stretch", "stretchy"),
    ("puffy", "puff", "puffiness"),
    # An organ that "failed" or "is failing" is HPO's "failure" ("her liver failed"), and a
    # weight said in its unit is a weight ("lost 10 kg").
    ("failure", "fail"),
    ("weight", "kg", "kgs", "kilo", "kilos", "kilograms", "lbs"),
    # A body part's adjective is its noun, as for "renal" ("Penile freckling": "freckles on
    # his penis").
    ("penis", "penile"),
    # "Abnormality of the kidney" is read "kidney problems": "trouble with her kidneys" too.
    ("problem", "trouble", "issue", "difficulty", "struggle", "struggling"),
    # Whoever it is said of: "wets herself" is the row "wets himself" (D33).
    ("himself", "herself", "myself", "themselves", "themself", "yourself"),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper (plural, -ing, -ed, -ly, -ness: "losing" = "lose", "spinning"
    = "spin" but "spine" stays "spine"), then everyday and medical words for one thing joined."""
    stripped = _strip(word)
    return _SAME.get(stripped, stripped)


def _strip(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(_ADJECTIVE_ENDINGS):
        for adjective, noun in _ADJECTIVE_NOUN:
            if word.endswith(adjective) and len(word) - len(adjective) >= 2:
                return word[: -len(adjective)] + noun
    # A verb form is read as the sign's noun: "constipated" = "constipation", "dilated" =
    # "dilation", "infected" = "infection", "agitated" = "agitation" (not "-eated": "repeated",
    # "sweating", "bloated" keep their verb).
    if word.endswith(("ated", "ating")):
        base = word[: word.rindex("at")]
        if len(base) >= 3 and base[-1] not in _VOWELS:
            return base + "ation"
    if word.endswith(("cted", "cting")):
        base = word[: word.rindex("ct")]
        if len(base) >= 3:
            return base + "ction"
    if word.endswith("ened") and len(word) - 4 >= 3:
        base = word[:-4]  # "flattened" = "flat", "thickened" = "thick", "widened" = "wide"
        if base[-1] == base[-2]:
            return base[:-1] if base[-1] in "tpgdbmn" else base  # "flatt" -> "flat"; "stiff"
        return _restore_e(base)
    # "worried", "dried", "carried" are the y-verbs' past forms ("worries" = "worry").
    if word.endswith("ied") and len(word) >= 5:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return _restore_e(word[: -len(suffix)])
    if word.endswith("ly") and (adjective := _y_adjective(word[:-2])):
        return adjective
    for suffix, replacement in (
        ("ies", "y"),
        ("iness", "y"),
        ("ness", ""),
        ("ily", "y"),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    if word.endswith(("ses", "zes")) and word[-4] in _VOWELS:
        return word[:-1]  # "bruises", "loses", "squeezes" keep their e ("bruise", "squeeze")
    if (
        word.endswith("es")
        and len(word) > 4
        and (word[-3] in "sxz" or word.endswith(("ches", "shes")))
        and (not word.endswith("aches") or word.endswith(("eaches", "oaches")))
    ):
        return word[:-2]  # "boxes", "twitches", "reaches" (but "headaches" keeps its e)
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


_VOWELS = "aeiou"
# A "-y" adjective of a word ending in "le" or "l" is no adverb, and its "ly" is no suffix to
# cut: "tingly" is "tingle" (HPO's "Tingling"), "wobbly" "wobble", "bubbly" "bubble",
# "crumbly" "crumble", "wrinkly" "wrinkle", "curly" "curl", "smelly" "smell" (were "ting",
# "wobb", "bubb", "crumb", "wrink", "cur", "smel"; the adverb check took "tingly" for an
# adverb of "ting" and dropped every row that says it). Only endings no adverb of a plain
# adjective has: "strongly", "quickly", "oddly", "stiffly", "nearly", "totally" keep theirs.
_LE_BASE = re.compile(r"(?:bb|gg|zz|mb|ink)$|^[a-z]{1,2}ing$")
_L_BASE = re.compile(r"^[a-z]*[^aeiou][ui]r$|^[a-z]+[^aeiou][eiu]l$")


# Adjectives with such an ending: their "-ly" is an adverb's ("numbly" is "numb", no "numble").
_ADJECTIVE_BASES = frozenset(["numb", "dumb", "pink"])


def _y_adjective(base: str) -> str | None:
    """The word a "-ly" adjective is made from ("ting" of "tingly" -> "tingle"), or None."""
    if base in _ADJECTIVE_BASES:
        return None
    if _LE_BASE.search(base):
        return base + "le"
    if _L_BASE.match(base) and len(base) <= 5:
        return base + "l"
    return None


def _restore_e(base: str) -> str:
    """After -ing/-ed: undouble ("spinn" -> "spin") or put back a silent e ("los" -> "lose")."""
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in _VOWELS + "lsz":
        return base[:-1]
    # No English word ends in v, and "bruis", "caus" lost an e: "curved" = "curves".
    if base.endswith("v") or (base[-1] == "s" and base[-2] in _VOWELS and base[-3] in _VOWELS):
        return base + "e"
    # "shuffl", "tingl", "wobbl" lost the e of "shuffle", "tingle", "wobble" (not "curl", "crawl",
    # "fall"): "shuffles" and "shuffled walk" meet.
    if base[-1] == "l" and base[-2] not in _VOWELS + "lrwy":
        return base + "e"
    # "bulg", "charg", "judg", "squeez" lost the e of "bulge", "charge", "judge", "squeeze"
    # (no English word ends in -lg, -rg or -dg, nor a vowel and one z: "buzz" keeps its zz).
    if base.endswith(("lg", "rg", "dg")) or (base[-1] == "z" and base[-2] in _VOWELS):
        return base + "e"
    c1, v, c2 = base[-3:]
    if c1 not in _VOWELS and v in _VOWELS and c2 not in _VOWELS + "wxy":
        return base + "e"
    return base


_SAME = {_strip(word): _strip(group[0]) for group in _SAME_WORDS for word in group}

# Every word this module knows by name (spelling correction leaves them alone: "wobbly").
VOCABULARY = frozenset(
    word
    for word in (*_IRREGULAR, *_IRREGULAR.values(), *(w for group in _SAME_WORDS for w in group))
    if word.isalpha()
)


# Body parts a family names (stems): alone they are no sign ("inside his mouth" is not
# "Mouthing"); beside a quality they say where it is ("weak neck", "small eyes").
BODY_PARTS = frozenset(
    stem(word)
    for word in ["mouth", "eye", "ear", "nose", "lip", "tongue", "tooth", "face", "head", "neck",
                 "hand", "finger", "foot", "toe", "arm", "leg", "knee", "hip", "back", "chest",
                 "belly", "skin", "hair", "nail", "heart", "lung", "liver", "kidney", "brain",
                 "bone", "joint", "muscle", "blood", "urine", "stool"]
)  # fmt: skip


def is_plural(word: str, word_stem: str) -> bool:
    """ "eyes", "feet", "teeth" (not "knee", "hair", "tummy")."""
    return word != word_stem and (word.endswith("s") or word in ("feet", "teeth"))


def typed_words(folded: str) -> list[str]:
    """The words and clause marks of a folded text, in order ("can't", ",", "walk")."""
    return _WORD.findall(folded)


# A name that reads as one vague everyday word ("Slowness" for Lethargy) would claim that word
# wherever a family uses it ("slow to walk", "slow to learn"). Nor is a body part alone
# (`BODY_PARTS`): "inside his mouth" is not "Mouthing" (Hyperorality).
_VAGUE = frozenset(["slow", "dull", "odd", "unusual", "strange", "weird", "different", "bad"])


def says_nothing_alone(stems: tuple[str, ...]) -> bool:
    """One vague word or one body part is no sign ("Slowness", "Mouthing"): neither the phrase
    table nor the meaning reader reads a sign by such a name."""
    return len(stems) == 1 and (stems[0] in _VAGUE or stems[0] in BODY_PARTS)
