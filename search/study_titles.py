"""A study's title pasted whole, as ClinicalTrials.gov or a news page prints it.

"An Open-Label Study of Oral NNZ-2591 in Phelan-McDermid Syndrome", "Study of Dupilumab and
Immune Responses in Adults With Atopic Dermatitis (AD)": a title names its condition after
"in", "with" or "for", among words about the study (design, drug, who takes part). It is not a
family's description of signs, and its words are not slips to correct.

What marks a title: a word about a study's design (study, trial, randomized, placebo-controlled,
open-label, phase 2, pilot, natural history, follow-up, extension, efficacy, safety, gene
therapy, participants ...) or, in a title's capitals, who takes part ("... in Adults With ..."),
a sponsor's compound code ("NTLA-2002") or the treatment given ("Chemotherapy"), and either the
title's capitals (most longer words start with one) or the name of the page it was copied from
after it ("- ClinicalTrials.gov").

Where a title names its condition: after "with", "in", "for" or "against" ("... in Adults With
Wilson Disease", "Vaccines Against Tuberculosis"), or before its design words ("Angelman Natural History Study", "Fabry Disease
Registry"). A name after "of" or "using" is more often the drug ("A Study of Pitolisant in
Patients With Prader-Willi Syndrome"), so it counts less. A title writes a name with more words
than the sources do ("Late-Onset OTC Deficiency", "Generalized Myasthenia Gravis", "Niemann-Pick
Disease Type C1", "Mucopolysaccharidosis II"): the sources' form is tried as well, and the name
without its first words, for less. A name ends where the title goes on about who takes part
("Myelofibrosis Who Have ...", "Multiple Myeloma After Transplant"); a list ("Turner Syndrome,
SHOX Deficiency and Noonan Syndrome") gives each of its names; a drug joined to another ("in
Combination With Ruxolitinib") is no condition, nor are the people ("JAK Inhibitor-Naive
Patients"), a study's own name before a colon ("Hero: A Study ...") or a word about how it is
run ("A Clinical Study"). An infection is named by its agent in the sources ("Chronic Hepatitis
D Infection": "Hepatitis D virus"). A title is about its condition: when a drug
leads its page, a result the title names word for word comes first; when a sign does, so does
a condition whose name holds the sign's, if the title says the rest of it; when a gene does, the
condition next to it (`condition_before_drug`). A Greek letter is read as the sources spell it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search.compound_codes import compound_code_words
from search.name_forms import eponym_keys
from search.request import Hit
from search.text import STOPWORDS, phrase_form

_PAGE_SUFFIX = re.compile(
    r"\s*[-|\u2013\u2014]\s*(?:ClinicalTrials\.gov|Full Text View|Study Results|PubMed)\s*$",
    re.IGNORECASE,
)
_STUDY_WORD = re.compile(
    r"\b(?:study|trial|registry|randomi[sz]ed|placebo[- ]controlled|double[- ]blind"
    r"|open[- ]label|phase\s*(?:[1-4]|i{1,3}|iv)|pilot|feasibility|natural history"
    r"|follow[- ]?up|extension|efficacy|safety|tolerability|pharmacokinetics?"
    r"|gene (?:therapy|transfer)|participants|subjects)\b",
    re.IGNORECASE,
)
# The treatment a trial gives ("Cellular Immunotherapy for ...", "APOC3 Base Editing in FCS")
# marks a title as who takes part does, never its design: a family asks about it too ("Is
# There Chemotherapy For Children With ...", "HAIR LOSS AND MOUTH SORES AFTER CHEMOTHERAPY"),
# and its slips are mended, its signs read.
_TREATMENTS = (
    r"(?:immunotherapy|chemotherapy|monotherapy|radiotherapy|(?:base|gene|genome) editing)"
)
_TREATMENT_WORD = re.compile(rf"\b{_TREATMENTS}\b", re.IGNORECASE)
# ... but said of the patients who receive it ("Cellular Immunotherapy for Patients With High
# Risk Myelodysplastic Syndromes"), it is a trial's design: a family names its own child or
# adult, not patients, and the signs read from the condition's name would fill a panel.
# Only as the title's subject, though: "Best Chemotherapy for Patients With ...", "Hair Loss
# After Chemotherapy in Patients With ...", "Side Effects of Immunotherapy for ..." and a bare
# "Immunotherapy for Patients With ..." (no trial's "in Treating") are a family's questions.
_PATIENTS_TREATED = re.compile(
    rf"^(?P<before>(?:[\w/-]+ ){{0,3}}?){_TREATMENTS} (?:for|in) (?P<treating>treating )?patients with\b",
    re.IGNORECASE,
)
# Words before the treatment that make it the topic of a question, not a trial's subject.
_ASKED_ABOUT = frozenset(
    {"after", "of", "from", "during", "best", "side", "effects", "is", "are", "there", "what"}
    | {"which", "any", "new", "latest", "does", "can", "how"}
)
# A title without a design word still says who takes part, in its capitals: "NTLA-2002 in
# Adults With Hereditary Angioedema", "... for Patients With High Risk Myelodysplastic ...".
_WHO_TURN = re.compile(
    r"\b(?:(?:in|for|among) (?:[A-Z][\w-]* ){0,2}(?:Adults?|Patients?|Participants?"
    r"|Subjects?|Children|Child|Adolescents?|Infants?|People|Individuals?)"
    r"|(?:Adults?|Patients?|Participants?|Subjects?|Children|Child|Adolescents?|Infants?"
    r"|People|Individuals?) With)\b"
)
# A trial's condition written with a Greek letter ("β-Thalassemia"), as the sources spell it.
_GREEK = {
    "\u03b1": "alpha",
    "\u03b2": "beta",
    "\u03b3": "gamma",
    "\u03b4": "delta",
    "\u03ba": "kappa",
}
# Where a title turns to who or what: the condition follows "with", "in", "for" or "among";
# after the other words it is as often the drug or the measure.
# A drug joined to another ("in Combination With Ruxolitinib", "Add-on to Ruxolitinib") is
# no condition either. A turn is a word of its own, never inside "Graft-Versus-Host".
_TURN = re.compile(
    r"(?<![\w-])((?:in )?combination with|combined with|in addition to|add[- ]on to|with|in|for"
    r"|among|against|to prevent|of|treated|receiving|using|versus|vs|compared|to treat)(?![\w-])",
    re.IGNORECASE,
)
_NAMED_BEFORE = re.compile(r"natural history|registry|study|trial", re.IGNORECASE)
# ... or what it prevents: "Vaccines Against Tuberculosis", "to Prevent Lyme Disease".
_CONDITION_TURNS = frozenset({"with", "in", "for", "among", "against", "to prevent"})
_AND_OR = re.compile(r"\s+(?:and|or)\s+|\s*&\s*")
# Where a name ends and the title goes on about who takes part: "Myelofibrosis Who Have a
# Suboptimal Response", "Down Syndrome (DS) at Risk for ...", "Multiple Myeloma After
# Transplant", "Friedreich's Ataxia Aged 2 to 15 Years".
# "Age" ends a name only before a number ("Age-Related Macular Degeneration", "Small for
# Gestational Age" are names), "Not" never before "Otherwise Specified".
_NAME_ENDS = re.compile(
    r"\s(?:who|whose|that|which|after|at risk|aged?(?=\s+\d)|previously|currently"
    r"|undergoing|requiring"
    # "AML Subjects >= 55 Years of Age": the people who have it, and more about them; not
    # a list ("Healthy Volunteers and Hereditary Angioedema Patients")
    r"|(?:subjects|patients|participants|adults|children|individuals|volunteers)"
    r"(?=\s+(?!and\b|or\b|&)\S)"
    r"|not(?!\s+otherwise))(?![\w-]).*$",
    re.IGNORECASE,
)
# "Fanconi Anemia Subtype A": the sources keep the name without a subtype's letter.
_SUBTYPE_LETTER = re.compile(r"^(?P<name>.+?) subtype [a-z0-9]{1,3}$")
# A numbered name written without "type" ("Mucopolysaccharidosis II"), and a subtype's gene
# number after its letter ("Niemann-Pick Disease Type C1"): the forms the sources write.
_BARE_NUMBER = re.compile(
    r"^(?P<name>.+?[a-z]{4,}) (?P<number>[1-9][0-9]?[a-z]?|i{1,3}[a-z]?|iv|vi{0,3}|ix|x)$"
)
_SUBTYPE_GENE_NUMBER = re.compile(r"^(?P<name>.+ type [a-z])[1-9]$")
MIN_NAME_WORDS = 2
MAX_NAMES = 12
# Who takes part and how ill, before the condition's name: "Adults With Moderate to Severe ...".
_WHO = re.compile(
    r"^(?:(?:adults?|children|infants?|adolescents?|pediatric|paediatric|participants?"
    r"|patients?|subjects?|people|individuals|healthy|volunteers?|mild|moderate|severe|active"
    r"|newly|diagnosed|stage\s+(?:iv|i{1,3}|[0-4])[a-c]?"
    r"|to|and|or|the|a|an)\s+)+",
    re.IGNORECASE,
)
# ... and after it: "in Hemophilia A Pediatric Patients With Inhibitors" names its condition
# before the people who have it; "in Adult Male Subjects" and "in JAK Inhibitor-Naive
# Patients" (what they have not had) name only the people.
_WHO_LAST = re.compile(
    r"(?:\s(?:adult|pediatric|paediatric|male|female))*\s(?:adults|children|infants"
    r"|adolescents|participants?|patients?|subjects?|people|individuals|volunteers)$"
)
_TREATED_BEFORE = re.compile(r"\s(?:naive|experienced|pretreated)$")
# Words before "Study" or "Trial" that say how it is run, not whose name it bears.
_DESIGN_WORDS = frozenset(
    {
        "clinical", "multicenter", "multicentre", "international", "national", "global",
        "observational", "interventional", "retrospective", "prospective", "longitudinal",
        "pediatric", "paediatric", "cohort", "registry", "exploratory", "confirmatory",
    }
)  # fmt: skip
# An abbreviation as a title writes it: capitals only ("AML", "SCD", "VWD").
_ABBREVIATION = re.compile(r"(?<![\w-])[A-Z]{2,6}(?![\w-])")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MIN_WORDS = 5
CAPITALISED_SHARE = 0.6
MAX_NAME_WORDS = 6


def _without_page(text: str) -> tuple[str, bool]:
    stripped = _PAGE_SUFFIX.sub("", text.strip())
    return stripped, stripped != text.strip()


def is_study_title(text: str, codes: frozenset[str] | None = None) -> bool:
    """Does `text` read as a study's title (its design words or who takes part, and a title's
    capitals or a trial page's name after it)? Its names are read as a title's. `codes`: its
    compound code words when the caller has read them already."""
    return _reads_as_title(text, by_who=True, codes=codes)


def is_designed_title(text: str, codes: frozenset[str] | None = None) -> bool:
    """Is `text` a study's title by its design words, not only by who takes part? Only such a
    title is no family's description, slip or report line: "My Child With Autism Has Seizures
    And Low Muscle Tone" says who in a title's capitals, and is still a family's words."""
    return _reads_as_title(text, by_who=False, codes=codes)


