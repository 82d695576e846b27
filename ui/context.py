"""Cached resources, session state set-up and the chosen profile, shared by every page."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from planner import store
from planner.domain import framework, progression, roles
from planner.domain.assessment import Ratings
from planner.domain.behaviours import BehaviourSet
from planner.domain.curriculum import Curriculum
from planner.domain.models import Framework, FrameworkRef, GradeLadder, Profile, Settings
from planner.domain.recommend import Constraints
from planner.domain.roles import Roles
from planner.domain.versions import FrameworkLibrary
from planner.errors import PlannerError, describe_invalid
from planner.io import dataset, packs, shipped
from planner.services import picture
from planner.services.acting import Actor, NotAllowed
from ui import navigation, signin
from ui.memo import Memo
from ui.session import kept
from ui.text import escape_markdown

log = logging.getLogger("kim_pathways")

T = TypeVar("T")

# What this run has already looked up, by name: a page asks for the framework or the grades
# dozens of times a run (a grade's label for every option of every grade box), and each ask
# would otherwise work out its key and look in a shared memo again. app.py starts each run with
# a fresh one (init_state), so nothing outlives the run it was looked up in.
_this_run: ContextVar[dict[str, object] | None] = ContextVar("looked_up_this_run", default=None)


def _once_this_run(name: str, look_up: Callable[[], T]) -> T:
    memo = _this_run.get()
    if memo is None:
        return look_up()
    if name not in memo:
        memo[name] = look_up()
    return memo[name]  # type: ignore[return-value]


def init_state(*, server: bool = False) -> None:
    """Set up the session's kept values (ui.session) and the chosen profile, and start this run's look-ups afresh.

    On a department's server the address is never read for a profile: who is signed in says whose data it is.
    """
    _this_run.set({})
    st.session_state.setdefault("profile_id", None)
    if not server and kept()["notice_profile_id"] is None:
        # The profile this browser's own address names (kept there so a refresh keeps it) is the
        # one app.py takes up again; it is read here, before app.py drops one that has vanished.
        from_address = st.query_params.get("profile")
        if from_address:
            kept()["notice_profile_id"] = from_address


# One of each per process, shared by every session (ui.memo says why not st.cache_resource).
_repositories = Memo(max_entries=256)  # one per data directory: tests use many
_shipped = Memo()
_curricula = Memo(max_entries=8)
_roles = Memo(max_entries=8)
_libraries = Memo(max_entries=8)
_frameworks = Memo(max_entries=16)
_routes = Memo(max_entries=64, spinner="Planning routes…")


def database_url() -> str:
    """The PostgreSQL database KIM_PATHWAYS_DATABASE_URL names, or "" when people's data is kept in a folder."""
    return os.environ.get(store.DATABASE_URL_ENV, "").strip()


def store_location() -> str:
    """Where people's data is kept: the database named by KIM_PATHWAYS_DATABASE_URL, else the data folder."""
    return database_url() or str(store.default_data_dir())


def repository() -> store.Repository:
    """The repository of the configured store (one per data folder or database, shared by sessions).

    In a page run, a store that cannot be opened (a database out of reach, or upgraded by a newer
    version) shows its plain message and stops the run: app.py checks first, but a page Streamlit
    runs on its own (ui/navigation.py) reads the store before it hands over to app.py.

    Raises:
        StoreError: The store could not be opened, outside a page run.
    """
    try:
        return open_store()
    except PlannerError as exc:
        if get_script_run_ctx() is None:
            raise
        st.error(escape_markdown(str(exc)))
        st.stop()


def open_store() -> store.Repository:
    """The repository of the configured store, opened once per process.

    Raises:
        StoreError: The store could not be opened (a database out of reach, or newer than the app).
    """
    where, on_database = store_location(), bool(database_url())

    def open_it() -> store.Repository:
        # A database is opened from its URL (the environment's); a folder from its path.
        return store.open_repository() if on_database else store.open_repository(Path(where))

    return _once_this_run(f"repository:{where}", lambda: _repositories.get(where, open_it))


def _shipped_data(name: str, load: Callable[[Path], T]) -> T:
    folder = shipped.DATA_DIR
    return _once_this_run(name, lambda: _shipped.get((name, folder), lambda: load(folder)))


def framework_stamp() -> Hashable:
    """Changes whenever a lead installs a framework version or changes the one in use, by any process."""
    return packs.library_mark(repository())


def the_library() -> FrameworkLibrary:
    """The framework versions a lead installed, their crosswalks, and which one is in use."""
    where, stamp = store_location(), framework_stamp()
    return _once_this_run(
        f"library:{where}:{stamp}",
        lambda: _libraries.get((where, stamp), lambda: packs.read_library(repository())),
    )


def the_framework() -> Framework:
    """The framework version in use: the one a lead made active, else the KIM framework shipped in data/."""
    return framework_of(packs.active_ref(the_library()))


def framework_of(ref: FrameworkRef) -> Framework:
    """The pack of the version a record refers to, whichever is in use.

    Raises:
        UnknownFramework: that version is not installed here.
    """
    where, stamp = store_location(), framework_stamp()
    return _once_this_run(
        f"framework:{where}:{stamp}:{ref.key}",
        lambda: _frameworks.get((where, stamp, ref.key), lambda: packs.find_pack(the_library(), ref)),
    )


def the_grades() -> GradeLadder:
    """The grade ladder from data/ (loaded once per process)."""
    return _shipped_data("grades", shipped.load_grades)


def the_behaviours() -> BehaviourSet:
    """The Success Profiles behaviours and what each asks at each level, from data/ (read again once edited)."""
    return _once_this_run("behaviours", shipped.shared_behaviours)


def curriculum_stamp() -> Hashable:
    """Changes whenever a lead imports or removes a curriculum, by any process, for caches that depend on it."""
    return dataset.CURRICULUM.mark(repository())


def the_curriculum() -> Curriculum:
    """The curriculum in use: the one a lead imported, or the illustrative sample shipped in data/."""
    # The stamp (the imported set's mark) makes a new import load at once.
    where, stamp = store_location(), curriculum_stamp()
    return _once_this_run(
        f"curriculum:{where}:{stamp}",
        lambda: _curricula.get((where, stamp), lambda: dataset.CURRICULUM.active(repository())),
    )


def curriculum_is_imported() -> bool:
    """Whether a lead has replaced the shipped sample with their own curriculum."""
    return curriculum_stamp() is not None


def roles_stamp() -> Hashable:
    """Changes whenever a lead imports or removes roles, by any process, for caches that depend on them."""
    return dataset.ROLES.mark(repository())


def the_roles() -> Roles:
    """The roles in use: those a lead imported, else the KIM roles shipped in data/.

    Each set is checked against the framework version it was written for (roles.framework_version),
    which need not be the one in use: see roles_in_use.
    """
    where, stamp = store_location(), roles_stamp()
    return _once_this_run(
        f"roles:{where}:{stamp}",
        lambda: _roles.get((where, stamp), lambda: dataset.ROLES.active(repository())),
    )


def roles_are_imported() -> bool:
    """Whether a lead has replaced the shipped KIM roles with their own."""
    return roles_stamp() is not None


def roles_in_use() -> Roles | None:
    """The roles as they apply to the framework in use; None when they are written for another framework."""
    return roles.applied_to(the_roles(), the_framework())


def framework_label(ref: FrameworkRef) -> str:
    """A framework version's title and version as people read it, even when it is not installed here."""
    try:
        return framework_of(ref).label
    except PlannerError:
        return f"another framework ({ref.id}, version {ref.version})"


def roles_not_applied() -> str:
    """What a page that uses roles says when the roles are written for another framework than the one in use."""
    return roles.not_applied(framework_label(the_roles().framework_version), the_framework())


def curriculum_not_for_this_framework() -> str | None:
    """What to say when the curriculum in use is written for another framework than the one in use, else None.

    Its activities then develop none of this framework's indicators, so nothing is recommended from it.
    """
    written_for, fw = the_curriculum().framework_version, the_framework()
    if written_for.id == fw.id:
        return None
    return (f"The curriculum here is written for {framework_label(written_for)}, not for {fw.label}, the framework "
            "in use, so none of its activities develop this framework's indicators and nothing is recommended "
            "from it. A profession lead can import a curriculum written for this framework on Curriculum.")


def settings() -> Settings:
    """Saved settings, or the defaults when nothing has been saved."""
    saved = repository().get_settings()
    return saved if saved is not None else Settings()


def grade_levels() -> dict[str, int]:
    """The level expected at each grade, as this installation has set it."""
    return framework.grade_levels(the_framework(), the_grades(), settings())


def grade_label(code: str | None) -> str:
    """A grade's name for people, such as 'Higher Executive Officer (HEO)'."""
    if not code:
        return "Not set"
    try:
        grade = the_grades().grade(code)
    except KeyError:
        return code
    return grade.name if grade.name == code or code in grade.name else f"{grade.name} ({code})"


def acting() -> Actor | None:
    """Who is acting: on a server the person signed in, on one's own computer the profile chosen (or None)."""
    if signin.on_server():
        return signin.signed_in()
    profile = current_profile()
    return Actor.of(profile) if profile is not None else None


def actor_of(profile: Profile) -> Actor:
    """The acting person, using this profile: on a server the signed-in person, whose own profile it must be.

    Raises:
        NotAllowed: on a server, the profile is not the signed-in person's.
    """
    if signin.on_server():
        actor = signin.signed_in()
        if actor is None or actor.profile_id != profile.id:
            raise NotAllowed("You can only use your own data. Nothing was shown or changed.")
        return actor
    return Actor.of(profile)


def may_manage_shared_data() -> bool:
    """Whether whoever is using the app may change the curriculum, mappings, roles and grade settings.

    Everyone on their own computer (today's behaviour, with or without a profile); on a server only
    the profession admins the configuration names.
    """
    if not signin.on_server():
        return True
    actor = signin.signed_in()
    return actor is not None and actor.manages_shared_data


def shared_data_actor() -> Actor:
    """Who is acting on shared data (planner.services.shared_data), even with no profile chosen.

    On one's own computer with no profile chosen it is the computer's user, who manages shared data
    as today; on a server with nobody signed in, someone who manages none.
    """
    actor = acting()
    if actor is not None:
        return actor
    if signin.on_server():
        return Actor("", "nobody signed in", manages_shared_data=False)
    return Actor("", "this computer's user")


def current_profile() -> Profile | None:
    """The profile in use (chosen in the sidebar, or on a server the signed-in person's own), or None."""
    profile_id = st.session_state.get("profile_id")
    if not profile_id:
        return None
    return repository().get_profile(profile_id)


def how_to_get_a_profile() -> str:
    """How someone with no profile in use gets one, as the start of a sentence."""
    if signin.on_server():
        return "Create your profile on the **Your profile** page"
    return "Choose a profile in the sidebar, or create one on the **Your profile** page"


def require_profile() -> Profile:
    """The chosen profile; when there is none, say how to make one and stop the page."""
    profile = current_profile()
    if profile is None:
        st.info(f"{how_to_get_a_profile()}.")
        st.page_link("pages/profile.py", label="Go to Your profile", icon=":material/person:")
        st.stop()
    return profile


def routes(
    start: progression.Place,
    goal: progression.Place,
    ratings: Ratings,
    means: Constraints,
    timing: progression.Settings,
) -> list[progression.Route]:
    """Routes from `start` to `goal` for these ratings and means, worked out once (it takes tens of
    milliseconds) and shared by every session: read-only."""
    rated = json.dumps({code: r.model_dump(mode="json") for code, r in sorted(ratings.items())})
    key = (start, goal, rated, means, timing, store_location(), curriculum_stamp(), roles_stamp(), framework_stamp())
    in_use = roles_in_use()
    if in_use is None:
        raise PlannerError(roles_not_applied())
    return _routes.get(
        key,
        lambda: progression.routes(
            the_framework(), in_use, the_grades(), the_curriculum(), ratings, start, goal, means, timing
        ),
    )


def picture_of(profile: Profile) -> picture.Picture:
    """Where the chosen person stands (ratings, target, gaps, plan): read-only.

    Worked out again only when something it comes from has changed: the person's saved data (by any
    session or process), the levels expected at each grade, or the framework. Until then this
    session keeps it, so a rerun that changed nothing reads and checks none of it again.
    """
    repo, fw, levels = repository(), the_framework(), grade_levels()
    made_from = (store_location(), profile, repo.change_mark(profile.id), levels)
    held = kept()["picture"]
    if held is not None and held[0] == made_from and held[1] is fw:
        return held[2]  # type: ignore[no-any-return]
    seen = picture.picture_of(repo, actor_of(profile), profile, fw, levels, the_library())
    kept()["picture"] = (made_from, fw, seen)
    return seen


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
