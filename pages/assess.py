"""Self-assessment: rate every indicator in scope, add evidence, save a dated snapshot."""

from datetime import date

import streamlit as st

from planner.domain import assessment, drafts, tables, wording
from planner.domain.models import MAX_TEXT, RATING_LABELS, RATING_MEANINGS, Assessment, Draft, Evidence, utc_now
from planner.services import frameworks
from ui import carry, context
from ui.datatable import show_table
from ui.session import kept

repo = context.repository()
fw = context.the_framework()

context.start_page("Assess yourself")
profile = context.require_profile()
levels_by_grade = context.grade_levels()


def load_draft() -> Draft:
    seen = context.picture_of(profile)
    if seen.draft is not None:
        return seen.draft
    scope = drafts.default_scope(profile, levels_by_grade)
    return drafts.start_draft(fw, profile, seen.assessments, scope, utc_now())


EVIDENCE_PARTS = {
    "situation": "Situation: where and when was it?",
    "task": "Task: what needed doing, and what was your part?",
    "action": "Action: what did you do?",
    "result": "Result: what happened, and what did you learn?",
}


def keep_what_the_screen_shows(saved: Draft) -> Draft:
    """Save every rating, the scope and the evidence typed that the screen shows and the draft lacks.

    A click that lands while the page is still running interrupts that run, and Streamlit then
    skips the widget's on_change; the widget's value is still current on the next run, so
    comparing every widget with the draft on every run loses no click (one write). The same
    comparison runs as each widget's on_change, which Streamlit calls even when the person's
    next step is a link to another page.
    """
    # One copy of the widgets' values: each look-up in st.session_state itself goes through them all.
    screen = st.session_state.to_dict()
    shown = {code: screen[f"rate_{code}"] for code in fw.codes if f"rate_{code}" in screen}
    updated = drafts.with_shown_ratings(saved, shown, utc_now())
    scope_shown = screen.get("assess_scope")
    if scope_shown is not None and scope_shown != updated.scope_level:
        updated = drafts.with_scope(updated, scope_shown, utc_now(), fw.top_level)
    typed = {
        code: Evidence(**{part: screen[f"assess_star_{code}_{part}"] for part in EVIDENCE_PARTS})
        for code in fw.codes if all(f"assess_star_{code}_{part}" in screen for part in EVIDENCE_PARTS)
    }
    updated = drafts.with_typed_evidence(updated, typed, utc_now())
    if "assess_comment" in screen:
        updated = drafts.with_comment(updated, screen["assess_comment"], utc_now())
    if updated is not saved:
        repo.put(updated)
    return updated


def keep_on_change() -> None:
    with context.plain_errors():
        keep_what_the_screen_shows(load_draft())


seen_before = context.picture_of(profile)
library = context.the_library()
carry.offer_to_carry(profile, fw, frameworks.carry_offer(library, fw, seen_before.own, seen_before.draft),
                     frameworks.carried_so_far(library, fw, seen_before.draft, seen_before.assessments),
                     drafts.default_scope(profile, levels_by_grade))
if seen_before.draft is not None and seen_before.draft.framework_version != fw.ref:
    # Ratings in progress in an earlier version are not rated against this one: they carry first.
    st.stop()
draft = load_draft()
with context.plain_errors():
    draft = keep_what_the_screen_shows(draft)
scope_names = {n: f"Levels 1 to {n}" if n > 1 else "Level 1 only" for n in range(1, fw.top_level + 1)}

st.markdown(
    "Rate yourself against each indicator. Your ratings are saved as a draft as you go, so you "
    "can leave and come back. When you are ready, save the assessment: it is kept with its "
    "date, and earlier assessments are never changed."
)
st.selectbox(
    "Levels to rate",
    options=list(scope_names),
    format_func=scope_names.get,
    index=min(draft.scope_level, fw.top_level) - 1,
    key="assess_scope",
    on_change=keep_on_change,
    help="By default you rate every level up to the level of your target grade. You can widen it.",
)
scope = min(draft.scope_level, fw.top_level)
rated, total = assessment.rated_count(fw, draft.ratings, scope)
st.progress(rated / total if total else 0.0, text=f"{rated} of {total} indicators rated")

with st.expander("What the ratings mean", expanded=rated == 0):
    st.markdown(
        "| Rating | Meaning |\n| --- | --- |\n"
        + "\n".join(f"| {n} {RATING_LABELS[n]} | {RATING_MEANINGS[n]} |" for n in RATING_LABELS)
    )
    st.caption("A rating of 3 or 4 meets the indicator. An indicator you have not rated counts as not met.")

options = list(RATING_LABELS)
# One skill at a time: fewer widgets per rerun keeps the page quick, and the list shorter to scan.
skill_progress = {
    s.number: sum(i.code in draft.ratings for i in assessment.in_scope(fw, scope) if i.skill == s.number)
    for s in fw.skills
}
skill_totals = {s.number: sum(1 for i in assessment.in_scope(fw, scope) if i.skill == s.number) for s in fw.skills}
# The count is a caption, not part of the label: a browser keeps a choice by its label, so a
# label that changed with every rating sent the choice back to Skill 1.
skill_number = st.radio(
    "Skill to rate",
    [s.number for s in fw.skills],
    format_func=lambda n: f"Skill {n}: {fw.skill(n).name}",
    captions=[f"{skill_progress[s.number]} of {skill_totals[s.number]} rated" for s in fw.skills],
    key="assess_skill",
)
skill = fw.skill(skill_number)
st.header(f"Skill {skill.number}: {skill.name}")
st.caption(skill.description)
for level in fw.levels:
    if level.number > scope:
        continue
    st.subheader(f"{level.title}")
    for ind in fw.indicators_for(level=level.number, skill=skill.number):
        current = draft.ratings.get(ind.code)
        choice = st.radio(
            # Plain words: a screen reader announces a radio group's label exactly as written.
            f"{ind.code} {ind.statement}",
            options=options,
            format_func=lambda n: f"{n} {RATING_LABELS[n]}",
            index=current.score if current else None,
            horizontal=True,
            key=f"rate_{ind.code}",
            on_change=keep_on_change,
        )
        if choice is None:
            st.caption("Not rated yet.")
        else:
            note = " Evidence added." if current and not current.evidence.is_empty else ""
            st.caption(f"{choice} {RATING_LABELS[choice]}: {RATING_MEANINGS[choice]}{note}")
next_skill = skill_number % len(fw.skills) + 1
st.markdown(f"When you have rated this skill, choose **Skill {next_skill}** under *Skill to rate* above.")

st.header("Evidence")
st.markdown(
    "Evidence is optional. Give a short example in the STAR form the Civil Service uses: the "
    "situation, the task, what you did, and the result."
)
in_scope = assessment.in_scope(fw, scope)
code = st.selectbox(
    "Indicator", [i.code for i in in_scope],
    format_func=lambda c: f"{c} {fw.indicator(c).statement}", key="assess_evidence_code",
)
shown_evidence = drafts.evidence_shown(draft, code)
st.caption(
    f"Evidence for {code}. What you type is kept as you leave the box, even if you then go to "
    "another page or close the browser. Save evidence adds it to your rating, replacing what was there."
)
# Not in a form: a form sends nothing until it is submitted, so typing was lost on leaving the
# page. Keys include the code, so each indicator's boxes show its own evidence.
written = {
    part: st.text_area(label, value=getattr(shown_evidence, part), key=f"assess_star_{code}_{part}",
                       max_chars=MAX_TEXT, on_change=keep_on_change)
    for part, label in EVIDENCE_PARTS.items()
}
if code in draft.typed_evidence:
    st.caption(f"What you typed for {code} is kept, but not yet saved with your rating.")
if st.button("Save evidence", key="assess_save_evidence"):
    with context.plain_errors():
        repo.put(drafts.with_evidence(load_draft(), code, Evidence(**written), utc_now()))
        context.flash(f"Saved the evidence for {code}.")
        st.rerun()

