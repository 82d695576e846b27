"""Cached resources, session state set-up and the chosen profile, shared by every page."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

import streamlit as st
from pydantic import ValidationError

from planner import store
from planner.domain import framework
from planner.domain.curriculum import Curriculum
from planner.domain.models import Framework, GradeLadder, Profile, Settings
from planner.domain.roles import Roles
from planner.errors import PlannerError, describe_invalid
from planner.io import dataset, shipped
from planner.services import picture
from planner.services.acting import Actor
from ui import navigation
from ui.session import kept
from ui.text import escape_markdown

log = logging.getLogger("kim_pathways")

T = TypeVar("T")

# What this run has already looked up, by name: a page asks for the framework or the grades
# dozens of times a run (a grade's label for every option of every grade box), and each ask of
# st.cache_resource hashes its arguments again. app.py starts each run with a fresh one
# (init_state), so nothing outlives the run it was looked up in.
_this_run: ContextVar[dict[str, object] | None] = ContextVar("looked_up_this_run", default=None)


def _once_this_run(name: str, look_up: Callable[[], T]) -> T:
    memo = _this_run.get()
    if memo is None:
        return look_up()
    if name not in memo:
        memo[name] = look_up()
    return memo[name]  # type: ignore[return-value]


def init_state() -> None:
    """Set up the session's kept values (ui.session) and the chosen profile, and start this run's look-ups afresh."""
    _this_run.set({})
    st.session_state.setdefault("profile_id", None)
    if kept()["notice_profile_id"] is None:
        # The profile this browser's own address names (kept there so a refresh keeps it) is the
        # one app.py takes up again; it is read here, before app.py drops one that has vanished.
        from_address = st.query_params.get("profile")
        if from_address:
            kept()["notice_profile_id"] = from_address


@st.cache_resource(show_spinner=False)
def _repository_at(data_dir: str) -> store.Repository:
    return store.open_repository(Path(data_dir))


def repository() -> store.Repository:
    """The repository for the configured data directory (one per directory, shared by sessions)."""
    data_dir = str(store.default_data_dir())
    return _once_this_run(f"repository:{data_dir}", lambda: _repository_at(data_dir))


@st.cache_resource(show_spinner=False)
def _framework_at(data_dir: str) -> Framework:
    return shipped.load_framework(Path(data_dir))


@st.cache_resource(show_spinner=False)
def _grades_at(data_dir: str) -> GradeLadder:
    return shipped.load_grades(Path(data_dir))


def the_framework() -> Framework:
    """The skills framework from data/ (loaded once per process)."""
    return _once_this_run("framework", lambda: _framework_at(str(shipped.DATA_DIR)))


def the_grades() -> GradeLadder:
    """The grade ladder from data/ (loaded once per process)."""
    return _once_this_run("grades", lambda: _grades_at(str(shipped.DATA_DIR)))


@st.cache_resource(show_spinner=False, max_entries=8)
def _curriculum_at(user_data_dir: str, stamp: int) -> Curriculum:
    # The stamp (the imported file's change time) makes a new import load at once.
    return dataset.CURRICULUM.active(Path(user_data_dir))


def _imported_curriculum_path() -> Path:
    return dataset.CURRICULUM.path(store.default_data_dir())


def curriculum_stamp() -> int:
    """Changes whenever a lead imports or removes a curriculum, for caches that depend on it."""
    path = _imported_curriculum_path()
    return path.stat().st_mtime_ns if path.exists() else 0


def the_curriculum() -> Curriculum:
    """The curriculum in use: the one a lead imported, or the illustrative sample shipped in data/."""
    data_dir, stamp = str(store.default_data_dir()), curriculum_stamp()
    return _once_this_run(f"curriculum:{data_dir}:{stamp}", lambda: _curriculum_at(data_dir, stamp))


def curriculum_is_imported() -> bool:
    """Whether a lead has replaced the shipped sample with their own curriculum."""
    return dataset.CURRICULUM.is_imported(store.default_data_dir())


@st.cache_resource(show_spinner=False)
def _roles_at(data_dir: str) -> Roles:
    return shipped.load_roles(the_framework(), the_grades(), Path(data_dir))


def the_roles() -> Roles:
    """The KIM roles from data/ (loaded once per process)."""
    return _once_this_run("roles", lambda: _roles_at(str(shipped.DATA_DIR)))


def settings() -> Settings:
    """Saved settings, or the defaults when nothing has been saved."""
    saved = repository().get_settings()
    return saved if saved is not None else Settings()


def grade_levels() -> dict[str, int]:
    """The level expected at each grade, as this installation has set it."""
    return framework.grade_levels(the_grades(), settings())


def grade_label(code: str | None) -> str:
    """A grade's name for people, such as 'Higher Executive Officer (HEO)'."""
    if not code:
        return "Not set"
    try:
        grade = the_grades().grade(code)
    except KeyError:
        return code
    return grade.name if grade.name == code or code in grade.name else f"{grade.name} ({code})"


