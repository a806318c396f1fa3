"""News wording for the cooperative roots 02-10 (patterns/news_cooperation.yaml): one invented
sentence per class of wording, asserting the PLOVER type and the source and target countries the
events stage gives it, and wordings that must not fire."""

from __future__ import annotations

import pytest

import tests.test_events as base
from communique.document import Document
from communique.resources.patterns import default_patterns

ACTORS = {
    **base.ACTORS,
    "Kenyan troops": ("KEN", "MIL", "group", ["Kenyan troops", "Kenyan soldiers",
                                              "Kenyan rescuers", "Kenyan rescue teams"]),
    "Kenyan police": ("KEN", "COP", "group", ["Kenyan police", "Kenyan prosecutors"]),
    "Kenyan minister": ("KEN", "GOV", "person", ["Kenyan defence minister"]),
    "Ugandan leader": ("UGA", "GOV", "person", ["Ugandan president", "Ugandan king"]),
    "Ugandan rebels": ("UGA", "REB", "group", ["Ugandan rebels"]),
}


def code(text: str) -> Document:
    return base.code_text(text, actors=ACTORS)


def coded(text: str) -> list[tuple[str, str | None, str | None]]:
    return base.dyads(text, ACTORS, plover=True)


def rules(text: str) -> list[str]:
    return [e.rule or "" for e in code(text).events]


