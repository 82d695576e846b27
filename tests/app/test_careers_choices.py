"""Career paths and the plan: what is already planned is marked, said, and not added twice."""

from planner.domain.models import ActivitySource, ItemStatus, PlanItem, Profile
from tests.app.conftest import open_page, texts


def _person(repo) -> Profile:
    person = Profile(name="Ffion", current_grade="HEO", current_role="Information rights officer",
                     target_grade="G7", target_role="Information manager")
    repo.save_profile(person)
    return person


def _step_texts(at) -> str:
    return "\n".join(m.value for e in at.expander if e.label.startswith("Step ") for m in e.markdown)


def test_adding_a_route_twice_says_its_activities_are_already_in_the_plan(data_dir, repo):
    person = _person(repo)
    at = open_page("pages/careers.py", profile_id=person.id)
    at.button(key="careers_add").click().run()
    count = len(repo.list(PlanItem, person.id))
    assert count
    at.button(key="careers_add").click().run()
    assert len(repo.list(PlanItem, person.id)) == count
    message = next(s.value for s in at.success if "from this route" in s.value)
    assert "already in your plan" in message, message
    assert str(count) in message, message


def test_the_routes_steps_mark_the_activities_already_planned(data_dir, repo):
    person = _person(repo)
    at = open_page("pages/careers.py", profile_id=person.id)
    assert "already in your plan" not in _step_texts(at)
    at.button(key="careers_add").click().run()
    titles = [i.activity_title.rsplit(" (", 1)[0] for i in repo.list(PlanItem, person.id)]
    marked = [line for line in _step_texts(at).replace("\\", "").splitlines() if "already in your plan" in line]
    assert len(marked) == len(titles)
    assert all(any(line.startswith(f"- {title}") for line in marked) for title in titles)


def test_an_activity_in_a_dropped_item_is_added_again_from_the_route(data_dir, repo):
    person = _person(repo)
    at = open_page("pages/careers.py", profile_id=person.id)
    at.button(key="careers_add").click().run()
    items = repo.list(PlanItem, person.id)
    dropped = items[0].model_copy(update={"status": ItemStatus.DROPPED})
    repo.put_many([dropped])
    at.button(key="careers_add").click().run()
    again = [i for i in repo.list(PlanItem, person.id) if i.activity_id == dropped.activity_id]
    assert len(again) == 2 and {i.status for i in again} == {ItemStatus.DROPPED, ItemStatus.PLANNED}
    assert all(i.activity_source == ActivitySource.CURRICULUM for i in again)
    assert "Added 1 activity from this route" in texts(at)


def test_a_route_activity_already_done_is_marked_done(data_dir, repo):
    person = _person(repo)
    at = open_page("pages/careers.py", profile_id=person.id)
    at.button(key="careers_add").click().run()
    first = repo.list(PlanItem, person.id)[0]
    repo.put_many([first.model_copy(update={"status": ItemStatus.DONE, "evidence": "Certificate"})])
    at.run()
    title = first.activity_title.rsplit(" (", 1)[0]
    line = next(x for x in _step_texts(at).replace("\\", "").splitlines() if x.startswith(f"- {title}"))
    assert line.endswith("*(done already)*"), line
