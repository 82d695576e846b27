"""Where the roles come from, and replacing them: the roles are shared data a profession lead may import.

The shipped roles are written for the KIM framework. A profession that uses another framework imports
roles written for it (a JSON file in the shape of the roles download), checked against the framework in
use and stamped with its version.
"""

from __future__ import annotations

import streamlit as st

from planner.io import roles_io
from planner.services import shared_data
from ui import context, uploads
from ui.text import escape_markdown


def roles_data_section() -> None:
    """A section saying which roles are in use and what they are written for, with their download and
    (for those who manage shared data) their import and the way back to the shipped ones."""
    roles, fw = context.the_roles(), context.the_framework()
    imported = context.roles_are_imported()
    actor = context.shared_data_actor()
    with st.expander("Where the roles come from"):
        whose = "your organisation's own roles" if imported else "the roles shipped with the app"
        st.markdown(f"You are using {whose}: {len(roles.roles)} roles, written for "
                    f"{escape_markdown(context.framework_label(roles.framework_version))}.")
        st.caption(escape_markdown(roles.note))
        st.download_button("Current roles (JSON)", data=lambda: roles_io.roles_json(roles), file_name="roles.json",
                           mime="application/json", key="roles_download_json", on_click="ignore")
        if not actor.manages_shared_data:
            st.info(shared_data.only_admins_change(shared_data.ROLES), icon=":material/lock:")
            return
        st.markdown(
            "A profession lead can replace the roles with roles written for the framework in use, "
            f"{escape_markdown(fw.label)}. Download the current roles, edit them, and upload them as JSON: "
            "for each role at each grade, the level it asks in each of the framework's skills, the indicators "
            "it leans on most, and the moves people make from it. The whole file is checked first. If anything "
            "is wrong, you get the full list of problems and nothing is replaced."
        )
        uploads.replace_from_upload(
            key="roles", subject="set of roles", file_label="Roles file", types=("json",),
            read=lambda data, name: roles_io.read_roles(data, name, fw, context.the_grades()),
            save=lambda new: shared_data.replace_roles(context.repository(), actor, new.roles),
            done=lambda new: [f"Imported {len(new.roles.roles)} roles for {escape_markdown(fw.label)}. They replace "
                              "the previous roles.", *(escape_markdown(note) for note in new.notes)],
        )
        if imported:
            uploads.back_to_shipped(key="roles_use_shipped", heading="Go back to the shipped roles",
                                    button="Use the shipped KIM roles again",
                                    message="You are using the KIM roles shipped with the app again.",
                                    remove=lambda: shared_data.remove_roles(context.repository(), actor))
