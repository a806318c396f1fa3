"""Fourth-pass actor rules: abbreviated military titles, regions named before their type word,
armed-group leaders and armed groups named without their state (invented sentences)."""

import communique


def _actor(record, name: str):
    return next(a for a in record.actors if a.name == name)


def test_abbreviated_rank_gives_sector_and_sentence_country() -> None:
    record = communique.code("Lt. Gen. Zoltan Kraba stepped down to allow Haiti's first vote.")
    person = _actor(record, "Zoltan Kraba")
    assert (person.country, person.sector) == ("HTI", "MIL")


def test_government_of_a_province_is_the_state_government() -> None:
    record = communique.code("The government of Sindh province ordered new patrols.")
    assert any(a.country == "PAK" and a.sector == "GOV" for a in record.actors)


def test_armed_group_leader_codes_as_the_group() -> None:
    record = communique.code("Bin Laden said the network would strike again.")
    assert _actor(record, "Osama bin Laden").code == "IMGMOSALQ"


def test_armed_group_without_state_in_name() -> None:
    record = communique.code("The Moro Islamic Liberation Front accused the army of shelling.")
    group = _actor(record, "Moro Islamic Liberation Front")
    assert (group.country, group.sector) == ("PHL", "REB")


def test_people_living_in_another_state_are_a_minority_there() -> None:
    record = communique.code("The Hungarians of northern Romania demanded their own schools.")
    group = _actor(record, "Hungarians")
    assert (group.country, group.sector) == ("ROU", "CVL")
    home = communique.code("Hungarians from Romania crossed the border on Friday.")
    assert any(a.country == "HUN" for a in home.actors)  # "from": where they came from


def test_ethnic_armed_group_codes_by_its_state_and_a_given_name_stays_a_person() -> None:
    record = communique.code("Government troops overran a Karen rebel camp near the border.")
    group = _actor(record, "Karen")
    assert (group.country, group.sector) == ("MMR", "REB")
    person = _actor(communique.code("Karen Mallory said the council would meet."), "Karen Mallory")
    assert person.kind == "person" and person.country is None


def test_peacekeepers_are_not_the_host_states_army() -> None:
    record = communique.code("Peacekeepers in Mali were attacked near the border on Monday.")
    assert not any(a.country == "MLI" and a.sector == "MIL" for a in record.actors)
    host = communique.code("The council renewed the peacekeeping force in Lebanon for a year.")
    assert not any(a.country == "LBN" and a.sector == "MIL" for a in host.actors)
    assert any(a.kind == "country" and a.country == "LBN" for a in host.actors)


def test_a_country_named_with_the_article_is_the_country() -> None:
    record = communique.code("Japan urged the Democratic People's Republic of Korea to return "
                             "to talks.")
    assert _actor(record, "North Korea").kind == "country"
