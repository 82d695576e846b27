"""The profile page: create, edit, export and delete a profile as a person would."""

from tests.app.conftest import button, open_page, texts
from ui import navigation


def test_a_new_user_creates_a_profile_and_it_becomes_the_one_in_use(data_dir, repo):
    at = open_page("pages/profile.py")
    at.text_input(key="new_profile_name").input("Siân Jones")
    at.selectbox(key="new_profile_current_grade").select("EO")
    at.selectbox(key="new_profile_current_role").select("Records manager")
    at.selectbox(key="new_profile_target_grade").select("G7")
    button(at, "Create profile").click().run()

    assert not at.exception
    refs = repo.list_profiles()
    assert [r.name for r in refs] == ["Siân Jones"]
    saved = repo.get_profile(refs[0].id)
    assert (saved.current_grade, saved.current_role, saved.target_grade) == ("EO", "Records manager", "G7")
    assert at.session_state["profile_id"] == saved.id
    assert "Created the profile of Siân Jones" in texts(at)


def test_creating_a_profile_without_a_name_says_what_is_missing_and_saves_nothing(data_dir, repo):
    at = open_page("pages/profile.py")
    at.selectbox(key="new_profile_current_grade").select("EO")
    button(at, "Create profile").click().run()

    assert [e.value for e in at.error] == ["Enter a name for the profile."]
    assert repo.list_profiles() == []


def test_editing_a_profile_changes_it_and_keeps_its_id(data_dir, repo, person):
    at = open_page("pages/profile.py", profile_id=person.id)
    at.text_input(key="edit_profile_name").input("Ada King")
    at.selectbox(key="edit_profile_target_grade").select("G6")
    button(at, "Save profile").click().run()

    saved = repo.get_profile(person.id)
    assert saved.name == "Ada King"
    assert saved.target_grade == "G6"
    assert saved.created_at == person.created_at
    assert "Saved the profile of Ada King." in texts(at)


def test_delete_needs_confirmation_and_then_removes_everything(data_dir, repo, person):
    at = open_page("pages/profile.py", profile_id=person.id)
    assert at.button(key="profile_delete").disabled

    at.checkbox(key="profile_delete_confirm").check().run()
    at.button(key="profile_delete").click().run()

    assert repo.get_profile(person.id) is None
    assert repo.list_profiles() == []
    assert at.session_state["profile_id"] is None
    assert "Deleted the profile of Ada Lovelace" in texts(at)


def test_the_export_button_gives_everything_held_about_the_profile_in_use(data_dir, rated_person, downloads):
    import json

    at = open_page("pages/profile.py", profile_id=rated_person.id)
    assert at.download_button(key="profile_export_all").proto.label == "Download everything held about you (JSON)"
    held = json.loads(downloads.of(at, "profile_export_all").data)
    assert held["profile"]["id"] == rated_person.id and held["profile"]["name"] == "Ada Lovelace"
    snapshots = [doc["taken_on"] for docs in held["records"].values() for doc in docs if "taken_on" in doc]
    assert sorted(snapshots) == ["2026-09-20", "2026-10-20"]


def test_a_name_with_markdown_is_shown_as_text_not_as_a_link(data_dir, repo):
    at = open_page("pages/profile.py")
    at.text_input(key="new_profile_name").input("[click](http://evil.example)")
    at.selectbox(key="new_profile_current_grade").select("AO")
    button(at, "Create profile").click().run()

    shown = texts(at)
    assert "](http" not in shown.replace("\\]\\(http", "")
    assert "\\[click\\]\\(http" in shown


def test_after_creating_a_profile_the_page_offers_the_next_step_assess_yourself(data_dir, repo):
    at = open_page("pages/profile.py")
    at.text_input(key="new_profile_name").input("Siân Jones")
    at.selectbox(key="new_profile_current_grade").select("EO")
    button(at, "Create profile").click().run()

    assert not at.exception
    links = {link.value: link.proto.page for link in at.main.page_link}
    assert links.get("Assess yourself") == next(e.url_path for e in navigation.PAGES if e.path == "pages/assess.py")
    assert "**Next step:** Rate yourself against the framework's indicators" in texts(at)


def test_the_date_one_started_in_ones_grade_is_asked_with_a_hint_and_kept(data_dir, repo):
    at = open_page("pages/profile.py")
    assert "Day, month and year, such as 27/03/2024" in texts(at)
    at.text_input(key="new_profile_name").input("Siân Jones")
    at.selectbox(key="new_profile_current_grade").select("SEO")
    at.text_input(key="new_profile_grade_since").input("2/4/2026")
    button(at, "Create profile").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [ref] = repo.list_profiles()
    from datetime import date

    assert repo.get_profile(ref.id).grade_since == date(2026, 4, 2)
    assert "In your current grade since: 2 April 2026" in texts(at)
    assert at.text_input(key="edit_profile_grade_since").value == "02/04/2026"  # shown again to edit

    at.text_input(key="edit_profile_name").input("Siân Evans")  # another change keeps the date
    button(at, "Save profile").click().run()
    saved = repo.get_profile(ref.id)
    assert (saved.name, saved.grade_since) == ("Siân Evans", date(2026, 4, 2))

    at.text_input(key="edit_profile_grade_since").input("")
    button(at, "Save profile").click().run()
    assert repo.get_profile(ref.id).grade_since is None
    assert "In your current grade since: Not given (time counts from today)" in texts(at)


def test_a_start_date_that_cannot_be_says_why_and_saves_nothing(data_dir, repo, person):
    at = open_page("pages/profile.py", profile_id=person.id)
    at.text_input(key="edit_profile_grade_since").input("31/02/2026")
    button(at, "Save profile").click().run()
    assert [e.value.replace("\\", "") for e in at.error] == ["31/02/2026 is not a real date: check the day and the month."]
    at.text_input(key="edit_profile_grade_since").input("1/1/2999")
    button(at, "Save profile").click().run()
    assert [e.value.replace("\\", "") for e in at.error] == ["The date you started in your current grade, 1 "
                                                            "January 2999, is in the future: give the day you started, today or earlier."]
    assert repo.get_profile(person.id).grade_since is None
    assert at.text_input(key="edit_profile_grade_since").value == "1/1/2999"  # what was typed stays to mend
