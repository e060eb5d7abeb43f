"""An Atom feed per saved case: the studies and approved treatments that match it today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from cases.report import case_report_build
from cases.selectors import saved_case_facts, saved_case_get


@dataclass(frozen=True)
class FeedEntry:
    key: str
    title: str
    text: str
    url: str
    updated: datetime.datetime


def _day(value: datetime.date | None) -> datetime.datetime:
    day = value or timezone.now().date()
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


class SavedCaseFeed(Feed):
    feed_type = Atom1Feed
    title = "RareLabs: studies and treatments for your saved case"
    subtitle = "Not medical advice. Talk about each one with your care team."

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def get_object(self, request: HttpRequest, token: str) -> tuple[str, list[FeedEntry]]:
        case = saved_case_get(token=token)
        if case is None:
            raise Http404("No saved report at this link.")
        report = case_report_build(facts=saved_case_facts(case))
        entries = [
            FeedEntry(
                key=f"trial:{item.trial.nct_id}",
                title=f"Study: {item.trial.title}",
                text=f"{item.trial.status_label}. {' '.join(item.trial.fit.reasons)} "
                f"Source: ClinicalTrials.gov {item.trial.nct_id}.",
                url=item.trial.url,
                updated=_day(item.trial.last_update_date),
            )
            for item in report.trials
        ]
        entries += [
            FeedEntry(
                key=f"therapy:{item.result.therapy_id}",
                title=f"Approved treatment: {item.result.therapy_name}",
                text=f"{item.result.status_label}. Source: {item.result.source}.",
                url=item.result.source_url
                or reverse("knowledge:therapy-detail", kwargs={"slug": item.result.therapy_slug}),
                updated=_day(item.result.retrieved_on),
            )
            for item in report.tiers[0].items
        ]
        return token, entries

    def link(self, obj: tuple[str, list[FeedEntry]]) -> str:
        return reverse("cases:saved", kwargs={"token": obj[0]})

    def items(self, obj: tuple[str, list[FeedEntry]]) -> list[FeedEntry]:
        return obj[1]

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.text

    def item_link(self, item: FeedEntry) -> str:
        return item.url

    def item_guid(self, item: FeedEntry) -> str:
        return f"rarelabs-case-{item.key}"

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated
