"""KIM Pathways: the router. Page config, navigation and the sidebar every page shares."""

from __future__ import annotations

import streamlit as st

from planner.domain.server_config import ConfigProblem
from planner.errors import PlannerError
from ui import behaviour_examples, context, cpd_forms, manager_part, navigation, page_style, plan_add, signin, uploads
from ui.text import escape_markdown

st.set_page_config(
    page_title="KIM Pathways",
    # An icon of our own: a :material: icon makes every browser fetch it from fonts.gstatic.com.
    page_icon=navigation.ICON,
    layout="wide",
    menu_items={"About": "KIM Pathways: plan your career and development in the Government KIM profession."},
)
signin.start_run()
try:
    server = signin.server_config()
except ConfigProblem as problem:
    # Half-configured sign-in: say what to mend, and open nothing (nobody's data is open to all). The
    # navigation is registered but hidden, so Streamlit's own list of page files is not offered either.
    st.navigation(navigation.streamlit_pages(), position="hidden")
    st.error(escape_markdown(str(problem)))
    st.stop()
context.init_state(server=server is not None)
try:
    context.open_store()
except PlannerError as problem:
    # The store cannot be opened (a database out of reach, or one a newer version has upgraded): the
    # same plain message on every page, and nothing else, until it can be (each rerun tries again).
    st.navigation(navigation.streamlit_pages(server=server is not None), position="hidden")
    st.error(escape_markdown(str(problem)))
    st.stop()


def _sync_profile_choice() -> None:
    context.choose_profile(st.session_state["sidebar_profile"])


def profile_sidebar() -> None:
    """Who am I: choose a profile, remembered in the address so a refresh keeps it."""
    repo = context.repository()
    refs = repo.list_profiles()
    ids = [ref.id for ref in refs]
    names = {ref.id: ref.name for ref in refs}
    chosen = st.session_state.get("profile_id")
    if chosen not in names:
        # Only a profile named in this browser's own address is taken up again (after a refresh);
        # never someone else's: on a shared installation that would show one person another's data.
        from_address = st.query_params.get("profile")
        chosen = from_address if from_address in names else None
        context.choose_profile(chosen)
    with st.sidebar:
        st.markdown("**Who is using the app**")
        if not ids:
            st.caption("No profiles yet. Create one on the Your profile page.")
        else:
            st.session_state["sidebar_profile"] = chosen
            st.selectbox(
                "Profile",
                options=ids,
                format_func=lambda pid: names.get(pid, "Choose a profile"),
                index=None,
                placeholder="Choose a profile",
                key="sidebar_profile",
                on_change=_sync_profile_choice,
            )
    if chosen:
        st.query_params["profile"] = chosen
    elif "profile" in st.query_params:
        del st.query_params["profile"]


current = st.navigation(navigation.streamlit_pages(server=server is not None), expanded=True)
# Each page its own browser title, "Page – Service" as GOV.UK does (WCAG 2.4.2 Page Titled).
st.set_page_config(page_title=f"{current.title} – KIM Pathways")
# Focus that shows and stays in view, no heading-link tab stops, charts that reflow (WCAG 2.2 AA).
page_style.apply()
uploads.forget_files_replaced_by_a_refused_pick()

if server is None:
    try:
        profile_sidebar()
    except PlannerError as exc:
        st.error(escape_markdown(str(exc)))
    who = None
else:
    who = signin.sidebar(server)
page = navigation.entry_titled(current.title)

# Pages run inside this block know app.py is around them; a page Streamlit runs on its own (its legacy
# pages/ mode, on the first request after a start) hands over to app.py instead (ui/navigation.py).
with context.plain_errors(), navigation.routed():
    if server is not None and who is None and (page is None or page.personal):
        signin.ask_to_sign_in(server, current.title)
    else:
        plan_add.keep_what_the_boxes_show()
        cpd_forms.keep_what_the_box_shows()
        behaviour_examples.keep_what_the_boxes_show()
        manager_part.keep_what_the_boxes_show()
        current.run()
