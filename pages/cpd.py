"""CPD log: what a person did to learn, its totals, CILIP revalidation and the reflective statement, and its files."""

from datetime import date

import streamlit as st

from planner.documents import cpd as cpd_files
from planner.documents.downloads import file_slug
from planner.domain import cpd, wording
from planner.services import cpd as cpd_log
from ui import context, cpd_forms
from ui.datatable import show_table

fw = context.the_framework()

context.start_page("CPD log")
profile = context.require_profile()
actor = context.actor_of(profile)
repo = context.repository()
today = date.today()
entries = cpd_log.entries(repo, actor, profile.id)
standing = cpd.revalidation(entries, today)

st.markdown(
    "Record the continuing professional development (CPD) you do: on the job, from others, or on a course. "
    f"CILIP revalidation asks for at least {cpd.REVALIDATION_HOURS:.0f} hours of CPD over {cpd.WINDOW_MONTHS} "
    f"months and a reflective statement of at most {cpd.STATEMENT_WORDS} words. Your log also goes into the "
    "portfolio on Professional bodies."
)
(st.success if standing.enough else st.info)(f"{standing.sentence}.")

# --- Log what you did --------------------------------------------------------------------------------
st.header("Log CPD by hand")
cpd_forms.add_form(fw, profile, today)

st.header("Log a finished plan item")
to_log = cpd_log.items_to_log(repo, actor)
if to_log:
    st.markdown("Items you marked done on My plan and have not logged yet. Logging one takes its activity, "
                "its indicators and your evidence of completion.")
    cpd_forms.plan_item_form(fw, profile, to_log, today)
else:
    st.markdown("None of your plan items is waiting to be logged: mark an item done on My plan, with evidence, "
                "and it is offered here.")
st.page_link("pages/plan.py", label="Go to My plan", icon=":material/event_note:")

# --- The log -----------------------------------------------------------------------------------------
st.header("Your CPD log")
if not entries:
    st.info("Nothing is logged yet. Log CPD by hand or from your plan above.")
else:
    st.markdown(f"{wording.counted(len(entries), 'entry', 'entries')}, newest first, "
                f"{cpd.hours_text(cpd.total_hours(entries))} in all.")
    show_table(cpd.log_rows(entries, fw), key="cpd_log_table")
    st.subheader("Change or remove an entry")
    cpd_forms.change_or_remove(fw, profile, entries, today)

    st.header("Totals")
    st.subheader("Hours by year")
    show_table(cpd.totals_by_year(entries), key="cpd_totals_year")
    st.subheader("Hours by kind of learning")
    st.markdown("The 70-20-10 model suggests about 70% from experience, 20% from others and 10% formal.")
    show_table(cpd.totals_by_kind(entries), key="cpd_totals_kind")

# --- Revalidation ------------------------------------------------------------------------------------
st.header("CILIP revalidation")
st.markdown(f"**{standing.sentence}.** The 12 months run from {wording.long_date(standing.start)} to "
            f"{wording.long_date(today)}.")
saved = cpd_log.statement(repo, actor, profile.id)
cpd_forms.statement_box(profile, saved.text if saved else "")

# --- Files -------------------------------------------------------------------------------------------
st.header("Download your CPD log")
whole = st.radio("Entries in the files", [False, True], key="cpd_period", horizontal=True,
                 format_func=lambda w: "Everything in my log" if w else
                 f"The 12 months to {wording.long_date(today)} (for revalidation)")
record = cpd_log.record(repo, actor, profile, fw, today, whole_log=whole)
st.markdown(f"Each file holds your name, the period ({record.period}), every entry in it, the totals, the hours "
            "in the 12 months against 20, and your reflective statement with its word count. Each is made when "
            "you click its button.")
slug = file_slug(profile.name, "cpd")
name = f"cpd-log-{slug}-{today.isoformat()}"
pdf_col, word_col, csv_col = st.columns(3)
pdf_col.download_button("CPD log and statement (PDF)", data=lambda: cpd_files.cpd_pdf(record),
                        file_name=f"{name}.pdf", mime="application/pdf", key="cpd_download_pdf", on_click="ignore")
word_col.download_button("CPD log and statement (Word)", data=lambda: cpd_files.cpd_docx(record),
                         file_name=f"{name}.docx", key="cpd_download_docx", on_click="ignore",
                         mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
csv_col.download_button("CPD log and statement (CSV)", data=lambda: cpd_files.cpd_csv(record),
                        file_name=f"{name}.csv", mime="text/csv", key="cpd_download_csv", on_click="ignore")
