"""Plain-language words for a condition's facts, and a family summary composed from them.

Every sentence states one stored fact and names where that fact came from. A fact that is
missing gives no sentence: nothing is guessed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from django.utils import timezone

from knowledge.models import (
    ApprovalStatus,
    Condition,
    ConditionPhenotype,
    SummaryReview,
    SummaryReviewStatus,
    TherapyLink,
)
from knowledge.plain_definition import plain_definition
from knowledge.prevalence import best_known_prevalence
from rarelabs.readability import GRADE_LIMIT, reading_grade

# Derived statuses (TherapyLink.current_status) that mean an approval is in force today.
APPROVED_STATUSES = frozenset(
    {ApprovalStatus.FDA_APPROVED, ApprovalStatus.EMA_APPROVED, ApprovalStatus.APPROVED_ELSEWHERE}
)
COMMON_SYMPTOM_FREQUENCY = 0.3  # HPO "frequent" or more (30% of people and up)

# Onset categories in everyday words, ordered from earliest to latest.
ONSET_WORDS: dict[str, str] = {
    "antenatal": "before birth",
    "neonatal": "soon after birth",
    "infancy": "in babies",
    "childhood": "in childhood",
    "adolescent": "in the teen years",
    "adult": "in adults",
    "elderly": "in older adults",
    "all_ages": "at any age",
}

# How each way of inheritance works, in general terms (true of the mode, not of one condition).
INHERITANCE_WORDS: dict[str, str] = {
    "autosomal_dominant": (
        "It is passed down in a dominant way. One changed copy of the gene is enough to cause it."
    ),
    "autosomal_recessive": (
        "It is passed down in a recessive way. A child has it when they get a changed copy of "
        "the gene from each parent."
    ),
    "x_linked_recessive": (
        "It is linked to the X chromosome. It mostly affects boys, and girls can carry it."
    ),
    "x_linked_dominant": "It is linked to the X chromosome. It can affect boys and girls.",
    "x_linked": "It is linked to the X chromosome.",
    "y_linked": "It is linked to the Y chromosome, so it is passed from father to son.",
    "mitochondrial": "It is passed down through the mother, in the cell's power packs.",
    "semidominant": "It is passed down in a way where one changed copy can cause it.",
    "digenic": "It comes from changes in two different genes at once.",
    "multifactorial": "It comes from a mix of genes and other causes.",
    "somatic": "It is not passed down. The gene change happens after conception.",
    "sporadic": "It usually happens by chance and is not passed down.",
}

# Words for how often a sign occurs, on Orphanet's bands: Very frequent 99-80 %, Frequent
# 79-30 %, Occasional 29-5 %, Very rare < 5 % (Obligate is 100 %).
_FREQUENCY_BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "most people"),
    (0.3, "many people"),
    (0.05, "some people"),
    (0.0, "a few people"),
)
_FREQUENCY_LABELS: tuple[tuple[str, str], ...] = (
    ("obligate", "everyone"),
    ("very frequent", "most people"),
    ("very rare", "a few people"),
    ("frequent", "many people"),
    ("occasional", "some people"),
)
# An HPO count ("7/7") from fewer people than this is told as a count, never as a share.
SMALL_STUDY = 10
_COUNT = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_PREVALENCE = re.compile(r"^\s*([<>]?)\s*(\d+)\s*(?:-\s*(\d+))?\s*/\s*([\d\s]+)$")
_DENOMINATORS = {1000: "1,000", 10000: "10,000", 100000: "100,000", 1000000: "1 million"}
# Who Orphanet's prevalence types count (the importer names the type in prevalence_source).
_PREVALENCE_WHO = {"Prevalence at birth": "babies are born with it",
                   "Annual incidence": "people get it each year",
                   "Lifetime Prevalence": "people have it at some time in their life"}  # fmt: skip
_ONE_COMMUNITY = "Specific population"  # Orphanet's geography for one community's figure
_SOURCE_PLACE = re.compile(r"^Orphanet \([^,]+, (.+)\)$")  # "Orphanet (<type>, <geography>)"
# Orphanet's country names that read badly in a sentence; other places are said as written.
_PLACE_WORDS = {"Korea, Republic of": "South Korea", "Taiwan, Province of China": "Taiwan",
                "Korea, Democratic People's Republic of": "North Korea",
                "Iran, Islamic Republic of": "Iran", "Russian Federation": "Russia"}  # fmt: skip
_PLACES_WITH_THE = ("United ", "Netherlands", "Czech Republic", "Faroe Islands", "Philippines")


@dataclass(frozen=True)
class SummarySentence:
    text: str
    source: str
    retrieved_on: datetime.date | None = None


@dataclass(frozen=True)
class FamilySummary:
    sentences: list[SummarySentence]
    generated: bool
    # The day an editor checked (approved or wrote) exactly this text; None when none did.
    reviewed_on: datetime.date | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def small_study(label: str) -> bool:
    """True for an HPO count ("7/7") from fewer than SMALL_STUDY people."""
    count = _COUNT.match(label or "")
    return bool(count) and 0 < int(count.group(2)) < SMALL_STUDY


def frequency_words(fraction: float | None, label: str = "") -> str:
    """How often a sign occurs in words ('most people'), or '' when it is not known."""
    if small_study(label):
        seen, studied = _COUNT.match(label).groups()  # type: ignore[union-attr]
        return f"{seen} of {studied} people in a small study"
    lowered = (label or "").lower()
    named = next((words for key, words in _FREQUENCY_LABELS if key in lowered), "")
    if named:
        return named
    if fraction is None or fraction <= 0:
        return ""
    return next(words for floor, words in _FREQUENCY_BANDS if fraction >= floor)


def layperson_name(link: ConditionPhenotype) -> str:
    """The term's first everyday synonym, or ''. The condition page's query annotates it on
    the link (`everyday_name`, one subquery instead of a prefetch of every synonym); other
    callers prefetch the term's synonyms."""
    annotated = getattr(link, "everyday_name", None)
    return annotated if annotated is not None else link.phenotype.layperson_name


