"""Parse ClinicalTrials.gov API v2 study JSON into frozen dataclasses.

Pure functions: no network, no Django. A broken record raises (or, inside a list page, yields)
TrialParseError naming the field; a broken page raises MalformedResponse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import ijson

from identifiers.ids import NCT_ID_RE
from ingest.errors import MalformedResponse, RecordParseError


class TrialParseError(RecordParseError):
    """One study record is broken; ``field`` is the dotted path of the bad value."""

    def __init__(self, message: str, *, field: str, nct_id: str | None) -> None:
        super().__init__(message, field=field, record_id=nct_id)
        self.nct_id = nct_id


@dataclass(frozen=True)
class Intervention:
    name: str
    type: str | None
    description: str | None


@dataclass(frozen=True)
class Design:
    allocation: str | None
    masking: str | None
    primary_purpose: str | None


@dataclass(frozen=True)
class Eligibility:
    criteria: str | None
    minimum_age: str | None
    maximum_age: str | None
    sex: str | None
    healthy_volunteers: bool | None
    # CT.gov's age groups (CHILD, ADULT, OLDER_ADULT), derived from the age limits.
    std_ages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sponsor:
    name: str
    sponsor_class: str | None


@dataclass(frozen=True)
class Location:
    facility: str | None
    city: str | None
    state: str | None
    country: str | None
    status: str | None


@dataclass(frozen=True)
class Contact:
    name: str | None
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class TrialRecord:
    """One study as we store it. Partial (fields=...) responses leave absent parts empty."""

    nct_id: str
    brief_title: str | None
    official_title: str | None
    overall_status: str | None
    phases: tuple[str, ...]
    study_type: str | None
    # v2 dates may be month-precision ('YYYY-MM'); those map to the first day of the month.
    start_date: dt.date | None
    primary_completion_date: dt.date | None
    completion_date: dt.date | None
    last_update_date: dt.date | None
    conditions: tuple[str, ...]
    keywords: tuple[str, ...]
    interventions: tuple[Intervention, ...]
    design: Design | None
    eligibility: Eligibility | None
    sponsor: Sponsor | None
    locations: tuple[Location, ...]
    central_contacts: tuple[Contact, ...]
    brief_summary: str | None
    enrollment: int | None
    has_results: bool | None


class _Reader:
    """Typed access to one study dict; every failure names its dotted field path."""

    def __init__(self, nct_id: str | None) -> None:
        self.nct_id = nct_id

    def fail(self, field: str, message: str) -> TrialParseError:
        return TrialParseError(message, field=field, nct_id=self.nct_id)

    def section(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any]:
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"{path}.{key}", "expected an object")
        return value

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "expected a string")
        return value.strip() or None

    def strings(self, parent: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = parent.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{path}.{key}", "expected a list of strings")
        return tuple(value)

    def objects(self, parent: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{path}.{key}", "expected a list of objects")
        return value

    def boolean(self, parent: dict[str, Any], key: str, path: str) -> bool | None:
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(f"{path}.{key}", "expected a boolean")

    def integer(self, parent: dict[str, Any], key: str, path: str) -> int | None:
        value = parent.get(key)
        if value is None:
            return None
        # bool is an int subclass; a float like 31.0 is accepted only when whole.
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            raise self.fail(f"{path}.{key}", "expected an integer")
        return int(value)

    def date(self, parent: dict[str, Any], key: str, path: str) -> dt.date | None:
        struct = self.section(parent, key, path)
        raw = self.text(struct, "date", f"{path}.{key}")
        if raw is None:
            return None
        try:
            return parse_ctgov_date(raw)
        except ValueError as exc:
            raise self.fail(f"{path}.{key}.date", f"bad date {raw!r}") from exc


def parse_ctgov_date(raw: str) -> dt.date:
    """Parse a v2 date ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY'); partial dates take day/month 1."""
    parts = raw.strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"not a CT.gov date: {raw!r}")
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    try:
        return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError as exc:  # e.g. month 13 or Feb 30
        raise ValueError(f"not a CT.gov date: {raw!r}") from exc


