"""Job specification: a job advert and a sift sheet for a post, written from the framework (the Technical element)
and the Success Profiles behaviours, saved under a name to reopen later.

Where the roles in use are written for another framework than the one in use, a post is specified by its grade.
"""

import hashlib
import math
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner.domain import behaviours, jobspec, sift
from planner.domain.models import JobSpecDraft, utc_now
from planner.errors import PlannerError
from ui import context, drafts, saved_specs
from ui.session import kept
from ui.text import escape_markdown

fw = context.the_framework()
ladder = context.the_grades()
behaviour_set = context.the_behaviours()
all_roles = context.roles_in_use()  # None: the roles are written for another framework; posts by grade only
role_names = {r.id: r.name for r in all_roles.roles} if all_roles is not None else {}
today = date.today()

# The draft's fields and the boxes that hold them. What is chosen and typed is kept as each box is
# left: in the person's saved data when a profile is chosen, else in this browser tab's session.
BOXES = {
    "roles": "spec_roles", "grade": "spec_grade", "extra": "spec_extra", "behaviours": "spec_behaviours",
    "title": "spec_title", "team": "spec_team", "location": "spec_location", "salary_band": "spec_salary",
    "closing_date": "spec_closing", "summary": "spec_summary", "responsibilities": "spec_duties",
}
# The start of the keys of the tables of criteria and behaviours (each key also names the rows it shows).
# (Comments, not strings: Streamlit would write a string standing alone on the page.)
TABLES = ("spec_criteria_", "spec_behaviour_marks_")
UNSAVED = "jobspec_draft"  # kept value (ui.session): the draft of a session with no profile
PROBLEM = "jobspec_problem"  # kept value: why the draft could not be kept
EMPTIED = "jobspec_emptied"  # kept value: the draft was discarded or reopened, so the boxes start again
DEFAULT_ROLES = [r for r in ["records-manager"] if r in role_names] or list(role_names)[:1]
DEFAULT_GRADE = "HEO" if "HEO" in ladder.codes else ladder.codes[0]
GRADE_ONLY_TITLE = "New post"  # the title a post specified by its grade alone starts with, for the manager to change


def saved_draft() -> JobSpecDraft | None:
    profile = context.current_profile()
    if profile is None:
        return kept()[UNSAVED]
    try:
        return context.repository().get(JobSpecDraft, profile.id, "current")
    except PlannerError as exc:
        st.warning(f"What you typed here before could not be read back: {escape_markdown(str(exc))}")
        return None


def keep_draft(**tables: dict) -> None:
    """Keep what the boxes hold as the draft (as each box is left), with the tables' pass marks and weights
    when given; every field the boxes do not hold now (or tables not given) stays as it was kept."""
    profile = context.current_profile()
    earlier = saved_draft()
    values = {field: st.session_state[key] for field, key in BOXES.items() if key in st.session_state}
    for field in ("roles", "extra", "behaviours"):
        if field in values:
            values[field] = list(values[field] or [])
    if "grade" in values:
        values["grade"] = values["grade"] or ""
    if "title" in values:
        roles_now = values.get("roles", earlier.roles if earlier else DEFAULT_ROLES)
        follows = {default_title(roles_now), default_title(earlier.roles if earlier else DEFAULT_ROLES)}
        values["title"] = None if values["title"] in follows else values["title"]  # None: follows the roles
    for field in ("team", "location", "salary_band", "summary", "responsibilities"):
        if field in values:
            values[field] = values[field] or ""

    def save() -> None:
        draft = JobSpecDraft(profile_id=profile.id if profile else "", saved_as=earlier.saved_as if earlier else None,
                             updated_at=utc_now(), **((earlier.fields() if earlier else {}) | values | tables))
        if profile is None:
            kept()[UNSAVED] = draft
        else:
            context.repository().put(draft)

    drafts.keep(PROBLEM, save)


def fill_boxes(draft: JobSpecDraft | None) -> None:
    """Put a draft's every field into the boxes (the suggested post for None), and draw the tables afresh."""
    fresh = starting_values(draft)
    for field, key in BOXES.items():
        st.session_state[key] = fresh[field]
    kept()[EMPTIED] = True
    for key in [k for k in st.session_state if str(k).startswith(TABLES)]:
        del st.session_state[key]  # the tables start again from the draft's pass marks and weights


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
    fill_boxes(None)
    context.flash("Discarded the draft. The boxes start again from the suggested post.")


def default_title(role_ids: list[str]) -> str:
    return " and ".join(role_names[r] for r in role_ids if r in role_names) or GRADE_ONLY_TITLE