CASES = [
    # 02 appeals: "call" with for/on, pressing someone to act, a request to someone
    ("Kenya called on Uganda to free the prisoners.", ("REQUEST", "KEN", "UGA")),
    ("Kenya called for talks with Uganda.", ("REQUEST", "KEN", "UGA")),
    ("Kenya pressed Uganda to reopen the border crossing.", ("REQUEST", "KEN", "UGA")),
    ("Kenya lobbied Uganda to back the plan.", ("REQUEST", "KEN", "UGA")),
    ("Kenya pressed Uganda on Monday to reopen the border.", ("REQUEST", "KEN", "UGA")),
    ("Kenya made a formal request to Uganda for the files.", ("REQUEST", "KEN", "UGA")),
    ("Kenya invited Uganda to a new round of talks.", ("REQUEST", "KEN", "UGA")),
    ("Kenya asked Uganda for more trade and investment.", ("REQUEST", "KEN", "UGA")),
    ("Kenya turned to Uganda for help with the refugees.", ("REQUEST", "KEN", "UGA")),
    ("Kenya applied to Uganda for a loan.", ("REQUEST", "KEN", "UGA")),
    ("Kenya sent a request for the extradition of the suspect to Uganda.",
     ("REQUEST", "KEN", "UGA")),
    ("Kenya requested the deployment of troops from Uganda.", ("REQUEST", "KEN", "UGA")),
    # 03 intent: ready to sit down, a round agreed, an invitation accepted, open to a settlement
    ("Kenya said it was ready to sit down with Uganda.", ("AGREE", "KEN", "UGA")),
    ("Kenya agreed to a new round of talks with Uganda.", ("AGREE", "KEN", None)),
    ("Kenya accepted an invitation from Uganda.", ("AGREE", "KEN", "UGA")),
    ("Kenya is open to a settlement with Uganda.", ("AGREE", "KEN", "UGA")),
    ("Kenya said it was willing to compromise with Uganda.", ("AGREE", "KEN", "UGA")),
    ("Kenya offered Uganda ten million dollars.", ("AGREE", "KEN", "UGA")),
    ("Kenya agreed to reopen the border with Uganda.", ("AGREE", "KEN", None)),
    ("Kenya agreed on a plan with Uganda.", ("AGREE", "KEN", "UGA")),
    ("Kenya agreed in principle to the plan.", ("AGREE", "KEN", None)),
    ("Kenya offered its good offices to Uganda.", ("AGREE", "KEN", "UGA")),
    # 04 consult: phone calls, trips, guests greeted, hosts, go-betweens, talks convened
    ("Kenya held a telephone conversation with Uganda on Monday.", ("CONSULT", "KEN", "UGA")),
    ("Kenya made a two-day trip to Uganda.", ("CONSULT", "KEN", "UGA")),
    ("Kenya welcomed the Ugandan king at the airport.", ("CONSULT", "KEN", "UGA")),
    ("Kenya played host to the Ugandan president on Monday.", ("CONSULT", "KEN", "UGA")),
    ("Kenya rolled out the red carpet for the Ugandan president.", ("CONSULT", "KEN", "UGA")),
    ("Kenya and Uganda sat down in Nairobi on Monday.", ("CONSULT", "KEN", "UGA")),
    ("Kenya and Uganda gathered in Geneva for a new round of talks.", ("CONSULT", "KEN", "UGA")),
    ("Kenya and Uganda wrapped up two days of talks in Nairobi.", ("CONSULT", "KEN", "UGA")),
    ("Kenya had dinner with Uganda in Nairobi.", ("CONSULT", "KEN", "UGA")),
    ("Kenya shuttled between Uganda and Somalia.", ("CONSULT", "KEN", "UGA")),
    ("The Kenyan defence minister landed in Uganda on Monday.", ("CONSULT", "KEN", "UGA")),
    ("Kenya paid a courtesy call on the Ugandan president.", ("CONSULT", "KEN", "UGA")),
    ("Kenya and Uganda exchanged views on the refugee crisis.", ("CONSULT", "KEN", "UGA")),
    ("Kenya spoke with the Ugandan president on Monday.", ("CONSULT", "KEN", "UGA")),
    ("Kenya briefed the Ugandan president on the inquiry.", ("CONSULT", "KEN", "UGA")),
    # 05 diplomatic cooperation
    ("Kenya threw its weight behind Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya recognised the republic declared by Somalia.", ("SUPPORT", "KEN", None)),
    ("Kenya inked a defence pact with Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya granted an amnesty to the rebels of Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya and Uganda exchanged ambassadors on Monday.", ("SUPPORT", "KEN", None)),
    ("Kenya sent a message of congratulations to Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya came to the defence of Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya extended diplomatic recognition to Uganda.", ("SUPPORT", "KEN", "UGA")),
    ("Kenya voted in favour of the resolution of Uganda.", ("SUPPORT", "KEN", "UGA")),
    # 06 material cooperation
    ("Kenya began pumping gas to Uganda.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya handed Uganda the names of the suspects.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya and Uganda joined forces against the poachers.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya worked together with Uganda to catch the smugglers.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya tipped off Uganda about the planned attack.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya imports electricity from Uganda.", ("COOPERATE", "KEN", "UGA")),
    ("Kenya won a contract to build a road in Uganda.", ("COOPERATE", "KEN", None)),
    # 07 aid: goods delivered, arms, equipment, money deposited, debts, rescuers arriving
    ("Kenya airdropped sorghum and lentils over Uganda.", ("AID", "KEN", None)),
    ("Kenya delivered rocket launchers to Uganda.", ("AID", "KEN", "UGA")),
    ("Kenya provided Uganda with helicopters and buses.", ("AID", "KEN", "UGA")),
    ("Kenya deposited a billion dollars in the central bank of Uganda.", ("AID", "KEN", "UGA")),
    ("Kenya forgave the loans owed by Uganda.", ("AID", "KEN", None)),
    ("Kenya sent engineers to help rebuild Uganda.", ("AID", "KEN", None)),
    ("Kenyan rescue teams arrived in Uganda on Monday.", ("AID", "KEN", "UGA")),
    ("Kenya set up field hospitals in Uganda.", ("AID", "KEN", None)),
    ("Kenya contributed troops to the mission in Somalia.", ("AID", "KEN", None)),
    ("Kenya dispatched relief supplies to Uganda.", ("AID", "KEN", "UGA")),
    # 08 yield: stepping down, power handed over, censorship eased, a measure scrapped,
    # arms handed over, possessions returned
    ("The Kenyan defence minister stepped down on Friday.", ("RETREAT", "KEN", None)),
    ("The Kenyan defence minister quit on Friday.", ("RETREAT", "KEN", None)),
    ("Kenya relinquished power to a civilian council.", ("RETREAT", "KEN", None)),
    ("Kenya eased censorship of the press on Monday.", ("CONCEDE", "KEN", None)),
    ("Kenya scrapped the rise in fuel prices.", ("CONCEDE", "KEN", None)),
    ("The Ugandan rebels handed over their weapons to Kenya.", ("RETREAT", "UGA", "KEN")),
    ("Kenya pulled its troops back from Uganda.", ("RETREAT", "KEN", None)),
    ("Kenya pulled out of Uganda in May.", ("RETREAT", "KEN", None)),
    ("Kenya returned the archives it had taken from Uganda.", ("RETREAT", "KEN", None)),
    ("Kenya set free the journalists of Uganda.", ("RETREAT", "KEN", "UGA")),
    ("Kenya gave back the land to Uganda.", ("RETREAT", "KEN", "UGA")),
    ("Kenyan troops left the disputed island on Monday.", ("RETREAT", "KEN", None)),
    ("Kenya released the journalists of Uganda.", ("RETREAT", "KEN", "UGA")),
    ("Kenya released the Ugandan president from house arrest.", ("RETREAT", "KEN", "UGA")),
    ("Kenya released the Ugandan president on Monday.", ("RETREAT", "KEN", "UGA")),
    ("Kenya gave in to pressure from Uganda.", ("CONCEDE", "KEN", "UGA")),
    # 09 investigate
    ("Kenyan prosecutors questioned the Ugandan president for ten hours.", ("ACCUSE", "KEN",
                                                                          "UGA")),
    ("Kenyan police summoned the Ugandan president for questioning.", ("ACCUSE", "KEN", "UGA")),
    ("Kenya ordered an autopsy on the body of the activist.", ("ACCUSE", "KEN", None)),
    ("Kenyan police exhumed the bodies of the victims.", ("ACCUSE", "KEN", None)),
    ("Kenyan police gathered evidence against Uganda.", ("ACCUSE", "KEN", "UGA")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0] + ":" + c[0][:30]
                                                           for c in CASES])
