"""Job specification: a job advert and a sift sheet for a post, written from the framework.

Where the roles in use are written for another framework than the one in use, a post is specified by its grade.
"""

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner.domain import jobspec
from planner.domain.models import JobSpecDraft, utc_now
from planner.errors import PlannerError
from ui import context, drafts
from ui.session import kept
from ui.text import escape_markdown

fw = context.the_framework()
ladder = context.the_grades()
all_roles = context.roles_in_use()  # None: the roles are written for another framework; posts by grade only
role_names = {r.id: r.name for r in all_roles.roles} if all_roles is not None else {}
today = date.today()

# The draft's fields and the boxes that hold them. What is chosen and typed is kept as each box is
# left: in the person's saved data when a profile is chosen, else in this browser tab's session.
BOXES = {
    "roles": "spec_roles", "grade": "spec_grade", "extra": "spec_extra", "title": "spec_title",
    "team": "spec_team", "location": "spec_location", "salary_band": "spec_salary",
    "closing_date": "spec_closing", "summary": "spec_summary", "responsibilities": "spec_duties",
}
UNSAVED = "jobspec_draft"  # kept value (ui.session): the draft of a session with no profile
PROBLEM = "jobspec_problem"  # kept value: why the draft could not be kept
EMPTIED = "jobspec_emptied"  # kept value: the draft was discarded, so the boxes start again
DEFAULT_ROLES = [r for r in ["records-manager"] if r in role_names] or list(role_names)[:1]
DEFAULT_GRADE = "HEO" if "HEO" in ladder.codes else ladder.codes[0]
GRADE_ONLY_TITLE = "New post"
"""The title a post specified by its grade alone starts with, for the manager to change."""


def saved_draft() -> JobSpecDraft | None:
    profile = context.current_profile()
    if profile is None:
        return kept()[UNSAVED]
    try:
        return context.repository().get(JobSpecDraft, profile.id, "current")
    except PlannerError as exc:
        st.warning(f"What you typed here before could not be read back: {escape_markdown(str(exc))}")
        return None


def keep_draft(weights: dict[str, str]) -> None:
    """Keep what the boxes hold, with the criteria's weights, as the draft (as each box is left)."""
    profile = context.current_profile()
    values = {field: st.session_state.get(key) for field, key in BOXES.items()}
    values["roles"] = list(values["roles"] or [])
    values["extra"] = list(values["extra"] or [])
    values["grade"] = values["grade"] or ""
    earlier = saved_draft()
    follows = {default_title(values["roles"]), default_title(earlier.roles if earlier else DEFAULT_ROLES)}
    values["title"] = None if values["title"] in follows else values["title"]  # None: follows the roles
    for field in ("team", "location", "salary_band", "summary", "responsibilities"):
        values[field] = values[field] or ""

    def save() -> None:
        draft = JobSpecDraft(profile_id=profile.id if profile else "", weights=weights, updated_at=utc_now(),
                             **values)
        if profile is None:
            kept()[UNSAVED] = draft
        else:
            context.repository().put(draft)

    drafts.keep(PROBLEM, save)


def discard_draft() -> None:
    """Forget the draft and start the boxes again from the suggested post."""
    profile = context.current_profile()
    kept()[UNSAVED] = None
    kept()[PROBLEM] = None
    if profile is not None:
        try:
            context.repository().remove(JobSpecDraft, profile.id, "current")
        except PlannerError as exc:
            kept()[PROBLEM] = f"The draft could not be discarded: {exc}"
            return
    fresh = starting_values(None)
    for field, key in BOXES.items():
        st.session_state[key] = fresh[field]
    kept()[EMPTIED] = True
    for key in [k for k in st.session_state if str(k).startswith("spec_criteria_")]:
        del st.session_state[key]  # the criteria's weights start again too
    context.flash("Discarded the draft. The boxes start again from the suggested post.")


