"""Home: what KIM Pathways does, who it is for, and how to start."""

import streamlit as st

from ui import context, next_step, signin
from ui.text import escape_markdown

context.start_page("KIM Pathways")
st.markdown(
    "Plan your career and your continuing professional development (CPD) in the Government "
    "Knowledge and Information Management (KIM) profession."
)

profile = context.current_profile()
on_server = signin.on_server()
if profile is not None:
    st.success(f"You are using the profile of {escape_markdown(profile.name)}.")
    st.header("Where you stand")
    next_step.show_standing(profile)
elif on_server:
    if signin.signed_in() is None:
        st.info("Sign in to assess yourself, plan your development and share it with a mentor or a team. "
                "You can read the framework and explore career paths without signing in.")
    else:
        st.info("Start by creating your profile. It takes a minute.")
        st.page_link("pages/profile.py", label="Create your profile", icon=":material/person_add:")
elif context.repository().list_profiles():
    # A new browser (or a cleared one) remembers no one: a returning person picks their own profile.
    st.info("Used KIM Pathways on this computer before? Choose your profile in the sidebar, under "
            "**Who is using the app**. Your assessments and plan are kept with it.")
    st.page_link("pages/profile.py", label="Create a new profile", icon=":material/person_add:")
else:
    st.info("Start by creating your profile. It takes a minute.")
    st.page_link("pages/profile.py", label="Create your profile", icon=":material/person_add:")

fw = context.the_framework()
st.header("What you can do here")
st.markdown(
    f"""
1. **Describe yourself.** Say your grade, your role and where you want to go next.
2. **Explore the framework.** Read the {escape_markdown(fw.title)}: {len(fw.skills)} skills,
   {len(fw.levels)} levels and {len(fw.indicators)} indicators, with the grades each level is a guide for.
3. **Assess yourself.** Rate yourself against each indicator and see the gaps between where
   you are and your target.
4. **Plan.** Turn your gaps into a personal development plan (PDP) you can export and share.
"""
)

st.header("Who it is for")
st.markdown(
    """
- **Staff** planning their next career move in the KIM profession.
- **Mentors and line managers** preparing development conversations.
- **Profession and learning leads** keeping the grade alignment and learning data current.
"""
)

st.header("Your data")
st.markdown(
    ("What you enter is yours alone: nobody else sees it unless you share it with a mentor or a team "
     "on the **Sharing** page, and you can see who has on **Your profile**. "
     if on_server else
     "What you enter stays on this computer, in a data folder outside the app. Nothing is sent anywhere. ")
    + "You can download everything held about you, or delete all of it, on the **Your profile** page."
)
st.page_link("pages/framework.py", label="Explore the framework", icon=":material/menu_book:")
