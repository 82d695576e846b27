"""Job specification: a job advert and a sift sheet for a KIM post, written from the framework."""

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner import jobspec
from planner.errors import PlannerError
from ui import context
from ui.text import escape_markdown

fw = context.the_framework()
ladder = context.the_grades()
all_roles = context.the_roles()
role_names = {r.id: r.name for r in all_roles.roles}
today = date.today()

context.start_page("Job specification")
st.markdown(
    "Write a job advert and a person specification for a KIM post, with criteria taken word for word "
    "from the framework. Then download a sift sheet to score candidates against the same criteria."
)

st.header("1. The post")
left, right = st.columns([2, 1])
chosen_roles = left.multiselect("Role, or roles the post combines", list(role_names), format_func=role_names.get,
                                default=["records-manager"], key="spec_roles",
                                help="One post may combine several core roles. Each skill then takes the "
                                     "highest level any of them needs.")
grade = right.selectbox("Grade", ladder.codes, format_func=context.grade_label, index=ladder.codes.index("HEO"),
                        key="spec_grade")
try:
    spec = jobspec.draft(fw, all_roles, chosen_roles, grade, context.grade_label(grade), context.grade_levels())
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
missing = [role_names[r] for r in chosen_roles if all_roles.role(r).at(grade) is None]
if missing:
    st.warning(f"Not usually found at {grade}: {', '.join(missing)}. The grade's level from Settings is used for it.")
st.markdown("**Levels the post asks for:** " + "; ".join(
    f"skill {s} ({fw.skill(s).name}): level {lv}" for s, lv in sorted(spec.levels.items())))

st.header("2. The criteria")
st.caption("Essential criteria are the indicators the role leans on most at this grade. Desirable ones are the "
           "other indicators at the post's level. Change any of them, or leave them out.")
extra = st.multiselect("Add more indicators as criteria", [c for c in fw.codes if c not in {x.code for x in spec.criteria}],
                       format_func=lambda c: f"{c} {fw.indicator(c).statement}", key="spec_extra",
                       placeholder="Any other indicator")
if extra:
    added = tuple(jobspec.Criterion(c, fw.indicator(c).statement, fw.indicator(c).level, fw.indicator(c).skill,
                                    jobspec.DESIRABLE) for c in extra)
    spec = replace(spec, criteria=spec.criteria + added)
edited = st.data_editor(
    pd.DataFrame([{"Code": c.code, "Level": c.level, "Criterion": c.statement, "Weight": c.weight}
                  for c in spec.criteria]),
    key=f"spec_criteria_{'-'.join(chosen_roles)}_{grade}", hide_index=True, width="stretch", num_rows="fixed",
    disabled=["Code", "Level", "Criterion"],
    column_config={"Weight": st.column_config.SelectboxColumn("Weight", options=list(jobspec.WEIGHTS),
                                                              required=True)},
)
try:
    spec = jobspec.reweighed(spec, dict(zip(edited["Code"], edited["Weight"])))
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
st.markdown(f"{len(spec.essential)} essential and {len(spec.desirable)} desirable criteria.")

st.header("3. About the post")
a, b = st.columns(2)
title = a.text_input("Job title", value=" and ".join(role_names[r] for r in chosen_roles), key="spec_title",
                     max_chars=200)
team = b.text_input("Team", key="spec_team", max_chars=200, placeholder="For example: Knowledge and Information Management")
location = a.text_input("Location", key="spec_location", max_chars=200, placeholder="For example: Leeds or London")
salary = b.text_input("Salary band", key="spec_salary", max_chars=200, placeholder="For example: £36,000 to £42,000")
closing = a.date_input("Closing date", value=today + timedelta(days=21), min_value=today, format="DD/MM/YYYY",
                       key="spec_closing")
summary = st.text_area("Job summary", key="spec_summary", max_chars=5000,
                       placeholder="What the team does, and what the post holder will do for it.")
duties = st.text_area("Responsibilities, one on each line", key="spec_duties", max_chars=5000)
try:
    spec = jobspec.with_post(spec, jobspec.Post(
        title=title, team=team, location=location, salary_band=salary, closing_date=closing, summary=summary,
        responsibilities=tuple(duties.splitlines()),
    ), today)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

st.header("4. Download")
slug = "".join(ch if ch.isalnum() else "-" for ch in spec.post.title.lower()).strip("-") or "post"
st.markdown("**The job advert**")
c1, c2, c3 = st.columns(3)


def advert(kind: str):
    def build() -> bytes:
        from planner.export import jobspec as export

        return {"pdf": export.advert_pdf, "docx": export.advert_docx, "md": export.advert_markdown}[kind](spec)
    return build


c1.download_button("Word, to edit", data=advert("docx"), file_name=f"advert-{slug}.docx", key="spec_docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", on_click="ignore")
c2.download_button("PDF", data=advert("pdf"), file_name=f"advert-{slug}.pdf", mime="application/pdf",
                   key="spec_pdf", on_click="ignore")
c3.download_button("Markdown", data=advert("md"), file_name=f"advert-{slug}.md", mime="text/markdown",
                   key="spec_md", on_click="ignore")
st.markdown("**The sift sheet**: one row per candidate and a column per criterion, scored 1 to 7.")
candidates = st.number_input("Rows for candidates", min_value=1, max_value=500, value=20, step=1, key="spec_candidates")


def sift(kind: str):
    def build() -> bytes:
        from planner.export import jobspec as export

        return (export.sift_xlsx if kind == "xlsx" else export.sift_csv)(spec, int(candidates))
    return build


s1, s2 = st.columns(2)
s1.download_button("Sift sheet (Excel)", data=sift("xlsx"), file_name=f"sift-{slug}.xlsx", key="spec_sift_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
s2.download_button("Sift sheet (CSV)", data=sift("csv"), file_name=f"sift-{slug}.csv", mime="text/csv",
                   key="spec_sift_csv", on_click="ignore")
