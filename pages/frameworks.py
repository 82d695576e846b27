"""Framework versions: which version of the framework is in use, and installing a revision or another framework."""

import streamlit as st

from planner.domain import crosswalk as carrying
from planner.domain import tables, versions, wording
from planner.domain.models import utc_now
from planner.errors import DataFileError, PlannerError
from planner.io import dataset, framework_io, packs, uploads
from planner.io.rows import ImportProblems
from planner.services import frameworks, shared_data
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown

fw = context.the_framework()

context.start_page("Framework versions")
library = context.the_library()
every = packs.every_pack(library)
actor = context.shared_data_actor()

st.markdown(
    "The framework people rate themselves against is kept as a **version**: its skills, levels and "
    "indicators, with an id, a version number and a date. When the profession revises it, a lead installs "
    "the new version here. Every assessment keeps the version it was made with, so earlier assessments "
    "are always shown as they were, and a **crosswalk** carries people's ratings to the new version."
)
st.success(
    f"In use: **{escape_markdown(fw.title)}, version {escape_markdown(fw.version)}** (released "
    f"{wording.long_date(fw.released)}): {wording.counted(len(fw.skills), 'skill')}, "
    f"{wording.counted(len(fw.levels), 'level')}, {wording.counted(len(fw.indicators), 'indicator')}."
)


st.header("Installed versions")
show_table(tables.version_rows(every, library, fw), key="fwv_versions")
if library.activations:
    with st.expander("When the version in use changed"):
        show_table([{"When": wording.long_date(a.at.date()), "Version": f"{a.version.id}, version {a.version.version}",
                     "By": a.by or "Not recorded"} for a in reversed(library.activations)], key="fwv_activations")

# --- Things that point at indicators the version in use lacks ------------------------------------
st.header("Data that refers to indicators this version lacks")
try:
    mapping = dataset.MAPPING.active(context.repository())
except DataFileError as exc:  # the Professional bodies page offers to put it right
    st.error(f"{escape_markdown(str(exc))} The professional bodies' mapping is left out of this check.")
    mapping = None
flags = versions.retired_references(fw, curriculum=context.the_curriculum(), roles=context.the_roles(),
                                    mapping=mapping)
if not flags:
    st.markdown("The curriculum, the roles and the professional bodies' mapping refer only to indicators of "
                "the version in use.")
else:
    st.warning(
        f"{wording.counted(len(flags), 'record')} refer to indicators that the version in use does not have. "
        "They are kept as they are, and those indicators are not used for recommendations or targets. "
        "Import an updated curriculum, roles file or mapping to bring them up to date."
    )
    show_table([{"Kind": f.kind, "Record": f.record_name, "What it names that this version lacks": f.sentence}
                for f in flags], key="fwv_flags")

# --- Downloads ------------------------------------------------------------------------------------
st.header("Download a version")
labels = {p.ref.key: f"{p.title}, version {p.version}" for p in every}
chosen_key = st.selectbox("Version", list(labels), format_func=labels.get, key="fwv_download_version",
                          index=list(labels).index(fw.ref.key))
chosen = next(p for p in every if p.ref.key == chosen_key)
col1, col2, col3 = st.columns(3)
stem = f"{chosen.id}-{chosen.version}"
col1.download_button("As JSON", data=lambda: framework_io.pack_json(chosen), file_name=f"{stem}.json",
                     mime="application/json", key="fwv_download_json", on_click="ignore")
