"""Recommendations: learning and development activities that close a person's gaps within their means."""

from datetime import date

import streamlit as st

from planner.domain import curriculum, plan, recommend, wording
from planner.domain.models import utc_now
from planner.errors import PlannerError
from planner.services import plans
from ui import context
from ui.session import kept
from ui.text import escape_markdown, web_link

repo = context.repository()
fw = context.the_framework()

context.start_page("Recommendations")
profile = context.require_profile()
cur = context.the_curriculum()
today = date.today()

me = context.picture_of(profile)
me_acting = context.actor_of(profile)
if me.target is None:
    st.error(escape_markdown(me.target_problem or ""))
    st.stop()  # the error says why; nothing below can be worked out without a target
ratings, target_grade, found, items = me.ratings, me.target_grade, me.gaps, me.plan_items
held = plan.commitments(items, cur)

st.markdown(
    f"Activities from the curriculum that close your gaps for "
    f"{escape_markdown(context.grade_label(target_grade))}, within the money and time you have. "
    "Each one says which gaps it closes and why it is where it is in the list."
)
if not context.curriculum_is_imported():
    st.caption(cur.note)
elsewhere = context.curriculum_not_for_this_framework()
if elsewhere:
    st.warning(escape_markdown(elsewhere))
if not ratings:
    st.info("Rate yourself first, so the recommendations can aim at your gaps.")
    st.page_link("pages/assess.py", label="Assess yourself", icon=":material/checklist:")
    st.stop()

# --- Constraints -----------------------------------------------------------------------------
saved = kept()["recommend_constraints"] or recommend.Constraints()
formats = sorted({a.format for a in cur.activities})
providers = sorted({a.provider for a in cur.activities})
with st.form("recommend_form", enter_to_submit=False):
    st.header("What you can give")
    a, b, c = st.columns(3)
    budget = a.number_input("Budget (£)", min_value=0.0, max_value=1_000_000.0, value=float(saved.budget),
                            step=50.0, key="rec_budget")
    hours = b.number_input("Hours a month", min_value=0.5, max_value=200.0, value=float(saved.hours_per_month),
                           step=0.5, key="rec_hours")
    horizon = c.number_input("Months to plan for", min_value=1, max_value=60, value=int(saved.horizon_months),
                             step=1, key="rec_horizon")
    d, e = st.columns(2)
    max_items = d.number_input("Most activities to suggest", min_value=1, max_value=30,
                               value=int(saved.max_items), step=1, key="rec_max_items")
    years = e.number_input("Years of KIM experience", min_value=0.0, max_value=50.0,
                           value=float(saved.years_experience), step=0.5, key="rec_years",
                           help="Some qualifications ask for years of experience first.")
    chosen_formats = st.multiselect("Formats you can take part in", formats,
                                    default=sorted(saved.formats) or None, key="rec_formats",
                                    placeholder="Any format")
    avoid = st.multiselect("Providers to leave out", providers, default=sorted(saved.avoid_providers) or None,
                           key="rec_avoid", placeholder="None")
    st.markdown("**Mix of learning** (the 70:20:10 model: by doing, from others, formal). "
                "The shares limit how many activities of each kind are suggested.")
    mix = dict(saved.mix)
    m1, m2, m3 = st.columns(3)
    mix_experience = m1.number_input("Learning by doing (%)", 0, 100, mix.get("experience", 70),
                                     key="rec_mix_experience")
    mix_others = m2.number_input("Learning from others (%)", 0, 100, mix.get("others", 20), key="rec_mix_others")
    mix_formal = m3.number_input("Formal learning (%)", 0, 100, mix.get("formal", 10), key="rec_mix_formal")
    if st.form_submit_button("Update the recommendations", type="primary"):
        kept()["recommend_constraints"] = recommend.Constraints(
            budget=budget, hours_per_month=hours, horizon_months=int(horizon), max_items=int(max_items),
            years_experience=years, formats=frozenset(chosen_formats), avoid_providers=frozenset(avoid),
            mix=(("experience", int(mix_experience)), ("others", int(mix_others)), ("formal", int(mix_formal))),
        )
        st.rerun()

constraints = kept()["recommend_constraints"] or saved
try:
    result = recommend.recommend(found, cur, constraints, held=held)
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

# --- Results ---------------------------------------------------------------------------------
st.header("Recommended for you")
if result.planned:
    st.markdown(
        f"Your plan already works on {len(result.planned)} of your {len(found)} gaps: {', '.join(result.planned)}. "
        "They count as covered, so nothing more is suggested for them."
    )
for note in result.notes:
    st.markdown(note)
if result.open_shortfall:
    still_open = "on the gaps your plan does not work on yet" if result.planned else "between you and your target"
    st.progress(result.share_closed, text=(
        f"These close {result.shortfall_closed} of the {wording.counted(result.open_shortfall, 'point')} {still_open} "
        f"({result.share_closed:.0%})."))

dated = recommend.schedule(result, today)
for rec, due in dated:
    activity = rec.activity
    with st.container(border=True):
        # The curriculum may come from an imported file: its words are shown as text.
        st.subheader(f"{rec.rank}. {escape_markdown(activity.title)}")
        cost = "No fee" if activity.cost == 0 else f"£{activity.cost:,.0f}"
        st.markdown(
            f"**{escape_markdown(activity.provider)}** · {escape_markdown(activity.format)} · "
            f"{curriculum.CATEGORY_LABELS[activity.category]} · "
            f"{cost} · about {activity.hours:g} hours · Level {activity.level}"
        )
        st.markdown(escape_markdown(activity.description))
        st.markdown(f"**Why:** {escape_markdown(rec.reason)}")
        if activity.link:
            st.markdown(web_link("More about it on the provider's site", activity.link))
        if st.button("Add to my plan", key=f"rec_add_{activity.id}"):
            with context.plain_errors():
                plans.add_recommended(repo, me_acting, [(rec, due)], fw, utc_now())
                context.flash(f"Added \u201c{escape_markdown(activity.title)}\u201d to your plan, due "
                              f"{wording.long_date(due)}.")
                st.rerun()

if result.items:
    if st.button(f"Add all {len(result.items)} to my plan", type="primary", key="rec_add_all"):
        with context.plain_errors():
            plans.add_recommended(repo, me_acting, dated, fw, utc_now())
            first, last = min(due for _, due in dated), max(due for _, due in dated)
            context.flash(f"Added {len(result.items)} activities to your plan, with target dates from "
                          f"{wording.long_date(first)} to {wording.long_date(last)}.")
            st.rerun()

st.header("The gap left")
if result.uncovered:
    st.markdown(
        f"After these, {len(result.uncovered)} indicators still fall short: {', '.join(result.uncovered)}. "
        "Widen your budget, time or formats, or plan on-the-job objectives for them on My plan."
    )
elif found and result.planned and not result.items:
    st.success("Your plan works on every gap against your target.")
elif found:
    st.success("These activities and your plan cover every gap against your target." if result.planned
               else "These activities cover every gap against your target.")
if held.in_plan or held.done:
    st.caption(f"Left out because they are already in your plan: {len(held.in_plan)}; "
               f"already done: {len(held.done)}.")
st.page_link("pages/plan.py", label="Go to My plan", icon=":material/event_note:")
