"""Career paths: explore and compare roles, blend them, plan a route and put it in the plan."""

import json

from planner.domain.models import ActivitySource, PlanItem, Profile
from tests.app.conftest import open_page, texts


def test_a_role_is_shown_grade_by_grade_and_can_be_compared(data_dir):
    at = open_page("pages/careers.py")
    at.selectbox(key="careers_role_a").select("records-manager")
    at.selectbox(key="careers_role_b").select("knowledge-manager").run()
    headings = [h.value for h in at.subheader]
    assert "Records manager" in headings and "Knowledge manager" in headings
    tables = [df.value for df in at.dataframe]
    assert any("Skill 3 level" in t.columns and "Common moves" in t.columns for t in tables)


def test_blending_roles_takes_the_highest_level_per_skill(data_dir):
    # At SEO a librarian needs levels 3, 3, 2 and an information rights officer 2, 2, 3: the blend
    # takes the higher of each, which neither role asks for alone.
    at = open_page("pages/careers.py")
    at.multiselect(key="careers_blend_roles").set_value(["librarian", "information-rights-officer"])
    at.selectbox(key="careers_blend_grade").select("SEO").run()
    shown = texts(at)
    assert "The blended post asks for:** skill 1: level 3, skill 2: level 3, skill 3: level 3." in shown


def test_a_route_is_planned_with_a_timeline_and_a_table(data_dir, repo):
    person = Profile(name="Ffion", current_grade="HEO", current_role="Information rights officer",
                     target_grade="G7", target_role="Information manager")
    repo.save_profile(person)
    at = open_page("pages/careers.py", profile_id=person.id)
    assert not at.error, [e.value for e in at.error]
    choice = at.radio(key="careers_route_choice")
    assert choice.options[0].startswith("Fastest route: about")
    assert len(choice.options) == 3
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert charts and "route" in json.dumps(charts[0]).lower()
    assert any("Gaps to close" in df.value.columns for df in at.dataframe)
    assert "guide only" in texts(at)


def test_adding_a_routes_activities_puts_them_in_the_plan(data_dir, repo):
    person = Profile(name="Ffion", current_grade="HEO", current_role="Information rights officer",
                     target_grade="G7", target_role="Information manager")
    repo.save_profile(person)
    at = open_page("pages/careers.py", profile_id=person.id)
    at.button(key="careers_add").click().run()
    items = repo.list(PlanItem, person.id)
    assert items and all(i.activity_source == ActivitySource.CURRICULUM for i in items)
    assert "activities from this route to your plan" in texts(at)


def test_a_target_below_the_current_grade_says_so(data_dir, repo):
    person = Profile(name="Ffion", current_grade="G7", current_role="Records manager", target_grade="EO")
    repo.save_profile(person)
    at = open_page("pages/careers.py", profile_id=person.id)
    assert any("is below your current grade" in e.value for e in at.error)


def _ready_records_manager(repo, fw, **fields):
    """An HEO records manager rated 4 everywhere, aiming for SEO: time in grade alone sets the pace."""
    from datetime import date

    from planner.domain.models import Assessment, Rating

    person = Profile(name="Ffion", current_grade="HEO", current_role="Records manager", target_grade="SEO",
                     target_role="Records manager", **fields)
    repo.save_profile(person)
    repo.add(Assessment(profile_id=person.id, taken_on=date.today(), ratings={c: Rating(score=4) for c in fw.codes}))
    return person


def test_time_in_grade_counts_from_the_date_on_the_profile_not_from_today(data_dir, repo, fw):
    from datetime import date

    from planner.domain import dates, wording

    today = date.today()
    since = dates.calendar_months_after(today, -8)
    earliest = dates.calendar_months_after(since, 12)
    at = open_page("pages/careers.py", profile_id=_ready_records_manager(repo, fw, grade_since=since).id)
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert (f"The earliest date for your next step up is {wording.long_date(earliest)}, "
            f"{wording.months_and_days(*dates.months_and_days(today, earliest))} from today") in shown
    assert f"started at HEO on {wording.long_date(since)}" in shown
    steps = next(df.value for df in at.dataframe if "Gaps to close" in df.value.columns)
    assert steps["To"].iloc[-1] == wording.long_date(earliest)  # 4 months on, not 12
    assert f"Ready: you meet every indicator it asks for. Not before {wording.long_date(earliest)}" in shown
    assert "Add when you started in your grade on Your profile" not in [link.value for link in at.main.page_link]


def test_someone_past_the_usual_time_in_grade_is_told_they_have_met_it(data_dir, repo, fw):
    from datetime import date

    at = open_page("pages/careers.py", profile_id=_ready_records_manager(repo, fw, grade_since=date(2020, 5, 1)).id)
    shown = texts(at)
    assert "You have met the usual 12 months in grade: you started at HEO on 1 May 2020" in shown
    assert "You have served the usual 12 months in grade." in shown
    assert "you have served the usual 12 months in a grade before promotion already" in shown


def test_with_no_start_date_time_counts_from_today_and_the_page_says_where_to_add_it(data_dir, repo, fw):
    from datetime import date

    from planner.domain import dates, wording

    at = open_page("pages/careers.py", profile_id=_ready_records_manager(repo, fw).id)
    shown = texts(at)
    in_a_year = wording.long_date(dates.calendar_months_after(date.today(), 12))
    assert ("Time in grade counts from today, as your profile does not say when you started at HEO: after the usual "
            f"12 months in grade, the earliest date for a promotion is {in_a_year}") in shown
    links = {link.value: link.proto.page for link in at.main.page_link}
    assert links["Add when you started in your grade on Your profile"] == "profile"