def test_news_wording_is_coded(text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in coded(text)


def test_news_patterns_are_loaded_with_the_core_ones() -> None:
    ids = {p.id for p in default_patterns().patterns}
    assert {"news.coop.appeal.press_to", "agree.meet.willing"} <= ids


@pytest.mark.parametrize("text", [
    "Kenya called the decision of Uganda a threat to peace.",
    "Kenya called an emergency meeting to discuss the crisis.",
    "Kenya praised Uganda, calling it a historic step.",
])
def test_calling_something_a_name_or_convening_is_no_appeal(text: str) -> None:
    assert "REQUEST" not in [t for t, _, _ in coded(text)]


def test_an_inquiry_opened_according_to_documents_is_no_offer_of_peace() -> None:
    types = [t for t, _, _ in coded("Kenya opened an inquiry, according to court documents.")]
    assert "AGREE" not in types
    assert "ACCUSE" in types


@pytest.mark.parametrize("text", [
    "Kenya made a request for comment on Monday.",
    "Kenya pushed to expand its exports.",
    "Kenya stepped up its patrols.",
    "Kenya will leave office in January.",
    "Kenya made a tour of the wildlife park.",
    "Kenya turned to unconventional funding sources.",
    "Kenya spoke with reporters on Monday.",
    "Kenyan soldiers left their barracks on Monday.",
    "Kenya took heat for its questioning of the witness.",
    "Kenya released a video of the meeting on Monday.",
    "Kenya will put the Oval Office up for sale.",
    "Kenya did not respond to a request for comment.",
    "Kenya briefed reporters on Monday.",
    "Kenya voted to hold the aide in contempt for refusing to testify.",
])
def test_wordings_that_name_no_cooperative_act(text: str) -> None:
    assert not [r for r in rules(text) if r.startswith("news.coop.")]


def test_a_transfer_of_power_hailed_is_no_resignation() -> None:
    assert "news.coop.yield.leave_office" not in rules(
        "Kenya hailed the peaceful transfer of power in Uganda.")


@pytest.mark.parametrize("text", [
    "Kenya released a video of the meeting on Monday.",
    "Kenya released its tax returns.",
    "Kenya gave a speech in Nairobi.",
    "Kenya pulled in 133 million dollars.",
    "Kenya will pull it off.",
    "Kenya gave Uganda 48 hours to leave, in a televised address.",
])
def test_a_video_released_or_a_gift_given_in_is_no_concession(text: str) -> None:
    assert not {"RETREAT", "CONCEDE"} & {t for t, _, _ in coded(text)}


@pytest.mark.parametrize("text", [
    "Kenya helped shape the new law.",
    "Kenya helped polarize the debate on climate change.",
])
def test_helping_to_bring_something_about_is_no_aid(text: str) -> None:
    assert "AID" not in {t for t, _, _ in coded(text)}


@pytest.mark.parametrize("text", [
    "Kenya agreed with Uganda that the vote was fair.",
    "Kenya agreed that the plan was costly.",
    "Kenya requires all travellers to carry a passport.",
])
def test_concurring_or_a_rule_is_no_agreement_or_demand(text: str) -> None:
    assert not {"AGREE", "REQUEST"} & {t for t, _, _ in coded(text)}


def test_an_official_landing_a_contract_visits_no_one() -> None:
    assert "news.coop.consult.official_arrives" not in rules(
        "The Kenyan defence minister landed a new contract.")
