"""A revised KIM framework for the tests, as a profession might publish one, with its crosswalk.

Version 2 of the shipped pack: three statements reworded, 1.1.4 and 1.1.5 merged into 1.1.4, 1.3.3
retired, and 2.2.5 added. Files of it are made the way a lead would get them: the pack as JSON (the
download's shape) and the crosswalk as a CSV with one row per old indicator.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from planner.domain.models import Framework, Indicator
from planner.domain.versions import Crosswalk, CrosswalkEntry

REWORDED = {
    "1.1.1": "Has a basic awareness of the value of knowledge and information to the organisation and to the public.",
    "2.2.1": "Understands and applies the organisation's records management policies and procedures.",
    "3.3.1": "Understands why information governance matters and follows the organisation's policies on it.",
}
MERGED = ("1.1.4", "1.1.5")
"""1.1.5 is merged into 1.1.4."""
MERGED_STATEMENT = ("Shares knowledge and information with colleagues, and uses the organisation's tools to "
                    "collaborate and to find what others know.")
RETIRED = "1.3.3"
ADDED = Indicator(code="2.2.5", level=2, skill=2, number=5,
                  statement="Applies the organisation's approach to digital preservation to the records in their care.")


def revised(shipped: Framework) -> Framework:
    """Version 2 of the KIM framework, made from the shipped version 1."""
    indicators = []
    for ind in shipped.indicators:
        if ind.code in (MERGED[1], RETIRED):
            continue
        if ind.code in REWORDED:
            ind = ind.model_copy(update={"statement": REWORDED[ind.code]})
        elif ind.code == MERGED[0]:
            ind = ind.model_copy(update={"statement": MERGED_STATEMENT})
        indicators.append(ind)
    at = next(n for n, ind in enumerate(indicators) if ind.level == 2 and ind.skill == 2 and ind.number == 4)
    indicators.insert(at + 1, ADDED)
    return shipped.model_copy(update={"version": "2", "released": date(2026, 12, 1), "indicators": indicators})


def crosswalk(shipped: Framework) -> Crosswalk:
    """The crosswalk from version 1 to version 2: the merge and the retirement (the rest carry by code)."""
    return Crosswalk(
        from_version=shipped.ref,
        to_version=revised(shipped).ref,
        note="Version 2 of the KIM framework.",
        entries=[
            CrosswalkEntry(old=MERGED[0], new=[MERGED[0]], note="Merged with 1.1.5."),
            CrosswalkEntry(old=MERGED[1], new=[MERGED[0]], note="Merged into 1.1.4."),
            CrosswalkEntry(old=RETIRED, new=[], note="Retired: now part of the Civil Service's own training."),
        ],
    )


def pack_file(shipped: Framework) -> bytes:
    """Version 2 as the JSON file a lead uploads."""
    return json.dumps(revised(shipped).model_dump(mode="json"), indent=2).encode()


def crosswalk_file(shipped: Framework) -> bytes:
    """The crosswalk as the CSV file a lead uploads: Old code, New codes, Note."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Old code", "New codes", "Note"])
    for entry in crosswalk(shipped).entries:
        writer.writerow([entry.old, "; ".join(entry.new), entry.note])
    return out.getvalue().encode()
