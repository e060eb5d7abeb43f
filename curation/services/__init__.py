"""Editor write services: merging conditions, reviewing links, checking references."""

from curation.services.merge import MergeError, MergeResult, condition_merge
from curation.services.queue import task_enqueue
from curation.services.references import ReferenceCheck, references_check, references_fetch_missing
from curation.services.review import ReviewError, link_correct, link_review, links_review
from curation.services.summaries import SummaryReviewError, summary_approve, summary_edit

__all__ = [
    "MergeError",
    "MergeResult",
    "ReferenceCheck",
    "ReviewError",
    "SummaryReviewError",
    "condition_merge",
    "link_correct",
    "link_review",
    "links_review",
    "references_check",
    "references_fetch_missing",
    "summary_approve",
    "summary_edit",
    "task_enqueue",
]
