"""The CAMEO/PLOVER ontology file: complete, valid, and faithful to the reference facts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.resources.cameo import PLOVER_TYPES, default_ontology, load_ontology

REFERENCE = Path(__file__).resolve().parents[2] / "shared/gold/events/cameo_codes_plover_map.tsv"


def test_all_roots_and_types_present() -> None:
    onto = default_ontology()
    assert onto.roots() == [f"{i:02d}" for i in range(1, 21)]
    assert set(onto.plover_modes) == set(PLOVER_TYPES)
    assert "ceasefire" in onto.plover_modes["RETREAT"]
    assert len(onto.codes) > 300


def test_lookup_facts() -> None:
    onto = default_ontology()
    assert onto.get("036").plover == "AGREE"
    assert onto.get("0256").plover == "REQUEST"  # appeals are REQUEST in current PLOVER
    assert onto.get("0256").mode == "yield"
    assert onto.get("111").plover == "ACCUSE"
    assert onto.get("163").plover == "SANCTION"
    assert onto.get("190").goldstein == -10.0
    assert onto.get("010").plover is None  # statements have no PLOVER type
    assert onto.get("9999") is None


def test_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "cameo.yaml"
    types = "\n".join(f"  {t}: {{quad: 1, modes: []}}" for t in PLOVER_TYPES)
    bad.write_text(
        f"plover_types:\n{types}\ncodes:\n"
        '  "01": {label: "x", goldstein: 0, quad: 1, plover: null, mode: null}\n'
        '  "011": {label: "y", goldstein: 0, quad: 7, plover: null, mode: null}\n',
        encoding="utf-8",
    )
    with pytest.raises(ResourceError) as err:
        load_ontology(bad)
    assert f"{bad}:{len(PLOVER_TYPES) + 4}" in str(err.value)
    assert "quad" in str(err.value)


def test_unknown_plover_type_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "cameo.yaml"
    bad.write_text("plover_types:\n  FIGHT: {quad: 4, modes: []}\ncodes: {}\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"cameo.yaml:2: unknown PLOVER type 'FIGHT'"):
        load_ontology(bad)


#: where the PLOVER codebook's definitions overrule the 2021 table (see cameo.yaml's header)
CODEBOOK_OVERRIDES = {"0831": "RETREAT", "163": "SANCTION"}


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference TSV not available")
def test_agrees_with_reference_table() -> None:
    """Same codes, Goldstein scores, quad classes and PLOVER types as the reference facts,
    except the documented project decisions (01 unmapped, 02 -> REQUEST, mixed 08/09 roots)."""
    onto = default_ontology()
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert {r["cameo_code"] for r in rows} == set(onto.codes)
    for row in rows:
        code = onto.codes[row["cameo_code"]]
        assert code.quad == int(row["gdelt_quadclass"])
        assert code.goldstein == (float(row["goldstein"]) if row["goldstein"] else None)
        ref_type = row["plover_event_2021"]
        if row["cameo_code"] in CODEBOOK_OVERRIDES:
            continue
        if ref_type in PLOVER_TYPES:
            assert code.plover == ref_type, row["cameo_code"]
        if row["plover_mode_2021"] in onto.plover_modes.get(ref_type, ()):
            assert code.mode == row["plover_mode_2021"] or code.code in {"195"}
