"""Home: where the person in use stands and what to do next; a returning person is pointed to their profile."""

from tests.app.conftest import open_page, texts
from ui import navigation


def _main_texts(at) -> str:
    """What the page itself says, without the sidebar."""
    return "\n".join(str(el.value) for kind in ("markdown", "info", "success", "caption")
                     for el in getattr(at.main, kind))


def address(path: str) -> str:
    """The address a page link to this page file carries."""
    return next(entry.url_path for entry in navigation.PAGES if entry.path == path)


def _links(at) -> dict[str, str]:
    """Each page link's words and the page it opens."""
    return {link.value: link.proto.page for link in at.page_link}


def test_a_first_visit_to_an_installation_with_no_profiles_offers_to_create_one(data_dir):
    at = open_page()
    assert not at.exception
    assert _links(at).get("Create your profile") == address("pages/profile.py")
    assert "choose your profile" not in _main_texts(at).lower()


def test_a_returning_person_in_a_new_browser_is_pointed_to_the_profile_chooser(data_dir, repo, person):
    at = open_page()
    assert not at.exception
    shown = _main_texts(at)
    assert "Choose your profile in the sidebar, under **Who is using the app**" in shown
    assert "Create your profile" not in _links(at)
    assert _links(at).get("Create a new profile") == address("pages/profile.py")


def test_someone_who_has_rated_nothing_is_told_so_and_offered_the_assessment(data_dir, person):
    at = open_page(profile_id=person.id)
    assert not at.exception
    shown = texts(at)
    assert "You are using the profile of Ada Lovelace." in shown
    assert "You have not rated yourself yet." in shown
    assert _links(at).get("Assess yourself") == address("pages/assess.py")


def test_after_an_assessment_home_gives_its_date_the_gaps_and_sends_to_recommendations(data_dir, rated_person):
    at = open_page(profile_id=rated_person.id)
    assert not at.exception
    shown = texts(at)
    assert "Your latest self-assessment is of 20 October 2026." in shown
    assert "For SEO (Level 3) you need" in shown
    assert _links(at).get("Get recommendations") == address("pages/recommend.py")