col2.download_button("As Excel", data=lambda: framework_io.pack_sheet(chosen, "xlsx"), file_name=f"{stem}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="fwv_download_xlsx", on_click="ignore")
col3.download_button("As CSV (indicators only)", data=lambda: framework_io.pack_sheet(chosen, "csv"),
                     file_name=f"{stem}.csv", mime="text/csv", key="fwv_download_csv", on_click="ignore")

if not actor.manages_shared_data:
    st.header("Installing a version")
    st.info(shared_data.only_admins_change(frameworks.FRAMEWORKS), icon=":material/lock:")
    st.stop()

# --- Choose the version in use --------------------------------------------------------------------
st.header("Change the version in use")
st.markdown("People's next assessments are made in the version in use. Their earlier assessments do not change.")
use_key = st.selectbox("Version to use", list(labels), format_func=labels.get, key="fwv_use_version",
                       index=list(labels).index(fw.ref.key))
if st.button("Use this version", key="fwv_use", disabled=use_key == fw.ref.key):
    with context.plain_errors():
        ref = next(p.ref for p in every if p.ref.key == use_key)
        frameworks.activate(context.repository(), actor, ref, utc_now())
        context.flash(f"{escape_markdown(labels[use_key])} is now the version in use.")
        st.rerun()

# --- Install -------------------------------------------------------------------------------------
st.header("Install a version")
st.markdown(
    "Upload the framework as JSON (the shape of the downloads above) or as a spreadsheet with one row per "
    "indicator (download a version as Excel to see the columns). Every row is checked first: if anything is "
    "wrong you get the full list of problems and nothing is installed. You then see what differs from the "
    "version in use before you install it."
)
upload = st.file_uploader(f"Framework file (JSON, Excel or CSV, up to {uploads.MAX_UPLOAD_MB} MB)",
                          type=["json", "xlsx", "csv"], key="fwv_pack_file")
details = None
if upload is not None and upload.name.lower().endswith(".csv"):
    st.markdown("A CSV file holds only the indicators: say which framework and version it is.")
    a, b, c = st.columns(3)
    details = framework_io.PackDetails(
        id=a.text_input("Framework id (the same for every version)", value=fw.id, key="fwv_id"),
        version=b.text_input("Version", key="fwv_version"),
        released=c.date_input("Released", value=None, format="DD/MM/YYYY", key="fwv_released") or "",
        title=st.text_input("Title", value=fw.title, key="fwv_title"),
        grade_alignment="; ".join(f"{g}: {lv}" for g, lv in fw.grade_alignment.items()),
    )
others = {p.ref.key: f"{p.title}, version {p.version}" for p in every}
cross_from = st.selectbox("Crosswalk from (the version whose ratings it carries)", ["", *others],
                          format_func=lambda k: others.get(k, "No crosswalk"), key="fwv_crosswalk_from",
                          index=1 + list(others).index(fw.ref.key))
cross_upload = st.file_uploader(
    f"Crosswalk file (JSON, Excel or CSV, up to {uploads.MAX_UPLOAD_MB} MB): old code, new codes, note",
    type=["json", "xlsx", "csv"], key="fwv_crosswalk_file", disabled=not cross_from)

if st.button("Check the files", type="primary", key="fwv_check", disabled=upload is None):
    st.session_state["fwv_checked"] = (upload.file_id if upload else None,
                                       cross_upload.file_id if cross_upload else None)
checked = st.session_state.get("fwv_checked")
if upload is not None and checked == (upload.file_id, cross_upload.file_id if cross_upload else None):
    try:
        pack = framework_io.read_pack(upload.getvalue(), upload.name, details=details)
        crosswalk = None
        if cross_upload is not None and cross_from:
            old = next(p for p in every if p.ref.key == cross_from)
            crosswalk = framework_io.read_crosswalk(cross_upload.getvalue(), cross_upload.name, old, pack)
    except ImportProblems as exc:
        st.error(f"Nothing was installed. The file has {wording.counted(len(exc.problems), 'problem')}:")
        show_table([{exc.unit.capitalize(): p.row if p.row is not None else "",
                     "Column" if exc.unit == "row" else "Field": p.field, "Problem": p.message}
                    for p in exc.problems], key="fwv_problems")
    except PlannerError as exc:
        st.error(f"{escape_markdown(str(exc))} Nothing was installed.")
    else:
        st.subheader(f"{escape_markdown(pack.title)}, version {escape_markdown(pack.version)}")
        compared = carrying.diff(fw, pack, crosswalk)
        st.markdown(f"Compared with the version in use (version {escape_markdown(fw.version)}): "
                    f"{escape_markdown(compared.summary())}")
        for title, rows in tables.diff_tables(compared).items():
            if rows:
                st.markdown(f"**{title}**")
                show_table(rows, key=f"fwv_diff_{title}")
        if crosswalk is not None:
            st.markdown(f"The crosswalk from version {escape_markdown(crosswalk.from_version.version)} has "
                        f"{wording.counted(len(crosswalk.entries), 'entry', 'entries')}.")
        elif pack.id == fw.id:
            st.info("No crosswalk: ratings carry only to indicators whose code is the same in both versions.")
        left, right = st.columns(2)
        install_only = left.button("Install this version", key="fwv_install")
        install_and_use = right.button("Install and use it now", key="fwv_install_use", type="primary")
        if install_only or install_and_use:
            with context.plain_errors():
                frameworks.install(context.repository(), actor, pack, crosswalk, utc_now(), activate=install_and_use)
                st.session_state.pop("fwv_checked", None)
                context.flash(f"Installed version {escape_markdown(pack.version)} of {escape_markdown(pack.title)}"
                              + (", and it is now the version in use." if install_and_use else "."))
                st.rerun()
