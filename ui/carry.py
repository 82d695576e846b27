"""Assess yourself after a new framework version: start from the ratings the crosswalk carries, and see what came."""

from __future__ import annotations

import streamlit as st

from planner.domain import crosswalk, wording
from planner.domain.models import RATING_LABELS, Framework, Profile, utc_now
from planner.services import frameworks
from planner.services.frameworks import CarryOffer
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown


def _made_with(offer: CarryOffer) -> str:
    if offer.snapshot.id == frameworks.DRAFT_ID:
        return f"Your ratings in progress were made with version {escape_markdown(offer.old.version)}"
    return (f"Your latest assessment ({wording.long_date(offer.snapshot.taken_on)}) was made with version "
            f"{escape_markdown(offer.old.version)}")


def _what_carries(offer: CarryOffer, key: str) -> None:
    carried = offer.carried
    added = {ind.code for ind in crosswalk.diff(offer.old, offer.new, offer.crosswalk).added}
    st.markdown(
        f"{wording.counted(len(carried.carried), 'rating')} carried, "
        f"{wording.counted(len(added), 'indicator')} new in this version, "
        f"{wording.counted(len(carried.retired), 'rated indicator')} retired. "
        f"{wording.counted(len(carried.new_to_rate), 'indicator')} in all have no rating carried to them."
    )
    with st.expander("What is carried, what is new to rate, and what was retired"):
        if carried.carried:
            st.markdown("**Carried**")
            show_table([{"Indicator": c.code, "From": ", ".join(c.from_codes),
                         "Rating": f"{c.score} {RATING_LABELS[c.score]}", "Note": c.note}
                        for c in carried.carried], key=f"{key}_carried")
        if carried.new_to_rate:
            st.markdown("**To rate** (nothing carries to these)")
            show_table([{"Indicator": code, "Statement": offer.new.indicator(code).statement,
                         "New in this version": "Yes" if code in added else "No"}
                        for code in carried.new_to_rate], key=f"{key}_new")
        if carried.retired:
            st.markdown("**Retired** (not in the new version, so not carried)")
            show_table([{"Indicator": r.code, "Statement": r.statement, "Note": r.note}
                        for r in carried.retired], key=f"{key}_retired")


def offer_to_carry(profile: Profile, fw: Framework, offer: CarryOffer | None, so_far: CarryOffer | None,
                   scope_level: int) -> None:
    """The offer to start this version's assessment from earlier ratings, or what was carried so far."""
    if offer is not None:
        st.info(
            f"The framework in use is now version {escape_markdown(fw.version)}. {_made_with(offer)}. Start this "
            "assessment from those ratings: the crosswalk carries each one to the indicators that replace it. "
            "Your earlier assessment is not changed.",
            icon=":material/sync_alt:",
        )
        _what_carries(offer, "carry_offer")
        if st.button("Start from my carried ratings", type="primary", key="carry_start"):
            with context.plain_errors():
                frameworks.start_carried(context.repository(), context.actor_of(profile), profile, offer,
                                         scope_level, utc_now())
                context.flash(f"Started from your ratings in version {escape_markdown(offer.old.version)}: "
                              f"{wording.counted(len(offer.carried.carried), 'rating')} carried. "
                              "Check them, rate what is new, then save the assessment.")
                st.rerun()
    elif so_far is not None:
        st.info(
            f"These ratings were carried from your assessment of {wording.long_date(so_far.snapshot.taken_on)} "
            f"(version {escape_markdown(so_far.old.version)}). Check them and rate what is new before you save.",
            icon=":material/sync_alt:",
        )
        _what_carries(so_far, "carry_so_far")