def symptom_name(link: ConditionPhenotype) -> str:
    """A symptom in everyday words: the HPO layperson synonym when present, else the term.

    A "synonym" with a number in it is a measurement ("Less than 10 fetal movements in 12
    hours"), not a name: the term is used instead.
    """
    everyday = layperson_name(link)
    if everyday and not any(ch.isdigit() for ch in everyday):
        return everyday
    return link.phenotype.name


def prevalence_words(prevalence: str, source: str = "") -> str:
    """An Orphanet prevalence class ('1-9 / 100 000') as a plain sentence, or ''.

    ``source`` names the kind of figure ("Orphanet (Prevalence at birth, Worldwide)"): a birth
    prevalence counts babies born, an annual incidence new cases a year (neither counts people
    living with it), and a figure from one country, region or community says where.
    """
    match = _PREVALENCE.match(prevalence or "")
    if not match:
        return ""
    sign, low, high, denominator = match.groups()
    per = _DENOMINATORS.get(int(denominator.replace(" ", "")))
    if per is None:
        return ""
    who = next((w for kind, w in _PREVALENCE_WHO.items() if kind in source), "people have it")
    if sign == "<":
        amount, rarity = f"fewer than {low} in {per}", "It is very rare. "
    elif sign == ">":
        amount, rarity = f"more than {low} in {per}", ""
    else:
        amount, rarity = f"about {f'{low} to {high}' if high else low} in {per}", "It is rare. "
    place = _prevalence_place(source)
    if place == _ONE_COMMUNITY:
        return f"In one group of people that was studied, {amount} {who}."
    if "Annual incidence" in source and sign != "<":
        rarity = ""  # a yearly rate: over a lifetime many more people get it
    said = f"In {place}, {amount}" if place else f"{amount[0].upper()}{amount[1:]}"
    return f"{rarity}{said} {who}."


def _prevalence_place(source: str) -> str:
    """Where a figure was counted, as said in a sentence; '' for worldwide or not named."""
    match = _SOURCE_PLACE.match(source)
    place = match.group(1) if match else ""
    if place == "Worldwide":
        return ""
    if place in ("", _ONE_COMMUNITY):
        return place
    place = _PLACE_WORDS.get(place, place.split(",")[0])
    return f"the {place}" if place.startswith(_PLACES_WITH_THE) else place