def default_title(role_ids: list[str]) -> str:
    return " and ".join(role_names[r] for r in role_ids if r in role_names) or GRADE_ONLY_TITLE


def starting_values(draft: JobSpecDraft | None) -> dict:
    """What the boxes start from when the browser draws them afresh: the draft, else the suggested post."""
    chosen = [r for r in draft.roles if r in role_names] if draft else DEFAULT_ROLES
    closing = draft.closing_date if draft and draft.closing_date and draft.closing_date >= today else None
    return {
        "roles": chosen,
        "grade": draft.grade if draft and draft.grade in ladder.codes else DEFAULT_GRADE,
        "extra": [c for c in draft.extra if c in fw.codes] if draft else [],
        "title": draft.title if draft and draft.title is not None else default_title(chosen),
        "team": draft.team if draft else "",
        "location": draft.location if draft else "",
        "salary_band": draft.salary_band if draft else "",
        "closing_date": closing or today + timedelta(days=21),
        "summary": draft.summary if draft else "",
        "responsibilities": draft.responsibilities if draft else "",
    }


def first(field: str, argument: str = "value") -> dict:
    # Given as the boxes' defaults (not set through session state), so the browser shows the draft
    # whenever it draws the boxes anew, such as on coming back to the page. Once the draft is
    # discarded the boxes were set through session state instead, and take no default that run.
    return {} if emptied else {argument: start[field]}


context.start_page("Job specification")
draft_saved = saved_draft()
start = starting_values(draft_saved)
saved_weights = dict(draft_saved.weights) if draft_saved else {}
keep = {"on_change": keep_draft, "args": (saved_weights,)}
emptied = kept()[EMPTIED]
kept()[EMPTIED] = False
st.markdown(
    "Write a job advert and a person specification for a KIM post, with criteria taken word for word "
    "from the framework. Then download a sift sheet to score candidates against the same criteria."
)

st.header("1. The post")
left, right = st.columns([2, 1])
if all_roles is None:
    st.warning(escape_markdown(context.roles_not_applied()))
    chosen_roles: list[str] = []
else:
    chosen_roles = left.multiselect("Role, or roles the post combines", list(role_names), format_func=role_names.get,
                                    key=BOXES["roles"], **first("roles", "default"), **keep,
                                    help="One post may combine several core roles. Each skill then takes the "
                                         "highest level any of them needs.")
grade = right.selectbox("Grade", ladder.codes, format_func=context.grade_label, key=BOXES["grade"], **keep,
                        **({} if emptied else {"index": ladder.codes.index(start["grade"])}))
try:
    if all_roles is None:
        spec = jobspec.draft_for_grade(fw, grade, context.grade_label(grade), context.grade_levels())
    else:
        spec = jobspec.draft(fw, all_roles, chosen_roles, grade, context.grade_label(grade), context.grade_levels())
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
missing = [role_names[r] for r in chosen_roles if all_roles is not None and all_roles.role(r).at(grade) is None]
if missing:
    st.warning(f"Not usually found at {grade}: {', '.join(missing)}. The grade's level from Settings is used for it.")
st.markdown("**Levels the post asks for:** " + "; ".join(
    f"skill {s} ({fw.skill(s).name}): level {lv}" for s, lv in sorted(spec.levels.items())))

st.header("2. The criteria")
st.caption("Essential criteria are the indicators the role leans on most at this grade. Desirable ones are the "
           "other indicators at the post's level. Change any of them, or leave them out." if all_roles is not None
           else "Essential criteria are the indicators at the level the grade asks. Change any of them, or leave "
           "them out.")
extra_choices = [c for c in fw.codes if c not in {x.code for x in spec.criteria}]
start["extra"] = [c for c in start["extra"] if c in extra_choices]
extra = st.multiselect("Add more indicators as criteria", extra_choices,
                       format_func=lambda c: f"{c} {fw.indicator(c).statement}", key=BOXES["extra"],
                       placeholder="Any other indicator", **first("extra", "default"), **keep)
