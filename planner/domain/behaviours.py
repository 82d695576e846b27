"""The Civil Service Success Profiles behaviours: their names, and the level each grade is assessed at.

Success Profiles (2018-) describe nine behaviours, each at five levels by grade; sifts and
interviews score each behaviour on a 1-7 scale. The KIM framework is the "Technical" element of
a KIM post. What each behaviour asks at each level is in data/behaviours.json.
"""

from __future__ import annotations

BEHAVIOURS: dict[str, str] = {
    "seeing-the-big-picture": "Seeing the Big Picture",
    "changing-and-improving": "Changing and Improving",
    "making-effective-decisions": "Making Effective Decisions",
    "leadership": "Leadership",
    "communicating-and-influencing": "Communicating and Influencing",
    "working-together": "Working Together",
    "developing-self-and-others": "Developing Self and Others",
    "managing-a-quality-service": "Managing a Quality Service",
    "delivering-at-pace": "Delivering at Pace",
}
"""Each behaviour's id and name, in the order Success Profiles lists them."""

GRADE_LEVELS: dict[str, int] = {
    "AA": 1, "AO": 1,
    "EO": 2,
    "HEO": 3, "SEO": 3,
    "G7": 4, "G6": 4,
    "SCS1": 5, "SCS2": 5, "SCS3": 5, "SCS4": 5,
}
"""The Success Profiles behaviour level each Civil Service grade is assessed at (1 AA/AO ... 5 SCS)."""

SCALE: dict[int, str] = {
    1: "Insufficient evidence",
    2: "Limited evidence",
    3: "Moderate evidence",
    4: "Acceptable standard",
    5: "Good standard",
    6: "Strong standard",
    7: "Outstanding",
}
"""The 1-7 scale sifts and interviews score each behaviour on."""


def behaviour_name(behaviour_id: str) -> str:
    """The behaviour's name, or its id as given if it is not one of the nine."""
    return BEHAVIOURS.get(behaviour_id, behaviour_id)


def level_for_grade(grade_code: str) -> int | None:
    """The behaviour level a grade is assessed at, or None for a grade Success Profiles does not place."""
    return GRADE_LEVELS.get(grade_code)
