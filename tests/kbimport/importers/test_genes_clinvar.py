"""HGNC, mim2gene and ClinVar imports on the real files; malformed rows; a failing batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError, connection

from ingest.models import RefreshRun
from kbimport.importers.clinvar import import_clinvar
from kbimport.importers.genes import import_hgnc, import_mim2gene
from knowledge.models import Gene, Variant, VariantCondition

pytestmark = pytest.mark.usefixtures("kb")


@pytest.fixture
def hgnc_subset(shared_data: Path) -> Path:
    return shared_data / "hgnc" / "hgnc_complete_set_rare_disease_genes_subset.txt"


def test_hgnc_updates_genes_found_by_ncbi_id(hgnc_subset: Path) -> None:
    """SMN1 from the HPO import gains its HGNC id, name and aliases; no duplicate gene appears."""
    pk = Gene.objects.get(symbol="SMN1").pk
    tally = import_hgnc(path=hgnc_subset)
    smn1 = Gene.objects.get(symbol="SMN1")
    assert smn1.pk == pk
    assert smn1.hgnc_id == "HGNC:11117"
    assert smn1.name == "survival of motor neuron 1, telomeric"
    assert smn1.source == "HGNC complete set"
    assert tally.read == 84
    assert import_hgnc(path=hgnc_subset).totals[:2] == (0, 0)


def test_malformed_rows_are_reported_with_file_and_line(hgnc_subset: Path, tmp_path: Path) -> None:
    """A bad row is skipped and counted with its file and line; the other rows are imported."""
    lines = hgnc_subset.read_text(encoding="utf-8").splitlines()
    broken = lines[2].replace("HGNC:", "HGNX:", 1)
    path = tmp_path / "hgnc.txt"
    path.write_text("\n".join([lines[0], lines[1], broken, *lines[3:10]]) + "\n", encoding="utf-8")
    tally = import_hgnc(path=path)
    assert tally.skipped["malformed row"] == 1
    assert tally.errors[0]["file"] == str(path)
    assert tally.errors[0]["line"] == 3
    assert tally.errors[0]["field"] == "hgnc_id"
    assert tally.read == 8
    run = RefreshRun.objects.get(pk=tally.run.pk)
    assert run.status == "partial"
    assert run.failed == 1


def test_failing_batch_rolls_back_and_keeps_earlier_batches(
    hgnc_subset: Path, tmp_path: Path
) -> None:
    """A database error in batch 2 leaves batch 1 written, batch 2 untouched, the run failed."""
    lines = hgnc_subset.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "hgnc.txt"
    path.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")  # 4 genes: 2 batches of 2
    symbols = [line.split("\t")[1] for line in lines[1:5]]
    with connection.cursor() as cursor:
        # A real PostgreSQL failure on the last gene, standing in for a crash mid-import.
        cursor.execute(
            "CREATE FUNCTION pg_temp.fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF NEW.symbol = '{symbols[3]}' THEN RAISE EXCEPTION 'simulated crash'; END IF; "
            "RETURN NEW; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER fail_gene BEFORE INSERT OR UPDATE ON knowledge_gene "
            "FOR EACH ROW EXECUTE FUNCTION pg_temp.fail()"
        )
    with pytest.raises(DatabaseError, match="simulated crash"):
        import_hgnc(path=path, batch_size=2)
    stored = dict(Gene.objects.filter(symbol__in=symbols).values_list("symbol", "source"))
    assert [stored.get(s) for s in symbols[:2]] == ["HGNC complete set"] * 2
    assert all(stored.get(s) != "HGNC complete set" for s in symbols[2:])
    run = RefreshRun.objects.filter(task="import_hgnc").latest("started_at")
    assert run.status == "failed"
    assert "simulated crash" in run.errors[-1]["message"]


def test_mim2gene_sets_gene_omim_numbers(shared_data: Path) -> None:
    """SMN1's OMIM gene number comes from mim2gene; phenotype-only entries are skipped."""
    Gene.objects.filter(symbol="SMN1").update(omim_id="")
    tally = import_mim2gene(path=shared_data / "omim" / "mim2gene.txt")
    assert Gene.objects.get(symbol="SMN1").omim_id == "600354"
    assert tally.skipped["not a gene entry"] > 0
    assert import_mim2gene(path=shared_data / "omim" / "mim2gene.txt").totals[:2] == (0, 0)


