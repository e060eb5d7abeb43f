"""One folding for condition names and indication texts, and the other writings of a designation
that may be looked up whole: without stage or marker qualifiers, its bracketed other name, the
other word for an inherited origin, with or without a closing "syndrome".

Every writing here is compared with whole stored names only; none of them finds a name inside a
longer text, so nothing links on a shared word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_NAME_WORDS = 14
# Abbreviations are only trusted written in capitals in the source text ("PNH", not "all").
ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9-]{2,9}\b")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}
_SPELLING = (
    (re.compile(r"['\u2019]s\b"), ""),
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aemia"), "emia"),
    (re.compile(r"\boedema"), "edema"),
    (re.compile(r"\boesophag"), "esophag"),
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"\bclassical\b"), "classic"),
    # "transthyretin-mediated", "-related" and "-associated" amyloidosis are one writing.
    (re.compile(r"(?<=\w)[- ](?:mediated|related)\b"), " associated"),
)
_TYPE_FIRST = re.compile(r"\btype (\d+[a-z]?) ((?:[a-z0-9]+ ){0,3}(?:disease|syndrome|deficiency))")
_LEAD = re.compile(
    r"^(?:for )?(?:the )?(?:use (?:as|in) .*?(?:for|in) )?"
    r"(?:(?:oral|immediate|short course|long term|maintenance|adjunctive|first line) )?"
    r"(?:treatment|prevention|prophylaxis|"
    r"management|diagnosis|control|reduction)(?: and \w+)? (?:of|for) (?:patient with )?"
)
# Endings of singular words that look plural ("sepsis", "sickness", "virus").
_NOT_PLURAL = ("ss", "is", "us")
_TYPE_WORD = re.compile(r" type (?=\d)")
# "Deficiency of X" is "X deficiency"; "cancer of the fallopian tubes" is "fallopian tube cancer".
_INVERTED = re.compile(
    r"^((?:congenital|hereditary|inherited|familial) )?(deficiency|cancer) of (?:the )?(.+)$"
)
_DEFICIENCY_TAIL = ((re.compile(r" deficiency disease$"), " deficiency"),
                    (re.compile(r" gene deficiency\b"), " deficiency"))  # fmt: skip
_FILLER = frozenset({"of", "the", "and", "or", "in", "with", "a", "an", "to", "for", "type"})


def _singular(word: str) -> str:
    """'syndromes' -> 'syndrome', 'deficiencies' -> 'deficiency'; 'sepsis', 'pancreas' kept."""
    if len(word) < 5 or not word.endswith("s") or word.endswith(_NOT_PLURAL):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


# The name index folds every stored name and each indication folds the same designations again:
# one fold per distinct text (a full index holds about 90,000 writings).
@lru_cache(maxsize=1 << 17)
def normalise(text: str, *, ordered: bool = True) -> str:
    """Case, accents, punctuation, spelling, plurals and 'type I' folded, so two writings of a
    name compare equal (names and indications go through the same folding). ``ordered=False``
    leaves a leading type where it is ("type 6 maroteaux lamy syndrome" stays)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = " ".join(_singular(w) for w in text.split())
    # Roman numerals as digits: "type I", "mucopolysaccharidosis VI", "factor VIII"; a lone
    # "i" or "v" only after "type" or at the end ("mucopolysaccharidosis I").
    text = re.sub(r"\b(ii|iii|iv|vi|vii|viii)\b", lambda m: _ROMAN[m.group(1)], text)
    text = re.sub(r"(\btype |[a-z] )(i|v)$|\btype (i|v)\b",
                  lambda m: (m.group(1) or "type ") + _ROMAN[m.group(2) or m.group(3)], text)  # fmt: skip
    for pattern, replacement in _DEFICIENCY_TAIL:
        text = pattern.sub(replacement, text)
    if not ordered:
        return " ".join(text.split())
    # One writing of a type: "type 1 gaucher disease" -> "gaucher disease type 1".
    text = _TYPE_FIRST.sub(lambda m: f"{m.group(2)} type {m.group(1)}", " ".join(text.split()))
    return " ".join(text.split())


def designation_core(text: str) -> str:
    """The condition part of a designation: 'Treatment of cystinosis.' -> 'cystinosis'."""
    return _LEAD.sub("", normalise(text)).strip()


def variants(text: str) -> list[str]:
    """The normalised text, then the same without the word "type" before a number
    ("mucopolysaccharidosis 1" = "mucopolysaccharidosis type 1"), with a leading type left
    in place ("mucopolysaccharidosis type 6 (maroteaux lamy syndrome)") and turned round when
    it reads "deficiency of X" ("X deficiency")."""
    norm = normalise(text)
    found = [norm, _TYPE_WORD.sub(" ", norm), normalise(text, ordered=False)]
    found += [_INVERTED.sub(r"\1\3 \2", v) for v in found]
    return [v for v in dict.fromkeys(found) if v]


def name_variants(name: str) -> list[str]:
    """A stored name's writings, OMIM's inverted ones turned round:
    'Angioedema, hereditary, 1' -> also 'hereditary angioedema 1'."""
    found = variants(name)
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if len(parts) == 2:
        found += variants(f"{parts[1]} {parts[0]}")
    elif len(parts) == 3 and re.fullmatch(r"(type )?([0-9]+[a-z]?|[ivx]+)", parts[2].casefold()):
        found += variants(f"{parts[1]} {parts[0]} {parts[2]}")
    return [v for v in dict.fromkeys(found) if v]