# The ends of an onset range ("from before birth to adulthood").
_ONSET_SPAN = {"antenatal": "before birth", "neonatal": "birth", "infancy": "babyhood",
               "childhood": "childhood", "adolescent": "the teen years", "adult": "adulthood",
               "elderly": "old age"}  # fmt: skip


def onset_words(onset: list[str]) -> str:
    """When a condition usually starts, as a plain sentence, or ''."""
    phrases = [ONSET_WORDS[key] for key in ONSET_WORDS if key in onset]
    if not phrases:
        return ""
    if "at any age" in phrases:
        return "It can start at any age."
    if len(phrases) > 3:  # a long list reads past grade 8: say the range
        keys = [key for key in ONSET_WORDS if key in onset]
        return f"It can start at many ages, from {_ONSET_SPAN[keys[0]]} to {_ONSET_SPAN[keys[-1]]}."
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " or " + phrases[-1]
    return f"It usually starts {joined}."


_BY_CHANCE = frozenset({"sporadic", "somatic"})


def inheritance_words(inheritance: list[str]) -> str:
    """How a condition is inherited, explained simply, or '' when unknown.

    With several ways, no single way is explained (that would contradict the others); one that
    happens by chance is said as "often", never as "is not passed down".
    """
    known = [mode for mode in inheritance if mode in INHERITANCE_WORDS]
    if not known:
        return ""
    if len(known) == 1:
        return INHERITANCE_WORDS[known[0]]
    passed = [mode for mode in known if mode not in _BY_CHANCE]
    if not passed:
        return "It usually happens by chance and is not passed down."
    if len(passed) < len(known):
        return "It often happens by chance, but it can also be passed down in a family."
    return "It can be passed down in more than one way."


def _facts_source(condition: Condition, specific: str = "") -> str:
    return specific or condition.facts_source or condition.primary_id


def _symptom_sentence(
    condition: Condition, before: list[SummarySentence]
) -> SummarySentence | None:
    links = [
        link
        for link in condition.phenotypes.all()
        if link.frequency is not None
        and link.frequency >= COMMON_SYMPTOM_FREQUENCY
        and not small_study(link.frequency_label)  # "3/3" is no evidence that most have it
    ]
    # The most frequent signs first; among equally frequent ones, everyday names (easier to
    # read) before medical terms, then by name so the sentence is stable.
    # Most characteristic first: frequent AND specific (frequency x information content), so a
    # broad sign many conditions share ranks below a rarer one typical of this condition.
    links.sort(
        key=lambda link: (
            -round((link.frequency or 0) * (link.phenotype.information_content or 0), 6),
            -(link.frequency or 0),  # terms without an information content yet
            not layperson_name(link),
            symptom_name(link).lower(),
        )
    )
    context = " ".join(s.text for s in before)
    for count in (3, 2, 1):
        chosen = links[:count]
        if len(chosen) < count:
            continue
        names = [symptom_name(link).lower() for link in chosen]
        listed = names[0] if count == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text = f"Common signs are {listed}."
        # Keep the summary and the sentence at grade 8: fewer signs, or none, not hard words.
        if max(reading_grade(text), reading_grade(f"{context} {text}")) <= GRADE_LIMIT:
            sources = sorted({f"{link.source} {link.source_id}".strip() for link in chosen})
            return SummarySentence(text, "; ".join(sources), chosen[0].retrieved_on)
    return None


def _therapy_sentence(condition: Condition) -> SummarySentence | None:
    """Approved medicines by their status today (knowledge.regulatory, the rule behind
    TherapyLink.objects.approved_now()): an approval that expired or was withdrawn is not one."""
    links = list(condition.therapy_links.all())
    if not links:
        return None
    # Approved today in the US first, then the most recently approved, then by name.
    approved_links = sorted(
        (link for link in links if link.regulatory.approved_now),
        key=lambda link: (
            link.current_status != ApprovalStatus.FDA_APPROVED,
            -(link.approval_year_fda or link.approval_year_ema or 0),
            link.therapy.name.lower(),
        ),
    )
    first_link: dict[str, TherapyLink] = {}
    for link in approved_links:
        first_link.setdefault(link.therapy.name, link)
    named = list(first_link.values())
    if named:
        return _approved_sentence(named)
    ended = [link for link in links if link.regulatory.ended]
    if ended:
        # An expired, withdrawn or refused approval is never counted, and never hidden either.
        return SummarySentence(
            "No medicine in our records is approved for it now. An earlier approval has ended.",
            "; ".join(sorted({f"{link.source} {link.source_id}".strip() for link in ended})),
            ended[0].retrieved_on,
        )
    return SummarySentence(
        "Some medicines are being studied for it. None in our records is approved yet.",
        "; ".join(sorted({link.source for link in links})),
        links[0].retrieved_on,
    )