def _nct_id(study: dict[str, Any]) -> str:
    ident = study.get("protocolSection", {}).get("identificationModule", {})
    raw = ident.get("nctId") if isinstance(ident, dict) else None
    field = "protocolSection.identificationModule.nctId"
    if not isinstance(raw, str):
        raise TrialParseError("missing NCT id", field=field, nct_id=None)
    nct_id = raw.strip().upper()
    if not NCT_ID_RE.match(nct_id):
        raise TrialParseError(f"malformed NCT id {raw!r}", field=field, nct_id=raw)
    return nct_id


def parse_study(obj: dict[str, Any]) -> TrialRecord:
    """Parse one v2 study object; raise TrialParseError naming the first broken field."""
    if not isinstance(obj, dict):
        raise TrialParseError("study is not an object", field="study", nct_id=None)
    if not isinstance(obj.get("protocolSection"), dict):
        raise TrialParseError("missing protocolSection", field="protocolSection", nct_id=None)
    nct_id = _nct_id(obj)
    r = _Reader(nct_id)
    proto = obj["protocolSection"]
    p = "protocolSection"
    ident = r.section(proto, "identificationModule", p)
    status = r.section(proto, "statusModule", p)
    design = r.section(proto, "designModule", p)
    conditions = r.section(proto, "conditionsModule", p)
    description = r.section(proto, "descriptionModule", p)
    sm, dm = f"{p}.statusModule", f"{p}.designModule"
    return TrialRecord(
        nct_id=nct_id,
        brief_title=r.text(ident, "briefTitle", f"{p}.identificationModule"),
        official_title=r.text(ident, "officialTitle", f"{p}.identificationModule"),
        overall_status=r.text(status, "overallStatus", sm),
        phases=r.strings(design, "phases", dm),
        study_type=r.text(design, "studyType", dm),
        start_date=r.date(status, "startDateStruct", sm),
        primary_completion_date=r.date(status, "primaryCompletionDateStruct", sm),
        completion_date=r.date(status, "completionDateStruct", sm),
        last_update_date=r.date(status, "lastUpdatePostDateStruct", sm),
        conditions=r.strings(conditions, "conditions", f"{p}.conditionsModule"),
        keywords=r.strings(conditions, "keywords", f"{p}.conditionsModule"),
        interventions=_interventions(r, proto),
        design=_design(r, design),
        eligibility=_eligibility(r, proto),
        sponsor=_sponsor(r, proto),
        locations=_locations(r, proto),
        central_contacts=_contacts(r, proto),
        brief_summary=r.text(description, "briefSummary", f"{p}.descriptionModule"),
        enrollment=r.integer(
            r.section(design, "enrollmentInfo", dm), "count", f"{dm}.enrollmentInfo"
        ),
        has_results=r.boolean(obj, "hasResults", "study"),
    )


def _interventions(r: _Reader, proto: dict[str, Any]) -> tuple[Intervention, ...]:
    path = "protocolSection.armsInterventionsModule"
    module = r.section(proto, "armsInterventionsModule", "protocolSection")
    found = []
    for i, item in enumerate(r.objects(module, "interventions", path)):
        where = f"{path}.interventions[{i}]"
        name = r.text(item, "name", where)
        if name is None:
            raise r.fail(f"{where}.name", "intervention without a name")
        found.append(
            Intervention(name, r.text(item, "type", where), r.text(item, "description", where))
        )
    return tuple(found)


def _design(r: _Reader, design: dict[str, Any]) -> Design | None:
    path = "protocolSection.designModule.designInfo"
    info = r.section(design, "designInfo", "protocolSection.designModule")
    if not info:
        return None
    masking = r.section(info, "maskingInfo", path)
    found = Design(
        allocation=r.text(info, "allocation", path),
        masking=r.text(masking, "masking", f"{path}.maskingInfo"),
        primary_purpose=r.text(info, "primaryPurpose", path),
    )
    # Observational studies have designInfo without any of these three.
    return None if found == Design(None, None, None) else found


def _eligibility(r: _Reader, proto: dict[str, Any]) -> Eligibility | None:
    path = "protocolSection.eligibilityModule"
    module = r.section(proto, "eligibilityModule", "protocolSection")
    if not module:
        return None
    return Eligibility(
        criteria=r.text(module, "eligibilityCriteria", path),
        minimum_age=r.text(module, "minimumAge", path),
        maximum_age=r.text(module, "maximumAge", path),
        sex=r.text(module, "sex", path),
        healthy_volunteers=r.boolean(module, "healthyVolunteers", path),
        std_ages=r.strings(module, "stdAges", path),
    )