# OMIM names a cancer by its somatic record, "Gastric cancer, somatic": the record is that
# cancer, so it answers to the plain name when the whole designation is that name. Not
# "X, susceptibility to": that record is a genetic risk ("Iron overload, susceptibility to"
# is not the iron overload of transfusions).
_OMIM_TAIL = re.compile(r"^([^,]+), somatic$", re.IGNORECASE)


def loose_name(name: str) -> str:
    """'Gastric cancer, somatic' -> 'gastric cancer'; '' for any other name."""
    found = _OMIM_TAIL.match(name.strip())
    return normalise(found.group(1)) if found else ""


def unnumbered(text: str) -> str:
    """'keratoconus 5' -> 'keratoconus', 'x type 2 y' -> 'x y': a name with its numbers aside."""
    return " ".join(w for w in text.split() if not w.isdigit() and w != "type")


def content_words(text: str) -> set[str]:
    """The words of a folded text that are not filler ('of', 'the', 'type'...)."""
    return {w for w in text.split() if w not in _FILLER}


# Words that say how far a cancer has gone or which marker it carries, not which cancer it
# is: "Stage IIb-IV", "BRAF V600 mutation-positive", "ALK-positive", "metastatic".
_STAGE = re.compile(
    r"\b(?:high risk )?stage (?:[0-9]+[a-c]?|[ivxl]+[a-c]?)"
    r"(?: (?:through|to|and|or|stage|[0-9]+[a-c]?|[ivxl]+[a-c]?)\b)*"
)
# "IIb to stage IV": a range whose first stage is written without the word.
_STAGE_FROM = re.compile(r"\b(?:[0-9]+[a-c]?|[ivxl]+[a-c]?) (?:to|through) (?=stage )")
_MARKER_AFTER = re.compile(
    r"\b(?:positive for|with|harboring) (?:the |a )?(?:[a-z0-9]+ ){1,3}"
    r"(?:mutation|fusion|rearrangement|amplification)\b.*$"
)
_MARKER = re.compile(
    r"\b(?:[a-z0-9]+ ){1,5}(?:mutation |fusion |gene )?(?:positive|negative|overexpressing)\b"
)
_SPREAD = re.compile(
    r"\b(?:relapsed or refractory|relapsed|refractory|recurrent|metastatic|locally advanced|"
    r"advanced|unresectable|newly diagnosed|homozygous|moderate to severe|mild to moderate|"
    r"high risk|symptomatic|active)\b"
)


def without_qualifiers(core: str) -> str:
    """'stage 2b through 4 melanoma positive for the braf mutation' -> 'melanoma'."""
    # "Gastric cancer, including gastroesophageal junction cancer" is gastric cancer.
    text = _WHO.sub("", core.split(" including ")[0])
    text = _MARKER.sub(" ", _MARKER_AFTER.sub(" ", _STAGE.sub(" ", _STAGE_FROM.sub("", text))))
    words = _SPREAD.sub(" ", text).split()
    while words and words[0] in _JOINING:
        words.pop(0)
    while words and words[-1] in _JOINING:
        words.pop()
    return " ".join(words)


# "X in patients with Y", "X associated with Y": Y is the condition of the patients.
PATIENTS = re.compile(r" (?:in|associated with|due to|caused by|secondary to) ")
_WHO = re.compile(
    r"^(?:(?:pediatric|adult|the|active|symptomatic|advanced|refractory|relapsed|recurrent|"
    r"homozygous|severe) )*(?:(?:patient|individual|child) )?(?:with )?"
)
_JOINING = frozenset({"and", "or", "with", "of", "the", "in"})
_BRACKET = re.compile(r"\(([^()]*)\)")
_ORIGIN = ("hereditary", "congenital", "inherited", "familial")
_CLOSING = (" syndrome", " disease")


def origin_writings(text: str) -> list[tuple[str, str]]:
    """The text, then the same with the other words for an inherited origin:
    'hereditary factor x deficiency' -> also 'congenital factor x deficiency'."""
    first, _, rest = text.partition(" ")
    if first not in _ORIGIN or not rest:
        return [(text, "")]
    return [(text, ""), *((f"{o} {rest}", "origin") for o in _ORIGIN if o != first)]


def alternates(designation: str) -> list[tuple[str, str]]:
    """Other whole writings of a designation's condition, each with the rule that made it:
    qualifiers left out, the text outside and inside its brackets, the other word for an
    inherited origin ("hereditary" / "congenital"), a closing "syndrome" added or dropped."""
    outside = _BRACKET.sub(" ", designation)
    found: list[tuple[str, str]] = []
    core = designation_core(outside)
    for text, rule in ((core, "brackets"), (without_qualifiers(core), "qualifiers")):
        if text:
            found.append((text, rule))
    # The bracket's other name ("PEComa"); a short one ("PTCL", "AEDs") is no name to look up.
    found += [(designation_core(inside), "brackets") for inside in _BRACKET.findall(designation)
              if " " in inside.strip() or len(inside.strip()) >= 6]  # fmt: skip
    # The patients' condition: "bleeding associated with congenital factor XIII deficiency".
    for text, _rule in list(found):
        for clause in PATIENTS.split(text)[1:]:
            clause = _WHO.sub("", _WHO.sub("", clause))
            found += [(clause, "patients"), (without_qualifiers(clause), "patients")]
    for text, _rule in list(found):
        words = text.split()
        found += origin_writings(text)[1:]
        if len(words) >= 2:
            ending = next((c for c in _CLOSING if text.endswith(c)), None)
            if ending and len(words) > 2:
                found.append((text.removesuffix(ending), "closing word"))
            elif not ending:
                found += [(text + c, "closing word") for c in _CLOSING]
    return [(t, r) for t, r in dict.fromkeys(found) if t]
