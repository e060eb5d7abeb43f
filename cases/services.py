"""Write saved cases: save, renew, delete, alert sign-up and removal, expiry, alert sending."""

from __future__ import annotations

import datetime
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.facts import CaseFacts
from cases.models import SavedCase
from cases.report import case_report_build
from cases.selectors import saved_case_facts, token_hash

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SavedLink:
    case_id: int
    token: str  # shown once to the holder; only its hash is stored


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.CASES_KEEP_DAYS)


def case_save(*, facts: CaseFacts) -> SavedLink:
    """Keep a case behind a new unguessable link; the report's current matches count as seen."""
    report = case_report_build(facts=facts)
    token = secrets.token_urlsafe(32)
    case = SavedCase.objects.create(
        token_hash=token_hash(token),
        facts=facts.to_dict(),
        expires_at=_expiry(),
        seen_trials=sorted(report.trial_ids()),
        seen_therapies=sorted(report.approved_therapy_ids()),
    )
    logger.info("saved case %s created", case.pk)
    return SavedLink(case.pk, token)


def case_renew(*, case: SavedCase) -> SavedCase:
    """Keep a saved case for another full period from now."""
    case.expires_at = _expiry()
    case.save(update_fields=["expires_at"])
    return case


def case_delete(*, case: SavedCase) -> None:
    """Delete a saved case and everything kept with it, at once."""
    pk = case.pk
    case.delete()
    logger.info("saved case %s deleted by its holder", pk)


def case_alert_subscribe(*, case: SavedCase, email: str) -> str:
    """Keep an address for alerts; returns the removal token for the confirmation page."""
    token = secrets.token_urlsafe(32)
    case.alert_email = email
    case.unsubscribe_hash = token_hash(token)
    case.save(update_fields=["alert_email", "unsubscribe_hash"])
    return token


def case_alert_unsubscribe(*, case: SavedCase) -> None:
    """Forget the alert address."""
    case.alert_email = ""
    case.unsubscribe_hash = ""
    case.save(update_fields=["alert_email", "unsubscribe_hash"])


def cases_expired_delete() -> int:
    """Delete every saved case past its expiry; returns how many."""
    count, _ = SavedCase.objects.filter(expires_at__lte=timezone.now()).delete()
    return count


def cases_alerts_send() -> int:
    """Email each subscribed live case its new matching studies and approved therapies."""
    sent = 0
    ids = SavedCase.objects.filter(expires_at__gt=timezone.now()).exclude(alert_email="")
    for case_id in ids.values_list("id", flat=True):
        sent += case_alert_send(case_id=case_id)
    return sent


def case_alert_send(*, case_id: int) -> int:
    """Send one case's alert when something new matches; 1 if a message went out."""
    with transaction.atomic():
        case = SavedCase.objects.select_for_update().filter(pk=case_id).first()
        if case is None or not case.alert_email:
            return 0
        report = case_report_build(facts=saved_case_facts(case))
        new_trials = [i.trial for i in report.trials if i.trial.nct_id not in case.seen_trials]
        new_therapies = [
            item.result
            for item in report.tiers[0].items
            if item.result.therapy_id not in case.seen_therapies
        ]
        if not new_trials and not new_therapies:
            return 0
        token = secrets.token_urlsafe(32)
        case.unsubscribe_hash = token_hash(token)
        case.seen_trials = sorted(set(case.seen_trials) | report.trial_ids())
        case.seen_therapies = sorted(set(case.seen_therapies) | report.approved_therapy_ids())
        case.alerted_at = timezone.now()
        case.save(update_fields=["unsubscribe_hash", "seen_trials", "seen_therapies", "alerted_at"])
        _send(case.alert_email, new_trials, new_therapies, token)
    logger.info("alert sent for saved case %s", case_id)
    return 1


def _send(email: str, trials: list, therapies: list, token: str) -> None:
    site = settings.SITE_URL.rstrip("/")
    lines = ["Something new may fit the case you saved on RareLabs.", ""]
    lines += [f"New study: {t.title} ({t.nct_id}) {t.url}" for t in trials]
    lines += [f"Newly approved: {r.therapy_name} ({r.status_label})" for r in therapies]
    remove = site + reverse("cases:unsubscribe", kwargs={"token": token})
    lines += [
        "",
        "This is not medical advice. Please talk about it with your care team.",
        "Open your saved report with the link you kept.",
        f"Stop these emails and forget this address: {remove}",
    ]
    send_mail(
        subject="RareLabs: something new for your saved case",
        message="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
