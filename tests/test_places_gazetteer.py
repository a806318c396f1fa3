"""The gazetteer: name normalization, exact-case short aliases, validating data loaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import ResourceError
from communique.resources.gazetteer import (
    country_of,
    load_gazetteer,
    normalize,
    place_from_yaml,
    read_tsv,
    read_yaml_items,
)


def test_normalize_drops_accents_case_and_leading_article() -> None:
    assert normalize("The  Côte-d’Ivoire") == "cote d'ivoire"


def test_short_aliases_need_their_exact_case() -> None:
    gaz = load_gazetteer()
    assert [e.country for e in gaz.lookup("US")] == ["USA"]
    assert gaz.lookup("us") == []
    assert {e.country for e in gaz.lookup("Britain")} == {"GBR"}


def test_lookup_knows_countries_states_cities_regions_and_aliases() -> None:
    gaz = load_gazetteer()
    assert {"country", "region"} <= {e.feature for e in gaz.lookup("Georgia")}
    assert any(e.name == "Kyiv" for e in gaz.lookup("Kiev"))
    assert any(e.feature == "region" for e in gaz.lookup("the West Bank"))
    assert gaz.lookup("Nowhereville Upon Nothing") == []
    assert gaz is load_gazetteer()  # built once per process


def test_country_of_a_point_and_of_an_id() -> None:
    assert country_of(2988507, 0.0, 0.0) == "FRA"
    assert country_of(None, 52.52, 13.40) == "DEU"


def test_yaml_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "regions.yaml"
    bad.write_text("- {name: Somewhere, country: XXX, lat: 1, lon: 2, feature: city}\n"
                   "- {name: Elsewhere, country: XXX, lat: 1, feature: region}\n")
    items = list(read_yaml_items(bad))
    place_from_yaml(bad, *items[0])
    with pytest.raises(ResourceError, match=r"regions\.yaml:2: missing field\(s\) lon"):
        place_from_yaml(bad, *items[1])
    broken = tmp_path / "broken.yaml"
    broken.write_text("- {name: [unclosed\n")
    with pytest.raises(ResourceError, match=r"broken\.yaml:\d+: invalid YAML"):
        list(read_yaml_items(broken))


def test_tsv_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "coords.tsv"
    bad.write_text("# header\nFRA\t46.0\t2.0\nDEU\t51.5\n")
    with pytest.raises(ResourceError, match=r"coords\.tsv:3: expected 3"):
        list(read_tsv(bad, 3))


def test_country_names_come_from_the_country_table() -> None:
    from communique.resources.countries import country_table

    gaz = load_gazetteer()
    for country in country_table():
        for name in (country.name, *country.aliases):
            entries = gaz.lookup(name)
            assert entries, f"{name} ({country.iso3}) not in the gazetteer"
    assert any(e.country == "VAT" for e in gaz.lookup("Holy See"))
    assert {e.feature for e in gaz.lookup("England")} == {"region"}  # a part, not the UK


def test_acronyms_are_not_towns_and_saint_is_spelled_both_ways() -> None:
    gaz = load_gazetteer()
    assert all(e.name != "Eu" for e in gaz.lookup("EU"))
    assert any(e.country == "RUS" for e in gaz.lookup("St. Petersburg"))
    assert any(e.country == "RUS" for e in gaz.lookup("Saint Petersburg"))


def test_generated_subdivisions_match_their_sources_and_are_sane() -> None:
    import importlib.util

    from communique.stages.geo_resolve import haversine_km

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_subdivisions.py"
    spec = importlib.util.spec_from_file_location("build_subdivisions", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = module.OUT.read_text(encoding="utf-8")
    assert table == module.HEADER + "\n".join(module.rows()) + "\n", \
        "subdivisions.tsv is stale: run scripts/build_subdivisions.py"
    gaz = load_gazetteer()
    canton = [e for e in gaz.lookup("Zürich") if e.source == "subdivisions"]
    assert canton and canton[0].country == "CHE" and canton[0].feature == "region"
    tokyo = [e for e in gaz.lookup("Tokyo") if e.source == "subdivisions"][0]
    assert haversine_km(tokyo.lat, tokyo.lon, 35.69, 139.69) < 100  # not a FIPS "13"
    assert all(e.source != "subdivisions" for e in gaz.lookup("Central"))  # a bare generic word
