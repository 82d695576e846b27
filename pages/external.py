"""Professional bodies: the KIM framework mapped to CILIP, ARA and IRMS, and your portfolio against one."""

from datetime import date

import streamlit as st

from planner.documents import external as portfolio_export
from planner.documents.downloads import file_slug
from planner.domain import assessment, external, wording
from planner.domain.models import Assessment, Draft
from planner.errors import DataFileError
from planner.io import dataset, external_io
from planner.services import cpd as cpd_log
from planner.services import shared_data
from ui import charts, context, plan_exports, uploads
from ui.datatable import show_table
from ui.text import escape_markdown

fw = context.the_framework()

context.start_page("Professional bodies")
st.markdown(
    "Professional bodies in knowledge and information management have their own frameworks, and use "
    "them for certification, chartership, registration and accreditation. This page shows which KIM "
    "indicators give evidence for each area of their frameworks, and how your self-assessment stands "
    "against them."
)


def mapping_sections(mapping: external.ExternalFrameworks) -> None:
    """The mapping of one professional body's framework, and the person's portfolio against it."""
    # An import may drop the framework chosen before; choose the first one then.
    if st.session_state.get("ext_framework") not in mapping.ids:
        st.session_state.pop("ext_framework", None)
    chosen = st.selectbox("Professional body's framework", mapping.ids, key="ext_framework",
                          format_func=lambda i: f"{mapping.framework(i).body}: {mapping.framework(i).name}")
    ef = mapping.framework(chosen)

    # --- The mapping -----------------------------------------------------------------------------
    st.header(escape_markdown(f"{ef.body}: {ef.name}"))
    if ef.purpose:
        st.markdown(escape_markdown(ef.purpose))
    if ef.note:
        st.info(escape_markdown(ef.note))
    st.subheader(f"How the {fw.title} maps to it")
    st.markdown(f"The framework has {len(ef.areas)} areas. Each lists the indicators that can give evidence for it.")
    show_table([{"Area": a.name, "What it covers": a.description, "KIM indicators": ", ".join(a.indicators)}
                for a in ef.areas], key="ext_areas")
    with st.expander("Every area with its KIM indicators and their statements"):
        show_table(external.mapping_table(ef, fw), key="ext_mapping_table")
    unused = [code for code in fw.codes if code not in ef.codes]
    if unused:
        st.caption(f"{len(unused)} KIM indicators give evidence for no area of this framework: {', '.join(unused)}.")

    # --- The portfolio ---------------------------------------------------------------------------
    st.header("Your portfolio")
    profile = context.current_profile()
    if profile is None:
        st.info(f"{context.how_to_get_a_profile()}, to see your portfolio against this framework.")
        st.page_link("pages/profile.py", label="Go to Your profile", icon=":material/person:")
    else:
        repo = context.repository()
        draft = repo.get(Draft, profile.id, "current")
        ratings, snapshot = assessment.latest_ratings(repo.list(Assessment, profile.id),
                                                      draft.ratings if draft else None)
        if not ratings:
            st.info("You have not rated yourself yet. Rate yourself, with evidence, then come back to see your "
                    "portfolio.")
            st.page_link("pages/assess.py", label="Assess yourself", icon=":material/checklist:")
        else:
            choices = ef.award_choices
            award = st.selectbox("Award your portfolio is for", choices, key=f"ext_award_{ef.id}",
                                 help=f"{ef.body} assesses each of these against the same framework.") \
                if len(choices) > 1 else (choices[0] if choices else "")
            portfolio = external.build_portfolio(ef, fw, ratings, profile.name, snapshot.taken_on if snapshot else None,
                                                 date.today(), award=award)
            st.text(f"Your portfolio: {portfolio.title}")  # the name is as typed, never Markdown
            st.caption(f"From your self-assessment of {wording.long_date(snapshot.taken_on)}." if snapshot
                       else "From your draft ratings, which are not saved as an assessment yet.")
            # The CPD log of the 12 months to today and the reflective statement go in too (pages/cpd.py).
            cpd_record = cpd_log.record(repo, context.actor_of(profile), profile, fw, date.today())
            portfolio = external.with_cpd_log(portfolio, cpd_record)
            st.caption(f"It also carries your CPD log of {cpd_record.period} "
                       f"({wording.counted(len(cpd_record.entries), 'entry', 'entries')}) and your reflective "
                       "statement, which you keep on the CPD log page.")
            for sentence in external.summary(portfolio):
                st.markdown(f"- {escape_markdown(sentence)}")
            charts.show("area_coverage", external.coverage_rows(portfolio),
                        f"Bar chart of how many KIM indicators of each area are met with evidence, met without "
                        f"evidence, or not met. {portfolio.covered} of {portfolio.total} areas have evidence. "
                        "The table below gives the same figures.")
            st.markdown("**The same as a table:**")
            show_table(external.coverage_table(portfolio), key="ext_coverage_table")
            st.subheader("Evidence for each area")
            st.markdown("An indicator is met when you rate it 3 (Competent) or 4 (Expert). Add evidence to your "
                        "ratings on the Assess yourself page.")
            show_table(external.portfolio_table(portfolio), key="ext_portfolio_table")

            st.subheader("Download your portfolio")
            slug = file_slug(profile.name, "portfolio")
            name = f"{ef.id}-portfolio-{slug}"
            # The STAR evidence of the self-assessment the portfolio comes from, as the PDP carries it.
            evidence = plan_exports.framework_evidence(profile, snapshot)
            col1, col2, col3 = st.columns(3)
            col1.download_button("Portfolio (PDF)", data=lambda: portfolio_export.portfolio_pdf(portfolio, evidence),
                                 file_name=f"{name}.pdf", mime="application/pdf", key="ext_download_pdf",
                                 on_click="ignore")
            col2.download_button("Portfolio (Word)", data=lambda: portfolio_export.portfolio_docx(portfolio, evidence),
                                 file_name=f"{name}.docx", key="ext_download_docx", on_click="ignore",
                                 mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            col3.download_button("Portfolio (Markdown)",
                                 data=lambda: portfolio_export.portfolio_markdown(portfolio, evidence),
                                 file_name=f"{name}.md", mime="text/markdown", key="ext_download_md",
                                 on_click="ignore")


imported = dataset.MAPPING.is_imported(context.repository())
actor = context.shared_data_actor()
try:
    mapping = dataset.MAPPING.active(context.repository())
except DataFileError as exc:
    st.error(f"{escape_markdown(str(exc))} The mapping shipped with the app is shown instead. "
             + ("Import a corrected file, or go back to the shipped mapping at the end of this page."
                if actor.manages_shared_data else "Ask your KIM profession lead to import a corrected file."))
    mapping = dataset.load_mapping()

applied = external.applied_to(mapping, fw)
if applied is None:
    # A mapping names another framework's indicators: it is never read against this one.
    st.warning(escape_markdown(
        f"The mapping here is written for {context.framework_label(mapping.framework_version)}, not for {fw.label}, "
        "the framework in use, so it is not shown against it. A profession lead can import a mapping written "
        "for this framework at the end of this page."))
else:
    mapping_sections(applied)

# --- Download and import the mapping ---------------------------------------------------------
if not actor.manages_shared_data:
    st.header("Download the mapping")
    if imported:
        st.success("You are using your organisation's own mapping.")
    st.info(shared_data.only_admins_change(shared_data.MAPPING), icon=":material/lock:")
    st.download_button("Current mapping (CSV)", data=lambda: external_io.mapping_csv(mapping),
                       file_name="professional-bodies.csv", mime="text/csv", key="ext_download_csv",
                       on_click="ignore")
else:
    st.header("Replace the mapping")
    if imported:
        st.success("You are using your organisation's own mapping.")
    st.markdown(
        "A profession or L&D lead can replace the mapping with their own. Download the template or the "
        "current mapping as CSV (one row per area), edit it, and upload it as CSV, Excel or JSON. Every row "
        "is checked first. If anything is wrong, you get the full list of problems, by row and column, and "
        "nothing is replaced."
    )
    col1, col2 = st.columns(2)
    uploads.template_download(col1, lambda: external_io.template_csv(fw), "professional-bodies-template.csv",
                              "ext_download_template")
    col2.download_button("Current mapping (CSV)", data=lambda: external_io.mapping_csv(mapping),
                         file_name="professional-bodies.csv", mime="text/csv", key="ext_download_csv",
                         on_click="ignore")
    uploads.replace_from_upload(
        key="ext", subject="mapping", file_label="Mapping file",
        read=lambda data, name: external_io.parse_mapping(data, name, fw, known=mapping),
        save=lambda new: shared_data.replace_mapping(context.repository(), actor, new),
        done=lambda new: [f"Imported {wording.counted(len(new.frameworks), 'framework')} with "
                          f"{sum(len(f.areas) for f in new.frameworks)} areas. They replace the previous mapping."],
    )
    if imported:
        uploads.back_to_shipped(key="ext_use_shipped", heading="Go back to the shipped mapping",
                                button="Use the shipped mapping again",
                                message="You are using the mapping shipped with the app again.",
                                remove=lambda: shared_data.remove_mapping(context.repository(), actor))