def starting_values(draft: JobSpecDraft | None) -> dict:
    """What the boxes start from when the browser draws them afresh: the draft, else the suggested post."""
    chosen = [r for r in draft.roles if r in role_names] if draft else DEFAULT_ROLES
    closing = draft.closing_date if draft and draft.closing_date and draft.closing_date >= today else None
    picked = draft.behaviours if draft and draft.behaviours is not None else jobspec.SUGGESTED_BEHAVIOURS
    return {
        "roles": chosen,
        "grade": draft.grade if draft and draft.grade in ladder.codes else DEFAULT_GRADE,
        "extra": [c for c in draft.extra if c in fw.codes] if draft else [],
        "behaviours": [b for b in picked if b in behaviours.BEHAVIOURS],
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
    # discarded or reopened the boxes were set through session state instead, and take no default that run.
    return {} if emptied else {argument: start[field]}


def table_key(prefix: str, keys: list[str]) -> str:
    """A table's key, naming the rows it shows: other rows are a new table, drawn from what is kept."""
    return prefix + hashlib.sha256("|".join(keys).encode()).hexdigest()[:12]


def number(value: object) -> float | None:
    """A number from a table's cell; None for an empty one."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


context.start_page("Job specification")
draft_saved = saved_draft()
start = starting_values(draft_saved)
kept_marks = dict(draft_saved.pass_marks) if draft_saved else {}
kept_sift_weights = dict(draft_saved.sift_weights) if draft_saved else {}
saved_weights = dict(draft_saved.weights) if draft_saved else {}
keep = {"on_change": keep_draft}
emptied = kept()[EMPTIED]
kept()[EMPTIED] = False
st.markdown(
    "Write a job advert and a person specification for a KIM post: technical criteria taken word for word "
    "from the framework, and the Success Profiles behaviours the post assesses at its grade's level. Then "
    "download a sift sheet to score candidates against both, with a pass mark and a weight for each."
)
saved_specs.saved_list(context.current_profile(), fill_boxes)

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

st.header("2. The technical criteria")
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
shown_use = {c.code: saved_weights.get(c.code, c.weight) for c in spec.criteria}
st.caption(f"At the sift each criterion is scored from 1 to 7. An essential one is met at its pass mark (usually "
           f"{jobspec.DEFAULT_PASS_MARK}); a desirable one has none. A weight of 2 counts a score twice in the "
           "weighted total.")
edited = st.data_editor(
    pd.DataFrame([{"Code": c.code, "Level": c.level, "Criterion": c.statement, "Use as": shown_use[c.code],
                   "Pass mark": kept_marks.get(c.code, jobspec.DEFAULT_PASS_MARK)
                   if shown_use[c.code] == jobspec.ESSENTIAL else None,
                   "Weight": kept_sift_weights.get(c.code, jobspec.DEFAULT_SIFT_WEIGHT)} for c in spec.criteria]),
    key=table_key(TABLES[0], [c.code for c in spec.criteria]), hide_index=True, width="stretch", num_rows="fixed",
    disabled=["Code", "Level", "Criterion"],
    column_config={
        "Criterion": st.column_config.TextColumn("Criterion", width="large"),
        "Use as": st.column_config.SelectboxColumn("Use as", options=list(jobspec.WEIGHTS), required=True),
        "Pass mark": st.column_config.NumberColumn(
            "Pass mark", min_value=1, max_value=7, step=1,
            help="The lowest score, from 1 to 7, that meets an essential criterion. Desirable criteria have none."),
        "Weight": st.column_config.NumberColumn("Weight", min_value=0.0, max_value=sift.MOST_WEIGHT, step=0.5,
                                                required=True, help="How many times its score counts in the "
                                                                    "weighted total: 1 once, 2 twice."),
    },
)
shown_weights = dict(zip(edited["Code"], edited["Use as"]))
# Weights moved from the suggestion are kept with the draft, with those of criteria not shown now.
weights = {**{c: w for c, w in saved_weights.items() if c not in suggested},
           **{c: w for c, w in shown_weights.items() if w != suggested[c]}}
shown_marks = {code: number(mark) if use == jobspec.ESSENTIAL else None
               for code, use, mark in zip(edited["Code"], edited["Use as"], edited["Pass mark"])}
shown_sift_weights = {code: number(w) for code, w in zip(edited["Code"], edited["Weight"])}
try:
    spec = jobspec.reweighed(spec, shown_weights)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
st.markdown(f"{len(spec.essential)} essential and {len(spec.desirable)} desirable criteria.")

st.header("3. The behaviours")
st.caption("Civil Service posts assess Success Profiles behaviours beside the technical criteria, each at the level "
           "of the post's grade. Campaigns usually assess four to six of the nine.")
chosen_behaviours = st.multiselect("Behaviours the post assesses", list(behaviours.BEHAVIOURS),
                                   format_func=behaviours.behaviour_name, key=BOXES["behaviours"],
                                   placeholder="Choose the behaviours", **first("behaviours", "default"), **keep)
try:
    spec = jobspec.with_behaviours(spec, behaviour_set, chosen_behaviours)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
level = spec.behaviours[0]
st.markdown(f"At {escape_markdown(spec.grade_name)} each behaviour is assessed at "
            f"{behaviours.level_words(level.level, level.grades)}:")
st.markdown("\n".join(f"- **{b.name}**: {escape_markdown(b.description)}" for b in spec.behaviours))
if len(spec.behaviours) not in behaviours.USUAL_BEHAVIOURS:
    st.info(f"This post assesses {len(spec.behaviours)} behaviours; campaigns usually assess four to six.")
behaviour_frame = st.data_editor(
    pd.DataFrame([{"Behaviour": b.name, "Pass mark": kept_marks.get(b.id, jobspec.DEFAULT_PASS_MARK),
                   "Weight": kept_sift_weights.get(b.id, jobspec.DEFAULT_SIFT_WEIGHT)} for b in spec.behaviours]),
    key=table_key(TABLES[1], [b.id for b in spec.behaviours]), hide_index=True, width="stretch", num_rows="fixed",
    disabled=["Behaviour"],
    column_config={
        "Pass mark": st.column_config.NumberColumn("Pass mark", min_value=1, max_value=7, step=1, required=True,
                                                   help="The lowest score, from 1 to 7, that meets the behaviour."),
        "Weight": st.column_config.NumberColumn("Weight", min_value=0.0, max_value=sift.MOST_WEIGHT, step=0.5,
                                                required=True, help="How many times its score counts in the "
                                                                    "weighted total: 1 once, 2 twice."),
    },
)
ids = [b.id for b in spec.behaviours]
shown_marks |= {i: number(mark) for i, mark in zip(ids, behaviour_frame["Pass mark"])}
shown_sift_weights |= {i: number(w) for i, w in zip(ids, behaviour_frame["Weight"])}
pass_marks = sift.changed_from_usual(shown_marks, kept_marks, jobspec.DEFAULT_PASS_MARK)
sift_weights = sift.changed_from_usual(shown_sift_weights, kept_sift_weights, jobspec.DEFAULT_SIFT_WEIGHT)
tables = {"weights": weights, "pass_marks": pass_marks, "sift_weights": sift_weights}
if (weights, pass_marks, sift_weights) != (saved_weights, kept_marks, kept_sift_weights):
    keep_draft(**tables)
try:
    spec = sift.with_marks(spec, pass_marks, sift_weights)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
lowest, highest = sift.total_range(spec)
st.markdown(f"A candidate's weighted total runs from {lowest:g} (1 on everything) to {highest:g} (7 on everything); "
            "they must also reach the pass mark of every behaviour and essential criterion.")

st.header("4. About the post")
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


def keep_and_read() -> JobSpecDraft | None:
    keep_draft()
    return None if kept()[PROBLEM] else saved_draft()


saved_specs.save_section(context.current_profile(), draft_saved, keep_and_read, spec.post.title)

st.header("6. Download")
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
st.markdown("**The sift sheet**: the pass marks and weights, then one row per candidate with a column per "
            "behaviour and criterion, scored 1 to 7. The Excel sheet works out each weighted total and whether "
            "every pass mark is met, and has the scale as a key.")
candidates = st.number_input("Rows for candidates", min_value=1, max_value=500, value=20, step=1, key="spec_candidates")


def sift_sheet(kind: str):
    def build() -> bytes:
        from planner.documents import jobspec as export

        return (export.sift_xlsx if kind == "xlsx" else export.sift_csv)(spec, int(candidates))
    return build


s1, s2 = st.columns(2)
s1.download_button("Sift sheet (Excel)", data=sift_sheet("xlsx"), file_name=f"sift-{slug}.xlsx", key="spec_sift_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
s2.download_button("Sift sheet (CSV)", data=sift_sheet("csv"), file_name=f"sift-{slug}.csv", mime="text/csv",
                   key="spec_sift_csv", on_click="ignore")