def _reads_as_title(text: str, *, by_who: bool, codes: frozenset[str] | None) -> bool:
    title, from_page = _without_page(text)
    if len(title.split()) < MIN_WORDS:
        return False
    # A sponsor's compound code ("CS-121 APOC3 Base Editing in FCS") or the treatment given
    # marks a title as who takes part does.
    marked_by_who = (
        _WHO_TURN.search(title)
        or (compound_code_words(title) if codes is None else codes)
        or _TREATMENT_WORD.search(title)
    )
    designed = _STUDY_WORD.search(title) or _treatment_is_subject(title)
    if not designed and not (by_who and marked_by_who):
        return False
    if from_page:
        return True
    longer = [w for w in _WORD.findall(title) if len(w) >= 4]
    capitalised = sum(1 for w in longer if w[0].isupper())
    return bool(longer) and capitalised >= CAPITALISED_SHARE * len(longer)


def _treatment_is_subject(title: str) -> bool:
    """Does `title` open with a treatment given to patients, named ("Cellular Immunotherapy for
    Patients With ...") or in a trial's words ("Chemotherapy in Treating Patients With ...")?"""
    found = _PATIENTS_TREATED.match(title)
    if not found or set(found["before"].lower().split()) & _ASKED_ABOUT:
        return False
    return bool(found["before"] or found["treating"])


