"""Dates on screen are written one way, as in every document: '1 December 2026'."""

import json
from datetime import date

from tests.app.conftest import open_page


def test_the_plan_table_writes_its_dates_as_day_month_and_year(data_dir, repo, person, make_plan_item):
    repo.put(make_plan_item(person.id, target_date=date(2026, 12, 1)))
    at = open_page("pages/plan.py", profile_id=person.id)
    assert not at.exception
    formats = {}
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        formats |= {name: c.get("type_config", {}).get("format") for name, c in config.items()
                    if name in ("Target date", "Review date")}
    assert formats == {"Target date": "D MMMM YYYY", "Review date": "D MMMM YYYY"}
