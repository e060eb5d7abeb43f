"""On a phone-sized screen no page scrolls sideways, even with long source addresses."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from knowledge.models import ApprovalStatus
from tests.factories.knowledge import (
    ConditionFactory,
    ConditionGeneFactory,
    GeneFactory,
    TherapyLinkFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# A real-looking source address with no break opportunity: wider than a 390 px screen.
LONG_URL = (
    "https://www.ema.europa.eu/en/medicines/human/EPAR/"
    "spinraza-nusinersen-european-public-assessment-report-with-a-very-long-name"
)


@pytest.fixture
def treatment_url(live_server: object) -> str:
    """A gene-linked therapy whose reference is one long URL; the search page for that gene."""
    call_command("flush", interactive=False, verbosity=0)
    condition = ConditionFactory(name="Spinal muscular atrophy", slug="spinal-muscular-atrophy")
    gene = GeneFactory(symbol="SMN1")
    ConditionGeneFactory(condition=condition, gene=gene)
    link = TherapyLinkFactory(
        condition=condition, status=ApprovalStatus.FDA_APPROVED, urls=[LONG_URL]
    )
    link.genes.add(gene)
    return f"{live_server.url}/treatments?gene=SMN1"


def test_treatment_results_fit_a_phone_screen(page: object, treatment_url: str) -> None:
    """The results page is no wider than the screen (no sideways scrolling)."""
    page.goto(treatment_url)
    assert page.locator(f'a[href="{LONG_URL}"]').count() == 1
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths


def test_treatment_form_boxes_do_not_make_a_phone_zoom(page: object, treatment_url: str) -> None:
    """Phones zoom into text boxes set below 16 px: the form's boxes use the page's size."""
    page.goto(treatment_url)
    sizes = page.eval_on_selector_all(
        ".treatment-form input[type=text]",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert sizes
    assert min(sizes) >= 16, sizes