def study_title_names(text: str) -> list[str]:
    """The names a study's title may give its condition (phrase form), or [] when `text` does
    not read as a study's title. Each is matched as an exact key: only a real name answers."""
    named, other = study_title_reading(text)
    return [*named, *other]


def study_title_reading(text: str) -> tuple[list[str], list[str]]:
    """A study title's names (phrase form): those where a title names its condition, then the
    rest (names after "of", "using" ..., and each name's shorter forms), which count less.
    Both empty when `text` does not read as a study's title."""
    if not is_study_title(text):
        return [], []
    title = _BRACKETS.sub(" ", _without_page(text)[0])
    title = "".join(_GREEK.get(char, char) for char in title)
    pieces = _TURN.split(title)
    abbreviations = {word.lower() for word in _ABBREVIATION.findall(title)}
    named: list[str] = []
    other: list[str] = []
    # A name before the words "natural history", "registry", "study" or "trial" that open
    # the title's design ("Fabry Disease Registry"), not before "Long Term Follow Up".
    first = _STUDY_WORD.search(pieces[0])
    lead = pieces[0][: first.start()] if first and _NAMED_BEFORE.match(first[0]) else ""
    found = [(True, lead)]
    whole_only: set[str] = set()  # names read across an "of", kept whole
    demoted: list[str] = []  # abbreviations a full name beside them outranks
    turn = ""
    for word, part in zip(pieces[1::2], pieces[2::2], strict=True):
        # "Treated With Dupilumab": the drug, as after "treated" alone
        before_turn, before = found[-1]
        turn = turn if turn and not before.strip() else word.lower()
        found.append((turn in _CONDITION_TURNS, part))
        joined = len(found) > 2 and before_turn and word.lower() == "of"
        if joined and before.strip() and _NAME_ENDS.sub("", f" {part}").strip():
            # A name with "of" in it: "Hemolytic Disease of the Fetus and Newborn"
            found.append((True, f"{before} of {part}"))
            whole_only.add(found[-1][1])
    for condition_turn, part in found:
        # "SHANK3 Mutations: Identification of ...": a colon ends a name as well; before the
        # title's design words it ends the study's own name ("Hero: A Study ...").
        clauses = _NAME_ENDS.sub("", part).split(":")
        text = clauses[-1] if part is lead else clauses[0]
        name = _as_name(text)
        # "Turner Syndrome, SHOX Deficiency and Noonan Syndrome": each name of a list too; a
        # long piece is no name, but the names it lists are ("High Risk Myelodysplastic
        # Syndromes and Acute Myeloid Leukemia"). Split before the phrase form drops a "&"
        # ("MDS & AML": "aml").
        listed = [_as_name(p) for each in text.split(",") for p in _AND_OR.split(each)]
        parts = list(dict.fromkeys([*_AND_OR.split(name), *listed]))
        # "Sickle Cell Disease SCD": a name written with its own initials after it
        parts += [bare for p in parts if (bare := _without_initials(p, abbreviations))]
        if len(name.split()) > MAX_NAME_WORDS + (2 if " of " in f" {name} " else 0):
            name = ""
        whole = [name] if name else []
        # ... and an abbreviation it lists ("Relapsed/Refractory MDS & AML": "aml")
        whole += [
            p
            for p in parts
            if MIN_NAME_WORDS <= len(p.split()) <= MAX_NAME_WORDS or p in abbreviations
        ]
        if not whole:
            continue
        if len(name.split()) == 1 and part is lead:  # "Angelman Natural History Study"
            # ... not "A Clinical Study", "Multicenter Study": words about the study
            ordinary = name in STOPWORDS or name in _DESIGN_WORDS
            whole = [] if ordinary else eponym_keys(name)
        if not condition_turn:
            other.extend(whole)
            continue
        if any(_is_full_name(each, abbreviations) for each in whole):
            # An abbreviation may name several conditions ("SCD", "FCS"): a full name the
            # same piece gives ("SCD and Sickle Cell Anemia") leads, the abbreviation counts
            # less. A place or people elsewhere ("PNH in Japan") leave it named.
            demoted.extend(each for each in whole if each in abbreviations)
            whole = [each for each in whole if each not in abbreviations]
        named.extend(whole)
        for each in [] if part in whole_only else whole:
            source_forms, shorter = _other_forms(each)
            named.extend(source_forms)
            other.extend(shorter)
    named = list(dict.fromkeys(named))
    other = [name for name in dict.fromkeys([*demoted, *other]) if name not in named]
    return named[:MAX_NAMES], other[: max(0, MAX_NAMES - len(named))]