if extra:
    added = tuple(jobspec.Criterion(c, fw.indicator(c).statement, fw.indicator(c).level, fw.indicator(c).skill,
                                    jobspec.DESIRABLE) for c in extra)
    spec = replace(spec, criteria=spec.criteria + added)
suggested = {c.code: c.weight for c in spec.criteria}
edited = st.data_editor(
    pd.DataFrame([{"Code": c.code, "Level": c.level, "Criterion": c.statement,
                   "Weight": saved_weights.get(c.code, c.weight)} for c in spec.criteria]),
    key=f"spec_criteria_{'-'.join(chosen_roles)}_{grade}", hide_index=True, width="stretch", num_rows="fixed",
    disabled=["Code", "Level", "Criterion"],
    column_config={"Weight": st.column_config.SelectboxColumn("Weight", options=list(jobspec.WEIGHTS),
                                                              required=True)},
)
shown_weights = dict(zip(edited["Code"], edited["Weight"]))
# Weights moved from the suggestion are kept with the draft, with those of criteria not shown now.
weights = {**{c: w for c, w in saved_weights.items() if c not in suggested},
           **{c: w for c, w in shown_weights.items() if w != suggested[c]}}
if weights != saved_weights:
    keep_draft(weights)
    keep["args"] = (weights,)
try:
    spec = jobspec.reweighed(spec, shown_weights)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
st.markdown(f"{len(spec.essential)} essential and {len(spec.desirable)} desirable criteria.")

st.header("3. About the post")
if context.current_profile() is None:
    st.caption("What you choose and type here is kept as you leave each box, so you can visit another page and "
               f"find it here when you come back; a reload loses it. {context.how_to_get_a_profile()} to keep "
               "it after a reload too.")
else:
    st.caption("What you choose and type here is kept as you leave each box, so you can go to another page, "
               "or reload this one, and find it here when you come back, until you discard it.")
a, b = st.columns(2)
if draft_saved is None or draft_saved.title is None:
    start["title"] = default_title(chosen_roles)  # a title not typed follows the roles
title = a.text_input("Job title", key=BOXES["title"], max_chars=200, **first("title"), **keep)
team = b.text_input("Team", key=BOXES["team"], max_chars=200, **first("team"), **keep,
                    placeholder="For example: Knowledge and Information Management")
location = a.text_input("Location", key=BOXES["location"], max_chars=200, **first("location"), **keep,
                        placeholder="For example: Leeds or London")
salary = b.text_input("Salary band", key=BOXES["salary_band"], max_chars=200, **first("salary_band"), **keep,
                      placeholder="For example: £36,000 to £42,000")
closing = a.date_input("Closing date", min_value=today, format="DD/MM/YYYY", key=BOXES["closing_date"],
                       **first("closing_date"), **keep)
summary = st.text_area("Job summary", key=BOXES["summary"], max_chars=5000, **first("summary"), **keep,
                       placeholder="What the team does, and what the post holder will do for it.")
duties = st.text_area("Responsibilities, one on each line", key=BOXES["responsibilities"], max_chars=5000,
                      **first("responsibilities"), **keep)
drafts.warn_if_not_kept(PROBLEM)
st.button("Discard this draft", key="spec_discard", on_click=discard_draft,
          help="Empty the boxes and start again from the suggested post.")
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
        from planner.documents import jobspec as export

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
        from planner.documents import jobspec as export

        return (export.sift_xlsx if kind == "xlsx" else export.sift_csv)(spec, int(candidates))
    return build


s1, s2 = st.columns(2)
s1.download_button("Sift sheet (Excel)", data=sift("xlsx"), file_name=f"sift-{slug}.xlsx", key="spec_sift_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
s2.download_button("Sift sheet (CSV)", data=sift("csv"), file_name=f"sift-{slug}.csv", mime="text/csv",
                   key="spec_sift_csv", on_click="ignore")
