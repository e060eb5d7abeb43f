"""What a condition is, in one plain sentence, rewritten by rules from Orphanet's definition.

Orphanet definitions open with the kind of condition ("A rare genetic muscular dystrophy
characterized by ..."). Only that opening phrase is used: it is matched against a table of
medical words, each with everyday words that say the same thing. The signs that follow
"characterized by" are left to the signs sentence, which has frequencies and sources.
Nothing is said that the definition does not say; a phrase with no match gives no words.
"""

from __future__ import annotations

import re

from rarelabs.readability import GRADE_LIMIT, reading_grade

# The opening phrase ends where the definition starts listing features or causes.
_HEAD_END = re.compile(
    r"\b(characteri[sz]ed|defined|presenting|manifesting|associated|due to|resulting|leading|"
    r"caused|that|which|including|with|in which|belonging|encompassing|affecting)\b"
)
_IS = re.compile(r"^.{0,120}?\b(?:is|are)\s+(?=(?:a|an|the)\b)", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>|\([^)]*\)")
# (medical words in the opening phrase, what they mean in everyday words); first matches win.
PLAIN_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"spinal muscular atroph|motor neuron", "that makes the muscles weak"),
        (r"muscular dystroph|myopath", "that makes the muscles weak"),
        (r"neuromuscular", "that affects the nerves and muscles"),
        (r"ceroid lipofuscinos", "that harms the brain and the eyes over time"),
        (r"epilep", "that causes seizures"),
        (r"neurodevelopment", "that affects how the brain grows and works"),
        (r"neurodegenerat|degenerative brain", "that harms the brain and nerves over time"),
        (r"copper", "in which too much copper builds up in the body"),
        (r"amino acid", "in which the body cannot break down part of the food we eat"),
        (r"lysosomal|storage|oligosaccharidos|mucopolysacchar",
         "in which some substances build up in the body's cells"),
        (r"metabolic|metabolism|inborn error", "that affects how the body uses food"),
        (r"hemorrhag|bleeding|coagulation", "that makes it hard for blood to clot"),
        (r"sickle|hemoglobin|hematolog|anemia|blood", "of the blood"),
        (r"pulmonary|lung|respiratory", "that affects the lungs"),
        (r"retina|amaurosis|ophthalm|visual|eye", "that affects the eyes"),
        (r"neurocutaneous", "that affects the skin and the nerves"),
        (r"connective tissue", "that affects the tissue that holds the body together"),
        (r"cardi|heart", "that affects the heart"),
        (r"renal|kidney", "that affects the kidneys"),
        (r"hepat|liver", "that affects the liver"),
        (r"skeletal|bone|osteo", "that affects the bones"),
        (r"skin|dermat", "that affects the skin"),
        (r"immun", "that affects the body's defenses against germs"),
        (r"endocrin|hormon", "that affects the body's hormones"),
        (r"neurolog|nervous system|neuropath|ataxia", "that affects the nerves"),
        (r"systemic|multisystem", "that affects many parts of the body"),
    )
)  # fmt: skip
_GENETIC = re.compile(r"genetic|inherited|hereditary|x-linked|autosomal|chromosom")
_GROUP = re.compile(r"^(?:a|the)?\s*group\b")


def definition_head(definition: str) -> str:
    """The definition's opening phrase, lower case: the kind of condition it names."""
    first = _TAGS.sub("", definition).split(". ", 1)[0].strip()
    first = _IS.sub("", first, count=1)
    return _HEAD_END.split(first.lower(), maxsplit=1)[0].strip()


def plain_definition(definition: str, *, is_group: bool = False, rare: bool = False) -> str:
    """'It is a rare genetic condition that ...' at grade 8 or below; '' when no rule applies.

    ``rare`` says the source lists only rare conditions (Orphanet); otherwise "rare" is said
    only when the definition says it.
    """
    head = definition_head(definition) if definition.strip() else ""
    said = next((words for pattern, words in PLAIN_KINDS if pattern.search(head)), "")
    group = is_group or bool(_GROUP.match(head))
    rarity = "rare " if rare or "rare" in head.split() else ""
    genetic = "genetic " if _GENETIC.search(head) else ""
    if not (said or genetic):  # "It is a rare condition." alone says nothing worth reading
        return ""
    kind = f"group of {rarity}{genetic}conditions" if group else f"{rarity}{genetic}condition"
    if group:  # "a group ... that affect", not "affects"
        said = re.sub(r"^that (\w+)s\b", r"that \1", said)
    text = f"It is a {kind} {said}".strip() + "."
    return text if reading_grade(text) <= GRADE_LIMIT else ""
