"""Report the Flesch-Kincaid grade of every family-facing text; fail if an article is above 8.

Usage: .venv/bin/python benchmarks/reading_grade.py [EXTRA_FILE ...]

Each article in content/articles/ is measured in four parts: the Markdown body, the FAQ answers,
the key takeaways and the tips. Extra files (Markdown, text or templates) are measured whole and
reported, but only articles decide the exit code. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES_DIR = REPO / "content" / "articles"
# Django template syntax is not prose; drop it before measuring an extra file.
_TEMPLATE_SYNTAX = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)


def _measure_articles(articles_dir: Path) -> dict[str, dict[str, float | int]]:
    from rarelabs.readability import (  # imported here: the repo root is put on sys.path first
        family_facing_texts,
        reading_grade,
        reading_time_minutes,
        split_front_matter,
        word_count,
    )

    results: dict[str, dict[str, float | int]] = {}
    for path in sorted(articles_dir.glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        parts = family_facing_texts(meta, body)
        figures: dict[str, float | int] = {
            name: round(reading_grade(text), 2) for name, text in parts.items()
        }
        figures["words"] = word_count(body)
        figures["minutes"] = reading_time_minutes(body)
        results[str(meta.get("slug") or path.stem)] = figures
    return results


def _measure_extra(paths: list[Path]) -> dict[str, float]:
    from rarelabs.readability import reading_grade

    return {
        str(path): round(reading_grade(_TEMPLATE_SYNTAX.sub(" ", path.read_text("utf-8"))), 2)
        for path in paths
    }


def main(argv: list[str] | None = None) -> int:
    """Print grades per article part and per extra file; return 1 if an article is above 8."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extra", nargs="*", type=Path, help="extra family-facing text files")
    parser.add_argument("--articles-dir", type=Path, default=ARTICLES_DIR)
    args = parser.parse_args(argv)

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from rarelabs.readability import GRADE_LIMIT

    articles = _measure_articles(args.articles_dir)
    extra = _measure_extra(args.extra)
    part_names = ("body", "faq", "takeaways", "tips")
    over_limit = [
        f"{slug}:{part}"
        for slug, figures in articles.items()
        for part in part_names
        if figures[part] > GRADE_LIMIT
    ]

    print(
        f"{'article':44} {'body':>6} {'faq':>6} {'takeaw':>6} {'tips':>6} {'words':>6} {'min':>4}"
    )
    for slug, f in articles.items():
        print(
            f"{slug:44} {f['body']:6.2f} {f['faq']:6.2f} {f['takeaways']:6.2f} "
            f"{f['tips']:6.2f} {f['words']:6d} {f['minutes']:4d}"
        )
    for name, grade in extra.items():
        print(f"extra {name}: grade {grade:.2f}{'  (above limit)' if grade > GRADE_LIMIT else ''}")
    if over_limit:
        print(f"FAIL: above grade {GRADE_LIMIT:g}: {', '.join(over_limit)}")

    all_grades = [figures[part] for figures in articles.values() for part in part_names]
    body_grades = [figures["body"] for figures in articles.values()]
    summary = {
        "grade_limit": GRADE_LIMIT,
        "articles": len(articles),
        "max_grade": max(all_grades, default=0.0),
        "mean_body_grade": round(statistics.fmean(body_grades), 2) if body_grades else 0.0,
        "over_limit": over_limit,
        "per_article": articles,
        "extra": extra,
    }
    print(json.dumps(summary, sort_keys=True))
    return 1 if over_limit or not articles else 0


if __name__ == "__main__":
    sys.exit(main())
