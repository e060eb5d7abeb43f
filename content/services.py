"""Writes for articles: load the Markdown files in content/articles/ into the database."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.models import Article, ArticleStatus
from knowledge.models import Condition, ConditionIdentifier, IdentifierScheme, Therapy
from rarelabs.readability import reading_grade, reading_time_minutes, split_front_matter

logger = logging.getLogger(__name__)

DEFAULT_ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
_REQUIRED = ("title", "slug", "summary")


class ArticleFileError(ValueError):
    """An article file whose front matter is missing or malformed; names the file and field."""


@dataclass(frozen=True)
class ArticleUpsert:
    slug: str
    created: bool
    changed: bool
    missing_conditions: tuple[str, ...] = ()
    missing_therapies: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticlesLoadResult:
    created: int
    updated: int
    unchanged: int
    results: tuple[ArticleUpsert, ...]


def _published_at(value: object, path: Path) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    try:
        return _published_at(datetime.date.fromisoformat(str(value)), path)
    except ValueError:
        raise ArticleFileError(f"{path.name}: 'published' is not a date: {value!r}") from None


def _status(meta: dict, published_at: datetime.datetime | None) -> str:
    declared = str(meta.get("status", "")).lower()
    if declared == ArticleStatus.DRAFT or meta.get("draft") is True or published_at is None:
        return ArticleStatus.DRAFT
    if published_at > timezone.now():
        return ArticleStatus.SCHEDULED
    return ArticleStatus.PUBLISHED


def _conditions(ids: list[str]) -> tuple[list[Condition], list[str]]:
    wanted = [str(i).strip() for i in ids]
    by_id = {c.primary_id: c for c in Condition.objects.filter(primary_id__in=wanted)}
    numbers = [i.partition(":")[2] for i in wanted if i.upper().startswith("ORPHA:")]
    for ident in ConditionIdentifier.objects.filter(
        scheme=IdentifierScheme.ORPHA, value__in=numbers
    ).select_related("condition"):
        by_id.setdefault(f"ORPHA:{ident.value}", ident.condition)
    found = [by_id[i] for i in wanted if i in by_id]
    return found, [i for i in wanted if i not in by_id]


def _therapies(names: list[str]) -> tuple[list[Therapy], list[str]]:
    wanted = [str(n).strip() for n in names]
    lowered = {n.lower() for n in wanted}
    match = Q()
    for name in lowered:
        match |= Q(name__iexact=name)
    found = list(Therapy.objects.filter(match)) if wanted else []
    have = {t.name.lower() for t in found}
    return found, [n for n in wanted if n.lower() not in have]


def _fields(meta: dict, body: str, path: Path) -> dict[str, object]:
    for key in _REQUIRED:
        if not meta.get(key):
            raise ArticleFileError(f"{path.name}: front matter needs {key!r}")
    hero = meta.get("hero_image") or {}
    if hero and not (isinstance(hero, dict) and hero.get("path") and hero.get("alt")):
        raise ArticleFileError(f"{path.name}: hero_image needs both 'path' and 'alt'")
    published_at = _published_at(meta.get("published"), path)
    return {
        "title": str(meta["title"]).strip(),
        "summary": " ".join(str(meta["summary"]).split()),
        "body": body,
        "author": str(meta.get("author") or "RareLabs editorial team"),
        "status": _status(meta, published_at),
        "published_at": published_at,
        "tags": [str(t) for t in meta.get("tags") or []],
        "faq": list(meta.get("faq") or []),
        "key_takeaways": list(meta.get("key_takeaways") or []),
        "tips": [str(t) for t in meta.get("tips") or []],
        "references": list(meta.get("references") or []),
        "hero_image": str(hero.get("path", "")) if hero else "",
        "hero_alt": " ".join(str(hero.get("alt", "")).split()) if hero else "",
        "reading_time_minutes": reading_time_minutes(body),
        "reading_grade": round(reading_grade(body), 1),
    }


@transaction.atomic
def article_upsert_from_file(*, path: Path) -> ArticleUpsert:
    """Create or update one article from a Markdown file with YAML front matter (by slug)."""
    try:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ArticleFileError(f"{path.name}: {error}") from error
    fields = _fields(meta, body, path)
    slug = str(meta["slug"]).strip()
    conditions, missing_conditions = _conditions(list(meta.get("related_conditions") or []))
    therapies, missing_therapies = _therapies(list(meta.get("related_therapies") or []))
    article = Article.objects.filter(slug=slug).first()
    created = article is None
    changed = created
    if article is None:
        article = Article.objects.create(slug=slug, **fields)
    else:
        diff = {k: v for k, v in fields.items() if getattr(article, k) != v}
        if diff:
            changed = True
            for key, value in diff.items():
                setattr(article, key, value)
            article.save()
    if {c.pk for c in article.related_conditions.all()} != {c.pk for c in conditions}:
        article.related_conditions.set(conditions)
        changed = True
    if {t.pk for t in article.related_therapies.all()} != {t.pk for t in therapies}:
        article.related_therapies.set(therapies)
        changed = True
    return ArticleUpsert(
        slug, created, changed, tuple(missing_conditions), tuple(missing_therapies)
    )


def articles_load(*, directory: Path = DEFAULT_ARTICLES_DIR) -> ArticlesLoadResult:
    """Upsert every *.md article in a directory; a bad file is logged, counted and skipped."""
    results: list[ArticleUpsert] = []
    for path in sorted(directory.glob("*.md")):
        try:
            results.append(article_upsert_from_file(path=path))
        except ArticleFileError:
            logger.exception("article skipped: %s", path)
    created = sum(r.created for r in results)
    updated = sum(r.changed and not r.created for r in results)
    return ArticlesLoadResult(created, updated, len(results) - created - updated, tuple(results))
