"""News wording for the conflictual roots 11-20 (patterns/news_conflict.yaml): one invented
sentence per class of wording, asserting the code, the source and the target the events stage
gives it; and the senses of conflict words that are no event at all (weather, sport, markets)."""

from __future__ import annotations

import pytest

import tests.test_events as base
from communique.resources.patterns import default_patterns

ACTORS = {
    **base.ACTORS,
    "Peruvian troops": ("PER", "MIL", "group", ["Peruvian troops", "Peruvian forces",
                                                "Peruvian jets", "Peruvian militias",
                                                "Peruvian police"]),
    "Chilean rebels": ("CHL", "REB", "group", ["Chilean rebels", "Chilean gunmen"]),
    "Peruvian protesters": ("PER", "OPP", "group", ["Peruvian protesters",
                                                    "Peruvian marchers", "Peruvian rioters"]),
    "Peruvian teachers": ("PER", "EDU", "group", ["Peruvian teachers"]),
    "Peruvian unions": ("PER", "LAB", "group", ["Peruvian unions"]),
}


def coded(text: str) -> list[tuple[str, str | None, str | None]]:
    return base.dyads(text, ACTORS)


CASES = [
    # 11 disapprove: verbal attacks on policies, mockery, disappointment voiced
    ("Peru attacked Chile's handling of the crisis.", ("111", "PER", "CHL")),
    ("Peru ridiculed the proposal of Chile.", ("111", "PER", "CHL")),
    ("Peru reprimanded Chile over the incident.", ("111", "PER", "CHL")),
    ("Peru voiced frustration with Chile.", ("110", "PER", "CHL")),
    ("Peru traded accusations with Chile over the incident.", ("111", "PER", "CHL")),
    ("Peru lamented the decision of Chile.", ("110", "PER", "CHL")),
    ("Peru took Chile to the International Court of Justice.", ("115", "PER", "CHL")),
    # 12 reject: aid turned down, demands brushed aside, bans defied, bills voted down
    ("Chile turned down the aid from Peru.", ("122", "CHL", "PER")),
    ("Peru brushed aside the demands of Chile.", ("123", "PER", "CHL")),
    ("Peru balked at the terms set by Chile.", ("120", "PER", None)),
    ("Peru defied the arms ban.", ("128", "PER", None)),
    ("Peru dismissed the peace plan of Chile.", ("127", "PER", "CHL")),
    # 13 threaten: deadlines, vows to punish, strikes threatened by workers
    ("Peru gave Chile 72 hours to withdraw its ships.", ("139", "PER", "CHL")),
    ("Peru vowed to punish Chile for the raid.", ("138", "PER", None)),
    ("Peru gave Chile until Friday to withdraw its ships.", ("139", "PER", "CHL")),
    ("Peruvian teachers threatened to strike over pay.", ("133", "PER", None)),
    ("Peruvian unions warned of a general strike.", ("133", "PER", None)),
    # 14 protest: crowds converging, marchers setting out, crowds' violence as riots
    ("Peruvian protesters converged on the embassy of Chile.", ("141", "PER", "CHL")),
    ("Peruvian marchers set out for the capital.", ("141", "PER", None)),
    ("Peruvian protesters stormed the embassy of Chile.", ("145", "PER", "CHL")),
    ("Peruvian rioters set fire to shops and cars.", ("145", "PER", None)),
    ("Peruvian protesters staged a sit-in outside the embassy of Chile.", ("144", "PER", "CHL")),
    ("Peruvian protesters refused to eat for a week.", ("142", "PER", None)),
    # 15 force posture: forces rushed, presence beefed up, security tightened
    ("Peru rushed troops to its border with Chile.", ("154", "PER", None)),
    ("Peru beefed up its troops along the border.", ("154", "PER", None)),
    ("Peruvian police tightened security in the capital.", ("151", "PER", None)),
    ("Peruvian police set up checkpoints across the capital.", ("153", "PER", None)),
    ("Peru sent two warships to the coast of Chile.", ("154", "PER", "CHL")),
    ("Peru reinforced its garrisons on the frontier.", ("154", "PER", None)),
    # 16 reduce relations: asset freezes, spies expelled, cooperation suspended, members suspended
    ("Peru froze the assets of Chile.", ("163", "PER", "CHL")),
    ("Peru expelled three intelligence officers of Chile.", ("166", "PER", "CHL")),
    ("Peru suspended military cooperation with Chile.", ("160", "PER", "CHL")),
    ("Peru suspended Chile from the alliance.", ("160", "PER", "CHL")),
    ("Peru pulled out of the mediation led by Chile.", ("165", "PER", None)),
    ("Peru expelled the Red Cross from the border region.", ("1663", "PER", None)),
    # 17 coerce: websites blocked, accreditation revoked
    ("Peru blocked access to Twitter and Facebook.", ("1721", "PER", None)),
    ("Peru revoked the accreditation of a reporter from Chile.", ("1721", "PER", "CHL")),
    ("Peru's seizure of the tanker from Chile angered Santiago.", ("171", "PER", "CHL")),
    ("Peruvian police lobbed tear gas canisters at Chilean protesters.", ("175", "PER", None)),
    ("Peruvian police turned water cannon on the crowd.", ("175", "PER", None)),
    ("Peruvian police charged the crowd with batons.", ("175", "PER", None)),
    # 18 assault: armed men wounding, bombs dropped, projectiles hitting
    ("Chilean gunmen wounded three Peruvian troops.", ("180", "CHL", "PER")),
    ("Peruvian jets dropped bombs on Chile.", ("195", "PER", "CHL")),
    ("Peruvian troops sexually assaulted women in Chile.", ("1821", "PER", None)),
    ("Peruvian police abused detainees from Chile.", ("182", "PER", None)),
    # 19 fight: sieges laid, places sealed off by forces, positions overrun, control taken
    ("Peruvian troops laid siege to the capital of Chile.", ("191", "PER", "CHL")),
    ("Peru's blockade of the ports of Chile entered its third week.", ("191", "PER", "CHL")),
    ("Peruvian troops traded fire with Chilean rebels.", ("193", "PER", "CHL")),
    ("Chilean rebels struck a police station in Peru.", ("190", "CHL", None)),
    ("Peruvian forces sealed off the town.", ("191", "PER", None)),
    ("Peruvian troops overran Chile in a week.", ("192", "PER", "CHL")),
    ("Chilean rebels took control of the town.", ("192", "CHL", None)),
    # 20 mass violence: populations driven out, hundreds massacred, nerve agents dropped
    ("Peruvian militias forced thousands of villagers out of their homes.", ("201", "PER", None)),
    ("Peruvian troops massacred hundreds of prisoners.", ("202", "PER", None)),
    ("Peruvian jets dropped sarin on Chile.", ("2041", "PER", "CHL")),
    ("Peruvian troops used chemical weapons against Chile.", ("2041", "PER", "CHL")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0] + ":" + c[0][:30]
                                                           for c in CASES])