def _is_full_name(name: str, abbreviations: set[str]) -> bool:
    """Is `name` a name of its own words, with no abbreviation in it ("sickle cell anemia",
    not "scd and sickle cell anemia" nor "relapsed refractory mds")?"""
    tokens = name.split()
    return len(tokens) >= MIN_NAME_WORDS and not abbreviations.intersection(tokens)


def _without_initials(name: str, abbreviations: set[str]) -> str:
    """`name` without a last word that is its own abbreviation ("sickle cell disease scd")."""
    *head, last = name.split() or [""]
    initials = "".join(word[0] for word in head[-len(last) :]) if head else ""
    return " ".join(head) if last in abbreviations and initials == last else ""


def _as_name(text: str) -> str:
    """A piece of a title as a name (phrase form), without who takes part before or after it;
    none when the piece names only who takes part."""
    name = phrase_form(_WHO.sub("", text.strip(" ,;:.-") + " "))
    if not _WHO_LAST.search(f" {name}"):
        return name
    name = _WHO_LAST.sub("", f" {name}").strip()
    if len(name.split()) < MIN_NAME_WORDS or _TREATED_BEFORE.search(f" {name}"):
        return ""
    return name


def _other_forms(name: str) -> tuple[list[str], list[str]]:
    """A title's name as the sources write it (with "type" before a bare number, without a
    subtype's gene number), and its shorter forms, without leading words ("late onset otc
    deficiency": "otc deficiency")."""
    forms = []
    shorter = _tails(name)
    if name.endswith(" infection"):
        # "Chronic Hepatitis D Infection": the sources name an infection by its agent
        # ("Hepatitis D virus"), or the agent's disease alone.
        agent = name.removesuffix(" infection")
        shorter += [form for tail in [agent, *_tails(agent)] for form in (f"{tail} virus", tail)]
    if match := _SUBTYPE_LETTER.match(name):
        shorter.insert(0, match["name"])
    if (match := _BARE_NUMBER.match(name)) and " type " not in f" {match['name']} ":
        forms.append(f"{match['name']} type {match['number']}")
    if match := _SUBTYPE_GENE_NUMBER.match(name):
        forms.append(match["name"])
    return forms, shorter