def current_profile() -> Profile | None:
    """The profile chosen in the sidebar, or None."""
    profile_id = st.session_state.get("profile_id")
    if not profile_id:
        return None
    return repository().get_profile(profile_id)


def require_profile() -> Profile:
    """The chosen profile; when there is none, say how to make one and stop the page."""
    profile = current_profile()
    if profile is None:
        st.info("Choose a profile in the sidebar, or create one on the **Your profile** page.")
        st.page_link("pages/profile.py", label="Go to Your profile", icon=":material/person:")
        st.stop()
    return profile


def picture_of(profile: Profile) -> picture.Picture:
    """Where the chosen person stands (ratings, target, gaps, plan), read once for the page that asks."""
    return picture.picture_of(repository(), Actor.of(profile), profile, the_framework(), grade_levels())


def choose_profile(profile_id: str | None) -> None:
    """Make a profile the chosen one for this browser session."""
    st.session_state["profile_id"] = profile_id
    if profile_id:
        kept()["notice_profile_id"] = profile_id


def flash(message: str) -> None:
    """Keep a success message to show after the next rerun (st.rerun would hide it otherwise)."""
    kept().setdefault("flash", []).append(message)


def start_page(title: str) -> None:
    """Every page's opening: its title, then any data problems found and messages kept by flash().

    Pages call this themselves (not app.py) so the messages show on every rerun of the page. A
    person is told only of problems with their own data, and offered to set aside a record of
    theirs that cannot be read, so the rest of their data can be used.
    """
    navigation.hand_over_to_router()  # a page Streamlit ran without app.py runs inside it instead
    st.title(title)
    profile_id = st.session_state.get("profile_id")
    if profile_id:
        kept()["notice_profile_id"] = profile_id
    problems, unreadable, notices = [], [], []
    try:
        # Read the chosen person first: a file found unreadable now is then told on this run.
        if current_profile() is not None:
            unreadable = repository().unreadable_records(profile_id)
    except PlannerError as exc:
        problems.append(str(exc))
    try:
        notices = repository().take_notices(kept().get("notice_profile_id")) + problems
    except PlannerError as exc:  # the data folder itself could not be opened
        notices = [*problems, str(exc)]
    for notice in notices:
        st.warning(escape_markdown(notice))  # it may quote a file name or what was saved
    for record in unreadable:
        _offer_to_set_aside(profile_id, record)
    for message in kept().get("flash", []):
        st.success(message)
    kept()["flash"] = []


def _offer_to_set_aside(profile_id: str, record: store.UnreadableRecord) -> None:
    with st.container(border=True):
        st.warning(escape_markdown(record.describe()))
        if st.button(f"Set this {record.kind} aside", key=f"set_aside_record_{record.table}_{record.key}",
                     help="Moves it, exactly as it was saved, to a file beside your saved data."):
            where = attempt(lambda: repository().set_aside_record(profile_id, record))
            if where is not None:
                flash(escape_markdown(
                    f"The unreadable {record.kind} has been set aside in {where}. "
                    f"Nothing was deleted: it can be mended or restored from there."
                ))
                st.rerun()


@contextmanager
def plain_errors() -> Iterator[None]:
    """Show planner errors as plain-English messages, and anything unexpected without a traceback."""
    try:
        yield
    except PlannerError as exc:
        st.error(escape_markdown(str(exc)))  # it may quote a file's or a person's words
    except ValidationError as exc:  # something typed broke a model's rule, such as a length limit
        st.error(escape_markdown(f"This was not saved. {describe_invalid(exc)}"))  # it may quote the typing
    except Exception:  # noqa: BLE001 - the last guard before a user's screen
        log.exception("Unexpected error")
        st.error(
            "Something went wrong and this action was not completed. Nothing saved has been "
            "changed. Try again, and if it happens again, report it to your KIM profession lead."
        )


def attempt(action: Callable[[], T]) -> T | None:
    """Run an action; on a planner error show it and return None."""
    try:
        return action()
    except PlannerError as exc:
        st.error(escape_markdown(str(exc)))  # it may quote a file's or a person's words
        return None