def test_news_conflict_class_is_coded(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in coded(text)


def test_news_conflict_patterns_are_loaded_with_the_core_ones() -> None:
    ids = {p.id for p in default_patterns().patterns}
    assert {"news.conflict.fight.siege", "fight.occupy"} <= ids


# the other sense of the word: no event at all
@pytest.mark.parametrize("text", [
    "A storm destroyed hundreds of homes along the coast.",
    "Floods killed forty people in the south.",
    "An earthquake struck the island on Tuesday.",
    "A fire destroyed the warehouse overnight.",
    "Two climbers were killed in an avalanche.",
    "Wildfires forced thousands of residents out of their homes.",
    "Doctors are fighting a cholera outbreak in the north.",
    "The central bank is fighting inflation with higher rates.",
    "The visitors beat the champions in the cup final.",
    "The weather service warned of heavy snow in the mountains.",
    "The central bank warned that prices could rise further.",
    "The bank fired 300 employees.",
    "The opposition seized on the remarks of the minister.",
    "The shuttle blasted off on Monday.",
    "Ticket sales exploded after the announcement.",
    "Thousands of runners took to the streets for the marathon.",
    "The governor declared a health emergency.",
    "The former senator died of a heart attack on Sunday.",
    "An Arctic blast brought freezing temperatures to the north.",
    "The committee killed the bill on Tuesday.",
    "The documentary captured the imagination of viewers.",
    "The crew shot the film in the desert.",
    "Locusts invaded farms across the region.",
    "The boy refused to eat his vegetables.",
    "Stocks rallied on Wall Street after the jobs report.",
    "Oil prices staged a strong rally in the afternoon.",
    "The company demonstrated its new electric truck at the show.",
    "The pupil was expelled from school for cheating.",
    "The singer cancelled her tour after falling ill.",
    "The agency launched a weather satellite into orbit.",
    "Researchers fired neutrons at the sample.",
    "The critics praised the photography of the film.",
    "Tourists visited the museum in record numbers.",
    "The reform freed up land for housing.",
    "A shark attacked a surfer off the coast.",
    "The immune system attacks healthy cells.",
    "A gas explosion at a coal mine killed twelve miners.",
    "A boiler exploded at the textile factory.",
    "Thieves raided the jewellery shop.",
    "The striker fired the ball into the net.",
    "The soldiers held their fire for two days.",
    "UEFA banned the club from European competition for two seasons.",
    "The coach slammed the referee after the match.",
])
def test_other_senses_code_nothing(text: str) -> None:
    assert coded(text) == []


def test_a_labour_strike_threatened_is_no_military_threat() -> None:
    assert [c for c, _, _ in coded("Peruvian unions threatened to strike.")] == ["133"]
    assert "138" in [c for c, _, _ in coded("Peru threatened to strike Chile.")]


def test_an_asset_freeze_is_a_sanction_not_a_seizure() -> None:
    assert [c for c, _, _ in coded("Peru froze the assets of Chile.")] == ["163"]
    assert "171" in [c for c, _, _ in coded("Peru seized a ship of Chile.")]


def test_an_attack_on_troops_is_still_an_assault() -> None:
    assert "180" in [c for c, _, _ in coded("Chilean rebels attacked Peruvian troops.")]


def test_fighting_over_an_election_is_still_fighting() -> None:
    assert "190" in [c for c, _, _ in coded(
        "Chilean rebels fought Peruvian troops over the disputed election.")]


def test_a_bomb_still_explodes_and_police_still_fire() -> None:
    assert "183" in [c for c, _, _ in coded("Chilean rebels exploded a bomb in Peru.")]
    assert "193" in [c for c, _, _ in coded("Peruvian police fired shots at Chilean rebels.")]


def test_a_crowd_blockading_a_highway_stays_a_protest() -> None:
    codes = [c for c, _, _ in coded("Peruvian protesters kept up their blockade of the highway.")]
    assert "144" in codes and "191" not in codes


def test_troops_marching_or_rallying_do_not_protest() -> None:
    assert "141" not in [c for c, _, _ in coded("Peruvian troops marched into the capital.")]
    assert coded("Chilean rebels rallied after the defeat.") == []
    assert "143" in [c for c, _, _ in coded("Peruvian teachers struck for a third day.")]


def test_aid_airlifted_and_deadlines_for_talks_are_no_hostility() -> None:
    airlift = coded("Peru airlifted food to Chile aboard military aircraft.")
    assert "154" not in [c for c, _, _ in airlift]
    assert "139" not in [c for c, _, _ in coded("Peru set a deadline for an agreement with Chile.")]


def test_charges_brought_are_no_baton_charge() -> None:
    codes = [c for c, _, _ in coded("Peruvian police charged three rebels with murder.")]
    assert "175" not in codes


def test_a_state_still_praises_and_visits() -> None:
    assert [c for c, _, _ in coded("Peru praised Chile for its help.")] == ["051"]
    assert [c for c, _, _ in coded("The president of Peru visited Chile.")] == ["042"]


def test_support_rallied_for_someone_stays_support() -> None:
    assert [c for c, _, _ in coded("Peru rallied support for Chile.")] == ["053"]


def test_a_company_taking_control_is_no_occupation() -> None:
    assert coded("Peru took control of the mining company.") == []


def test_a_vote_for_a_bill_is_no_rejection() -> None:
    assert "120" not in [c for c, _, _ in coded("Peru voted for the resolution of Chile.")]


def test_crowds_still_rally_and_missiles_are_still_launched() -> None:
    assert "141" in [c for c, _, _ in coded("Thousands of students rallied against Peru.")]
    assert "194" in [c for c, _, _ in coded("Peru launched missiles at Chile.")]


def test_a_threat_of_force_is_still_a_threat() -> None:
    assert "138" in [c for c, _, _ in coded("Peru warned that it would attack Chile.")]