def _approved_sentence(named: list[TherapyLink]) -> SummarySentence:
    names = [link.therapy.name for link in named]
    # A link about part of the condition ("early-onset forms") never speaks for all of it.
    whole = [link for link in named if not link.population]
    if not whole:
        forms = " or ".join(dict.fromkeys(link.population for link in named))
        text = (
            f"There is an approved medicine for some people with it ({forms}): {names[0]}."
            if len(names) == 1
            else f"There are {len(names)} approved medicines for some people with it ({forms})."
        )
    elif len(names) == 1:
        text = f"There is an approved medicine for it: {names[0]}."
    elif len(names) == 2:
        text = f"There are 2 approved medicines for it: {names[0]} and {names[1]}."
    else:
        text = f"There are {len(names)} approved medicines for it, including {names[0]} and {names[1]}."
    if reading_grade(text) > GRADE_LIMIT:
        # Medicine names are long words: the count alone; the names are in the list below.
        some = " for some people with it" if not whole else " for it"
        text = (
            f"There is an approved medicine{some}."
            if len(names) == 1
            else f"There are {len(names)} approved medicines{some}."
        )
    shown = named[:2]
    return SummarySentence(
        text,
        "; ".join(dict.fromkeys(f"{link.source} {link.source_id}".strip() for link in shown)),
        shown[0].retrieved_on,
    )


def condition_family_summary(condition: Condition) -> FamilySummary:
    """The editor's family summary when present, else the computer-written one.

    The computer-written text counts as checked only while it is exactly the text an editor
    approved: a data change that alters it shows it as unchecked again.
    """
    if condition.family_summary.strip():
        edited = condition.family_summary_updated_at
        day = timezone.localdate(edited) if edited else None
        sentence = SummarySentence(condition.family_summary.strip(), "RareLabs editors", day)
        return FamilySummary([sentence], generated=False, reviewed_on=day)
    summary = condition_generated_summary(condition)
    try:
        review = condition.summary_review  # select_related by the page selectors
    except SummaryReview.DoesNotExist:
        return summary
    if (
        review.status == SummaryReviewStatus.APPROVED
        and review.reviewed_at is not None
        and summary.sentences
        and review.approved_text == summary.text
    ):
        return replace(summary, reviewed_on=timezone.localdate(review.reviewed_at))
    return summary


def condition_generated_summary(condition: Condition) -> FamilySummary:
    """The family summary composed from structured facts (whatever an editor wrote)."""
    sentences: list[SummarySentence] = []
    facts_date = condition.retrieved_on
    where = condition.definition_source or condition.primary_id
    what = plain_definition(
        condition.definition, is_group=condition.is_group, rare=where.startswith("ORPHA:")
    )
    if what:
        source = f"{condition.facts_source or where}, definition {where} in plain words"
        sentences.append(SummarySentence(what, source, facts_date))
    prevalence, prevalence_source = best_known_prevalence(condition)
    rarity = prevalence_words(prevalence, prevalence_source)
    if rarity:
        source = _facts_source(condition, prevalence_source)
        sentences.append(SummarySentence(rarity, source, facts_date))
    texts = (onset_words(condition.onset), inheritance_words(condition.inheritance))
    sentences.extend(SummarySentence(t, _facts_source(condition), facts_date) for t in texts if t)
    therapy = _therapy_sentence(condition)
    symptoms = _symptom_sentence(condition, [*sentences, *([therapy] if therapy else [])])
    sentences.extend(s for s in (symptoms, therapy) if s is not None)
    return FamilySummary(sentences, generated=True)