with_evidence = [c for c, r in draft.ratings.items() if not r.evidence.is_empty]
if with_evidence:
    st.markdown(f"You have evidence for {len(with_evidence)} indicators.")
    with st.expander("Read your evidence"):
        evidenced = set(with_evidence)
        for c in [code for code in fw.codes if code in evidenced]:
            ev = draft.ratings[c].evidence
            st.markdown(f"**{c}** {fw.indicator(c).statement}")
            st.text(f"Situation: {ev.situation}\nTask: {ev.task}\nAction: {ev.action}\nResult: {ev.result}")

st.header("Save this assessment")
own = context.picture_of(profile).own
unrated = total - rated
if unrated:
    st.warning(
        f"{unrated} of the {total} indicators in scope are not rated. They will be saved as not "
        "rated, and count as not met."
    )


def save_assessment(replace_earlier: bool | None = None) -> None:
    """Save the draft as a dated snapshot: on_click of Save assessment (None), Replace the earlier
    one (True) and Keep both (False).

    A callback, because it runs before the page is drawn: only then may it empty the comment box.
    """
    with context.plain_errors():
        current = keep_what_the_screen_shows(load_draft())
        waiting = kept()["assess_same_day"]
        taken_on = (st.session_state["assess_date"] if replace_earlier is None or not waiting
                    else date.fromisoformat(waiting["taken_on"]))
        snap = drafts.snapshot(fw, current, taken_on, date.today(), utc_now(), current.comment)
        # Only a snapshot of the same version is offered for replacing: one of an earlier version stays as it was.
        earlier = drafts.saved_on([a for a in repo.list(Assessment, profile.id) if a.framework_version == fw.ref],
                                  taken_on)
        if replace_earlier is None and earlier is not None:
            # Two on one day read alike later: ask whether this one replaces the earlier one.
            kept()["assess_same_day"] = {"taken_on": taken_on.isoformat()}
            return
        if replace_earlier and earlier is not None:
            repo.put(drafts.replacing(snap, earlier))
            done = "Replaced"
        else:
            repo.add(snap)
            done = "Saved"
        # The comment went with this assessment; the next one starts without it.
        # Once saved, what was carried is this version's own assessment: the draft no longer says it was carried.
        repo.put(drafts.with_comment(current, "", utc_now()).model_copy(update={"carried_from": None}))
        st.session_state["assess_comment"] = ""
        kept()["assess_same_day"] = None
        context.flash(
            f"{done} your assessment of {wording.long_date(snap.taken_on)} with {len(snap.ratings)} "
            "ratings. See your gaps on the Gaps and progress page."
        )


def forget_same_day_save() -> None:
    kept()["assess_same_day"] = None


# Not in a form, so a comment typed is kept (as the box is left) like the rest of the draft.
st.date_input("Date of this assessment", value=date.today(), max_value=date.today(),
              min_value=drafts.EARLIEST_DATE, format="DD/MM/YYYY", key="assess_date")
st.text_area("Comment (optional)", value=draft.comment, key="assess_comment", max_chars=MAX_TEXT,
             on_change=keep_on_change,
             help="For example: what prompted this assessment. Kept as you leave the box.")
st.button("Save assessment", type="primary", key="assess_save", on_click=save_assessment)

waiting = kept()["assess_same_day"]
in_version = [a for a in own if a.framework_version == fw.ref]
earlier = drafts.saved_on(in_version, date.fromisoformat(waiting["taken_on"])) if waiting else None
if earlier is not None:
    with st.container(border=True):
        st.warning(
            f"You have already saved an assessment of {wording.long_date(earlier.taken_on)} (saved at "
            f"{wording.time_of_day(earlier.created_at)}). Replace it with this one, or keep both?"
        )
        replace_col, keep_col, cancel_col = st.columns(3)
        replace_col.button("Replace the earlier one", key="assess_replace", on_click=save_assessment, args=(True,))
        keep_col.button("Keep both", key="assess_keep_both", on_click=save_assessment, args=(False,))
        cancel_col.button("Do not save", key="assess_cancel_save", on_click=forget_same_day_save)

if own:
    st.header("Your saved assessments")
    show_table(tables.progress_table(fw, own, context.framework_of))
    st.caption(assessment.LEVEL_RULE)
    st.page_link("pages/gaps.py", label="See your gaps and progress", icon=":material/insights:")