def test_clinvar_tabular_variants_get_hgvs_and_search_keys(shared_data: Path) -> None:
    """The 2020 export's SMN1 and DMD variants are stored with parsed HGVS forms and keys."""
    path = shared_data / "clinvar" / "clinvar_result_2020_pathogenic_rare_genes_subset.txt"
    tally = import_clinvar(path=path)
    variant = Variant.objects.get(clinvar_id=634940)  # NM_000344.3(SMN1):c.584del (p.Pro195fs)
    assert variant.gene is not None
    assert variant.gene.symbol == "SMN1"
    assert (variant.transcript, variant.hgvs_c, variant.hgvs_p) == (
        "NM_000344.3",
        "c.584del",
        "p.Pro195fs",
    )
    assert {"c.584del", "p.Pro195fs", "P195fs"} <= set(variant.search_keys)
    assert variant.source_url == "https://www.ncbi.nlm.nih.gov/clinvar/variation/634940/"
    assert tally.read > 1900
    assert import_clinvar(path=path).totals[:2] == (0, 0)


def test_clinvar_vcv_xml_links_conditions(shared_data: Path) -> None:
    """VCV XML records carry rsIDs and HGVS names and link conditions by OMIM id or name."""
    path = shared_data / "clinvar" / "clinvar_vcv_records_with_hpo_2024-05-02.xml"
    tally = import_clinvar(path=path)
    assert tally.read == 39
    variants = Variant.objects.filter(source_id__startswith="VCV")
    assert variants.exclude(rsid="").exists()
    assert variants.exclude(hgvs_c="").exists()
    assert all(v.search_keys for v in variants.exclude(hgvs_c=""))
    assert VariantCondition.objects.filter(variant__in=variants).exists()


def test_clinvar_variants_keep_their_grch38_place_and_are_found_by_it(shared_data: Path) -> None:
    """Both file kinds give ClinVar's canonical SPDI; a variant typed as the VCV's own VCF
    position (left-aligned, with its anchor base) or its GRCh38 g. name finds its record."""
    from search.indexer import index_objects
    from tests._shared import client_from_fresh_address

    import_clinvar(path=shared_data / "clinvar" / "clinvar_result_ALPL.txt")
    import_clinvar(path=shared_data / "clinvar" / "clinvar_vcv_records_with_hpo_2024-05-02.xml")
    tabular = Variant.objects.get(clinvar_id=13667)  # ALPL c.98C>T
    assert tabular.spdi == "NC_000001.11:21560661:C:T"
    deletion = Variant.objects.get(clinvar_id=224)  # AGA c.102_108del
    assert deletion.spdi == "NC_000004.12:177442267:AAAGGGC:"
    index_objects("variant", [tabular.pk, deletion.pk])
    client = client_from_fresh_address()
    for query, vcv in [
        ("chr1:21560662 C>T", "VCV000013667"),
        # The VCV's positionVCF, referenceAlleleVCF and alternateAlleleVCF on GRCh38.
        ("4-177442267-TAAAGGGC-T", "VCV000000224"),
        ("NC_000004.12:g.177442268_177442274del", "VCV000000224"),
    ]:
        body = client.get("/api/v1/search/", {"q": query}).json()
        assert body["results"][0]["id"] == vcv, query
        assert body["identifier"]["found"] is True, query
    page = client.get(deletion.get_absolute_url()).content.decode()
    assert "NC_000004.12:177442267:AAAGGGC:" in page
