"""How an event's code changes with what the sentence does to it (CAMEO codebook conventions).

The CAMEO codebook codes an act by what the source *does*, which is not always the act named:

- announcing, planning or conditionally promising a hostile act is a threat (root 13): "will
  impose sanctions" is 1312, "may halt mediation" 135, "is prepared to impose martial law" 1324;
- refusing, declining or failing to do a cooperative act is a rejection (root 12): "refused to
  meet" is 125, "refused to release" 1243, "did not agree to talks" 125;
- asking, urging or ordering someone to act is an appeal or demand (roots 02 and 10) whose
  sub-code follows the act asked for ("urged Peru to withdraw" is 0256).

Each table maps the code of the act (by its longest matching prefix) to the code of what is
done with it; the act itself is then not a separate event (it did not happen).
"""

from __future__ import annotations

#: a hostile act announced, planned or offered conditionally -> the threat (13x)
THREAT_CODES: dict[str, str] = {
    "16": "131", "161": "1313", "162": "1311", "1621": "1311", "1622": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "1661": "136", "1662": "136", "1663": "136",
    "17": "137", "171": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323",
    "1724": "1324", "173": "137", "174": "137", "175": "137", "14": "133", "141": "133",
    "143": "133", "144": "1312", "15": "138", "18": "1383", "181": "1383", "19": "1384",
    "191": "1381", "192": "1382", "20": "1385", "204": "1385", "2041": "1385", "2042": "1385",
    "12": "130", "11": "130", "10": "130",
}
#: roots whose announced or conditional acts are threats
HOSTILE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})

#: a cooperative act refused, declined or negated -> the rejection (12x)
REJECT_CODES: dict[str, str] = {
    "03": "120", "030": "127", "031": "121", "036": "125", "037": "127", "038": "126",
    "04": "125", "045": "126", "046": "125", "05": "120", "057": "127", "06": "121",
    "061": "1211", "062": "1212", "07": "121", "08": "124", "081": "1241", "083": "123",
    "0831": "1231", "0832": "123", "084": "1243", "0841": "1243", "085": "1244",
    "086": "1245", "0863": "1245", "087": "1246", "0871": "1246",
}
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})

#: the act asked for -> the appeal (02x); the demand is the same code in root 10
APPEAL_CODES: dict[str, str] = {
    "03": "020", "04": "026", "042": "026", "043": "026", "045": "028", "046": "026",
    "05": "021", "06": "021", "061": "0211", "062": "0212", "063": "0213", "064": "0214",
    "07": "023", "070": "023", "071": "0231", "072": "0232", "073": "0233", "074": "0234",
    "08": "025", "081": "0251", "083": "024", "0831": "0241", "0832": "0242", "084": "0253",
    "0841": "0253", "085": "0254", "086": "0255", "087": "0256", "0871": "0256",
    "09": "020", "030": "020", "031": "021", "0311": "0211", "0312": "0212", "032": "022",
    "033": "023", "0331": "0231", "0332": "0232", "0333": "0233", "0334": "0234", "034": "024",
    "035": "025", "0351": "0251", "0352": "0252", "0353": "0253", "0354": "0254",
    "0355": "0255", "0356": "0256", "036": "026", "037": "027", "038": "028",
}
GENERIC_APPEALS = frozenset({"020", "100", "02", "10"})
GENERIC_REJECTIONS = frozenset({"120", "12"})


def _lookup(table: dict[str, str], code: str) -> str | None:
    return next((table[code[:n]] for n in (4, 3, 2) if code[:n] in table), None)


def threat_code(code: str) -> str | None:
    """The 13x threat for an announced hostile act, or None when the act is not hostile."""
    if code[:2] not in HOSTILE_ROOTS:
        return None
    return _lookup(THREAT_CODES, code)


def rejection_code(code: str) -> str | None:
    """The 12x rejection of a cooperative act, or None when the act is not cooperative."""
    if code[:2] not in COOPERATIVE_ROOTS:
        return None
    return _lookup(REJECT_CODES, code) or "120"


def appeal_code(code: str, demand: bool) -> str | None:
    """The 02x appeal (10x demand when `demand`) for the act asked for, or None."""
    found = _lookup(APPEAL_CODES, code)
    if found is None:
        return None
    return "10" + found[2:] if demand else found
