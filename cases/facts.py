"""What a family or a doctor tells us about one person: the case, as plain frozen values."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

SEXES = (("female", "Girl or woman"), ("male", "Boy or man"))
MAX_AGE_MONTHS = 120 * 12


@dataclass(frozen=True)
class Sign:
    """A sign a family can pick from the list, with the HPO term it stands for (hp.obo 2025-01-16)."""

    hpo_id: str
    words: str
    hpo_name: str


COMMON_SIGNS = (
    Sign("HP:0001250", "Seizures (fits)", "Seizure"),
    Sign("HP:0001263", "Slow to sit, walk or talk", "Global developmental delay"),
    Sign("HP:0001270", "Late to sit up, crawl or walk", "Motor delay"),
    Sign("HP:0000750", "Late to talk, or few words", "Delayed speech and language development"),
    Sign("HP:0001324", "Weak muscles", "Muscle weakness"),
    Sign("HP:0001252", "Floppy body, low muscle tone", "Hypotonia"),
    Sign("HP:0011968", "Trouble feeding", "Feeding difficulties"),
    Sign("HP:0002015", "Trouble swallowing", "Dysphagia"),
    Sign("HP:0001510", "Slow growth", "Growth delay"),
    Sign("HP:0000252", "Small head", "Microcephaly"),
    Sign("HP:0002359", "Falls a lot", "Frequent falls"),
    Sign("HP:0003551", "Trouble climbing stairs", "Difficulty climbing stairs"),
    Sign("HP:0003707", "Large calf muscles", "Calf muscle pseudohypertrophy"),
    Sign("HP:0001251", "Unsteady when walking", "Ataxia"),
    Sign("HP:0002650", "Curved spine", "Scoliosis"),
    Sign("HP:0002094", "Trouble breathing", "Dyspnea"),
    Sign("HP:0001249", "Learning problems", "Intellectual disability"),
    Sign("HP:0000729", "Signs of autism", "Autistic behavior"),
    Sign("HP:0000752", "More active than most children", "Hyperactivity"),
    Sign("HP:0002360", "Trouble sleeping", "Sleep abnormality"),
    Sign("HP:0003763", "Grinds teeth", "Bruxism"),
    Sign("HP:0007328", "Does not seem to feel pain", "Impaired pain sensation"),
    Sign("HP:0002719", "Infections that keep coming back", "Recurrent infections"),
)
SIGNS_BY_ID = {sign.hpo_id: sign for sign in COMMON_SIGNS}


@dataclass(frozen=True)
class CaseFacts:
    """One person's case. Holds no name or contact details, by design."""

    diagnosis: str = ""
    signs_text: str = ""  # the family's own words, comma separated
    signs_picked: tuple[str, ...] = ()  # HPO ids picked from the list or confirmed
    signs_absent: tuple[str, ...] = ()  # HPO ids the person does not have (doctors)
    gene: str = ""
    variant: str = ""
    age_months: int | None = None
    sex: str = ""  # "female", "male" or ""
    country: str = ""
    ambulatory: str = ""  # "yes", "no" or "" (can walk on their own)

    @property
    def is_empty(self) -> bool:
        return not (self.diagnosis or self.signs_text or self.signs_picked or self.gene
                    or self.variant)  # fmt: skip

    @property
    def age_words(self) -> str:
        if self.age_months is None:
            return ""
        years, _months = divmod(self.age_months, 12)
        if years >= 2:
            return f"{years} years"
        return f"{self.age_months} month" + ("s" if self.age_months != 1 else "")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, for a saved case."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseFacts:
        """Rebuild a case from to_dict() output, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("signs_picked", "signs_absent"):
            values[key] = tuple(values.get(key) or ())
        return cls(**values)