def _tails(name: str) -> list[str]:
    """A name without its first words, down to `MIN_NAME_WORDS`."""
    tokens = name.split()
    return [" ".join(tokens[i:]) for i in range(1, len(tokens) - MIN_NAME_WORDS + 1)]


MOVED_WITHIN = 3


def condition_before_drug(
    hits: list[Hit], title: str, gene_causes: Sequence[str] = ()
) -> list[Hit]:
    """A title is about its condition: when a drug leads the page ("Study With Elranatamab
    Versus Lenalidomide in Patients With ... Multiple Myeloma"), the next result whose name
    the title writes word for word ("Multiple myeloma") comes first instead. When a sign leads
    it, a condition whose name holds the sign's and whose every other word the title writes
    too ("Methylmalonic acidemia with homocystinuria" after the sign "Methylmalonic acidemia",
    for "... With Methylmalonic Acidemia With Homocystinuria") comes first: a trial enrolls
    people who have a condition, not a finding. A name the title only half says (a bare
    "... With Anemia" beside "Sickle cell anemia") leaves the sign first. A gene leading it
    gives way to a condition the title writes, or, when the title does not write the gene
    (a drug code read as its alias), to one of `gene_causes`, the leading gene's conditions."""
    if not hits or hits[0].doc_type not in {"therapy", "phenotype", "gene"}:
        return hits
    words = set(phrase_form(title).split())
    sign = set(phrase_form(hits[0].name).split()) - STOPWORDS
    gene_unwritten = phrase_form(hits[0].id) not in words
    for place, hit in enumerate(hits[:MOVED_WITHIN]):
        named = set(phrase_form(hit.name).split()) - STOPWORDS
        if hit.doc_type != "condition" or not named:
            continue
        after_drug = hits[0].doc_type == "therapy" and named <= words
        # A gene leading a title's page ("... With PACS1 Gene Mutation Associated With
        # Schuurs-Hoeijmakers Syndrome"): the trial enrolls people with the condition it
        # names, never with one that merely lists the gene ("Study of HFE Genotype in
        # Patients With Iron Overload": not "Genetic hyperferritinemia without iron overload").
        after_gene = hits[0].doc_type == "gene" and (
            named <= words or (gene_unwritten and hit.id in gene_causes)
        )
        after_sign = (
            hits[0].doc_type == "phenotype"
            and bool(sign)
            and sign < named
            and named - sign <= words
        )
        if after_drug or after_sign or after_gene:
            return [hit, *hits[:place], *hits[place + 1 :]]
    return hits