def _sponsor(r: _Reader, proto: dict[str, Any]) -> Sponsor | None:
    path = "protocolSection.sponsorCollaboratorsModule.leadSponsor"
    module = r.section(proto, "sponsorCollaboratorsModule", "protocolSection")
    lead = r.section(module, "leadSponsor", "protocolSection.sponsorCollaboratorsModule")
    name = r.text(lead, "name", path)
    if name is None:
        return None
    return Sponsor(name=name, sponsor_class=r.text(lead, "class", path))


def _locations(r: _Reader, proto: dict[str, Any]) -> tuple[Location, ...]:
    path = "protocolSection.contactsLocationsModule"
    module = r.section(proto, "contactsLocationsModule", "protocolSection")
    return tuple(
        Location(
            facility=r.text(item, "facility", f"{path}.locations[{i}]"),
            city=r.text(item, "city", f"{path}.locations[{i}]"),
            state=r.text(item, "state", f"{path}.locations[{i}]"),
            country=r.text(item, "country", f"{path}.locations[{i}]"),
            status=r.text(item, "status", f"{path}.locations[{i}]"),
        )
        for i, item in enumerate(r.objects(module, "locations", path))
    )


def _contacts(r: _Reader, proto: dict[str, Any]) -> tuple[Contact, ...]:
    path = "protocolSection.contactsLocationsModule"
    module = r.section(proto, "contactsLocationsModule", "protocolSection")
    return tuple(
        Contact(
            name=r.text(item, "name", f"{path}.centralContacts[{i}]"),
            role=r.text(item, "role", f"{path}.centralContacts[{i}]"),
            phone=r.text(item, "phone", f"{path}.centralContacts[{i}]"),
            email=r.text(item, "email", f"{path}.centralContacts[{i}]"),
        )
        for i, item in enumerate(r.objects(module, "centralContacts", path))
    )


def _safe_parse(obj: Any) -> TrialRecord | TrialParseError:
    try:
        return parse_study(obj)
    except TrialParseError as exc:
        return exc


class StudiesPage:
    """One ``/api/v2/studies`` list page read from a byte stream, one study at a time.

    The API writes ``nextPageToken`` and ``totalCount`` after the studies, so they are only
    known once iteration has finished; reading them earlier raises RuntimeError. Iterate once.
    """

    def __init__(self, stream: IO[bytes] | Any) -> None:
        self._stream = stream
        self._finished = False
        self._next_page_token: str | None = None
        self._total_count: int | None = None

    @property
    def next_page_token(self) -> str | None:
        """The token for the following page, or None on the last page."""
        self._require_finished()
        return self._next_page_token

    @property
    def total_count(self) -> int | None:
        """The total hit count (only sent when countTotal=true)."""
        self._require_finished()
        return self._total_count

    def _require_finished(self) -> None:
        if not self._finished:
            raise RuntimeError("page trailer is only known after iterating every study")

    def __iter__(self) -> Iterator[TrialRecord | TrialParseError]:
        try:
            yield from self._events()
        except ijson.JSONError as exc:
            raise MalformedResponse(f"invalid studies page JSON: {exc}") from exc
        self._finished = True

    def _events(self) -> Iterator[TrialRecord | TrialParseError]:
        builder: ijson.ObjectBuilder | None = None
        saw_studies = False
        for prefix, event, value in ijson.parse(self._stream, use_float=True):
            if builder is not None:
                builder.event(event, value)
                if prefix == "studies.item" and event in ("end_map", "end_array"):
                    yield _safe_parse(builder.value)
                    builder = None
            elif prefix == "studies.item":
                if event in ("start_map", "start_array"):
                    builder = ijson.ObjectBuilder()
                    builder.event(event, value)
                else:  # a scalar where a study object belongs
                    yield _safe_parse(value)
            elif prefix == "studies" and event == "start_array":
                saw_studies = True
            elif prefix == "nextPageToken" and event == "string":
                self._next_page_token = value or None
            elif prefix == "totalCount" and event == "number":
                self._total_count = int(value)
        if not saw_studies:
            raise MalformedResponse("studies page has no 'studies' array")


def iter_studies_page(stream: IO[bytes] | Any) -> StudiesPage:
    """Return a lazily parsed list page; iterate it, then read its token and total."""
    return StudiesPage(stream)
