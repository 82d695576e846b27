"""The app on a department's server: sign-in, and each person's own data only (AppTest fakes who signed in)."""

from __future__ import annotations

import pytest

from planner.domain.models import Profile
from tests.app.conftest import SERVER_AUTH, button, open_signed_in, profile_id_of, texts

OPEN_PAGES = ["pages/home.py", "pages/framework.py", "pages/careers.py", "pages/accessibility.py"]
PERSONAL_PAGES = ["pages/profile.py", "pages/assess.py", "pages/gaps.py", "pages/plan.py", "pages/behaviours.py",
                  "pages/recommend.py", "pages/cpd.py", "pages/mentees.py", "pages/conversations.py", "pages/external.py",
                  "pages/team.py",
                  "pages/jobspec.py", "pages/curriculum.py", "pages/settings.py", "pages/sharing.py",
                  "pages/reports.py"]


@pytest.mark.parametrize("page", OPEN_PAGES)
def test_pages_without_personal_data_open_before_sign_in(data_dir, page):
    at = open_signed_in(page, None)

    assert not at.exception and not at.error
    assert "Sign in to use this page" not in texts(at)
    assert [b.label for b in at.sidebar.button] == ["Sign in"]


@pytest.mark.parametrize("page", PERSONAL_PAGES)
def test_pages_with_personal_data_ask_to_sign_in_first(data_dir, page):
    at = open_signed_in(page, None)

    assert not at.exception and not at.error
    assert "Sign in to use this page" in texts(at)
    assert any(b.label == "Sign in" for b in at.main.button)


@pytest.mark.parametrize("page", [*OPEN_PAGES, *PERSONAL_PAGES])
def test_every_page_has_sign_out_and_no_profile_chooser_once_signed_in(data_dir, page):
    at = open_signed_in(page, "alice")

    assert not at.exception, at.exception
    assert "Sign out" in [b.label for b in at.sidebar.button]
    assert not [box for box in at.sidebar.selectbox if box.label == "Profile"]
    assert "Alice" in [t.value for t in at.sidebar.text]


def test_the_profile_in_the_address_or_session_is_ignored_for_the_signed_in_persons_own(data_dir, repo):
    other = Profile(name="Bob Baker", current_grade="HEO")
    repo.save_profile(other)
    mine = Profile(id=profile_id_of("alice"), name="Alice Archer", current_grade="EO")
    repo.save_profile(mine)

    at = open_signed_in(None, "alice")
    at.query_params["profile"] = other.id
    at.session_state["profile_id"] = other.id
    at.switch_page("pages/profile.py")
    at.run()

    shown = texts(at)
    assert "Alice Archer" in shown and "Bob Baker" not in shown


def test_a_signed_in_person_with_no_profile_yet_creates_their_own(data_dir, repo):
    at = open_signed_in("pages/profile.py", "alice")

    assert at.text_input(key="new_profile_name").value == "Alice"
    at.selectbox(key="new_profile_current_grade").select("HEO")
    button(at, "Create profile").click()
    at.run()

    saved = repo.get_profile(profile_id_of("alice"))
    assert saved is not None and saved.email == "alice@example.gov.uk"
    assert [ref.id for ref in repo.list_profiles()] == [saved.id]


@pytest.mark.parametrize(("change", "mended"), [
    ({"cookie_secret": "xxx"}, "cookie_secret is too weak"),
    ({"redirect_uri": "http://127.0.0.1:8501/"}, "must end with /oauth2callback"),
    ({"client_id": None}, "missing client_id"),
])
def test_a_broken_auth_section_gives_a_plain_message_and_opens_nothing(data_dir, change, mended):
    auth = {key: value for key, value in (SERVER_AUTH | change).items() if value is not None}

    at = open_signed_in("pages/home.py", None, auth=auth)

    assert not at.exception
    assert mended in at.error[0].value.replace("\\", "")
    assert not at.button


@pytest.mark.parametrize("page", [*OPEN_PAGES, *PERSONAL_PAGES])
def test_every_page_opens_without_an_error_for_a_signed_in_person_with_a_profile(data_dir, repo, page):
    repo.save_profile(Profile(id=profile_id_of("alice"), name="Alice Archer", current_grade="HEO",
                              target_grade="SEO", email="alice@example.gov.uk"))

    at = open_signed_in(page, "alice")

    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "Choose a profile in the sidebar" not in texts(at)


def test_home_tells_someone_not_signed_in_what_signing_in_is_for(data_dir):
    at = open_signed_in(None, None)

    shown = texts(at)
    assert "Sign in to assess yourself" in shown
    assert "Choose your profile in the sidebar" not in shown


def test_settings_on_a_server_does_not_show_where_the_server_keeps_everyones_files(data_dir):
    at = open_signed_in("pages/settings.py", "alice")

    assert str(data_dir) not in texts(at) and not at.code
