"""Teams by consent on a department's server: the member's side (Sharing) and the lead's side (Team capability).

A member answers invitations and leaves teams on the Sharing page; a lead makes teams, invites people
by email and sees who answered on the Team capability page, whose capability view then shows only the
people who joined. Of someone who has not joined the lead sees only the address they typed.
"""

from __future__ import annotations

import streamlit as st

from planner import store
from planner.domain import team, wording
from planner.domain.models import Team, TeamMember, utc_now
from planner.services import teams
from planner.services.acting import Actor
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown

WHAT_THE_LEAD_SEES = (
    "A team lead who invites you sees nothing of yours unless you join. Once you join, they see your "
    "profile, grade, target and latest self-assessment ratings, and the ratings of your earlier self-assessments "
    "for the team's trend over time, read only, with the rest of the team's, until you leave; you can leave at "
    "any time. Each time they look is recorded for you on "
    "**Your profile**, under 'Who has seen or changed your data'."
)

_CHOSEN = "team_lead_team"
"""The id of the team the lead last chose (kept while they move between pages, unlike the widget's own)."""


# --- The member's side (Sharing) ---------------------------------------------------------------


def show_for_member(repo: store.Repository, actor: Actor) -> None:
    """The teams the actor is asked into or belongs to, with Join, Decline and Leave."""
    st.header("Teams")
    st.markdown(WHAT_THE_LEAD_SEES)
    waiting = teams.invitations_for(repo, actor)
    joined = teams.teams_joined(repo, actor)
    if not waiting and not joined:
        st.caption("You are in no team, and nobody has invited you to one.")
    for place in waiting:
        name, lead = escape_markdown(place.team.name), escape_markdown(place.team.lead_name)
        with st.container(border=True):
            st.markdown(f"**{lead}** invited you on {wording.long_date(place.member.asked_at.date())} to join "
                        f"the team **{name}**. If you join, {lead} sees your profile, grade, target and latest "
                        f"self-assessment ratings (and your earlier ones, for the team's trend) until you leave.")
            left, right = st.columns(2)
            if left.button("Join the team", key=f"team_join_{place.member.id}", type="primary"):
                with context.plain_errors():
                    teams.join(repo, actor, place.member.id, utc_now())
                    context.flash(f"You have joined {name}. {lead} can see your profile and latest "
                                  f"self-assessment until you leave.")
                    st.rerun()
            if right.button("Decline", key=f"team_decline_{place.member.id}"):
                with context.plain_errors():
                    teams.decline(repo, actor, place.member.id, utc_now())
                    context.flash(f"Declined. {lead} sees nothing of yours.")
                    st.rerun()
    for place in joined:
        name, lead = escape_markdown(place.team.name), escape_markdown(place.team.lead_name)
        since = wording.long_date((place.member.answered_at or place.member.asked_at).date())
        with st.container(border=True):
            st.markdown(f"You have been in the team **{name}**, led by **{lead}**, since {since}.")
            if st.button("Leave the team", key=f"team_leave_{place.member.id}"):
                with context.plain_errors():
                    teams.leave(repo, actor, place.member.id, utc_now())
                    context.flash(f"You have left {name}. {lead} cannot see your data from now on.")
                    st.rerun()


# --- The lead's side (Team capability) -------------------------------------------------------


def _answer(member: TeamMember) -> str:
    asked = wording.long_date(member.asked_at.date())
    answered = wording.long_date(member.answered_at.date()) if member.answered_at else ""
    return {
        "asked": f"Invited on {asked}; no answer yet",
        "joined": f"Joined on {answered}",
        "declined": f"Declined on {answered}",
        "left": f"Left on {answered}",
    }[member.status]


def _roster_rows(roster: list[TeamMember]) -> list[dict[str, str]]:
    # Of anyone not in the team, only the address the lead typed and their answer.
    return [{"Email": m.email, "Name": m.name if m.status == "joined" else "", "Answer": _answer(m)}
            for m in roster]


def _remember_choice() -> None:
    st.session_state[_CHOSEN] = st.session_state["team_lead_pick"]


def _create_form(repo: store.Repository, actor: Actor, first: bool) -> None:
    with st.form("team_create", clear_on_submit=True, border=True):
        st.subheader("Make a team" if first else "Make another team")
        name = st.text_input("Team name", max_chars=120, key="team_new_name",
                             help="Those you invite see it, with your name, when they sign in.")
        if st.form_submit_button("Make the team"):
            with context.plain_errors():
                made = teams.create_team(repo, actor, name, utc_now())
                st.session_state[_CHOSEN] = made.id
                context.flash(f"Made the team {escape_markdown(made.name)}. Invite people to it below.")
                st.rerun()


def _choose(led: list[Team]) -> Team:
    ids = [t.id for t in led]
    names = {t.id: t.name for t in led}
    chosen = st.session_state.get(_CHOSEN)
    if chosen not in ids:
        chosen = ids[0]
        st.session_state[_CHOSEN] = chosen
    st.session_state["team_lead_pick"] = chosen
    st.selectbox("Team", ids, format_func=names.get, key="team_lead_pick", on_change=_remember_choice)
    return next(t for t in led if t.id == chosen)


def _invite_form(repo: store.Repository, actor: Actor, chosen: Team) -> None:
    with st.form("team_invite", clear_on_submit=True, border=True):
        st.subheader("Invite someone")
        email = st.text_input("Their email address", max_chars=320, key="team_invite_email",
                              help="The address they sign in with. They see your invitation on their Sharing "
                                   "page; you see nothing of theirs until they join.")
        if st.form_submit_button("Invite them"):
            with context.plain_errors():
                made = teams.invite(repo, actor, chosen.id, email, utc_now())
                context.flash(f"Invited {escape_markdown(made.email)} to {escape_markdown(chosen.name)}. They will "
                              f"see the invitation on their Sharing page when they sign in.")
                st.rerun()


def _remove_controls(repo: store.Repository, actor: Actor, roster: list[TeamMember]) -> None:
    emails = {m.id: m.email for m in roster}
    with st.expander("Remove someone from the team"):
        st.markdown("Taking someone out of the team, or withdrawing their invitation, takes effect at once: "
                    "you see nothing of theirs from then on. Their own data is not touched.")
        pick = st.selectbox("Who", list(emails), format_func=emails.get, key="team_remove_pick")
        if st.button("Remove from the team", key="team_remove"):
            with context.plain_errors():
                gone = teams.remove_member(repo, actor, pick)
                context.flash(f"Removed {escape_markdown(gone.email)} from the team.")
                st.rerun()


def _delete_controls(repo: store.Repository, actor: Actor, chosen: Team) -> None:
    name = escape_markdown(chosen.name)
    with st.expander(f"Delete the team {name}"):
        st.markdown(f"Deleting {name} removes it with every invitation and answer. Its members' own data is "
                    "not touched, and you see nothing of theirs from then on.")
        if st.button("Delete the team", key="team_delete"):
            with context.plain_errors():
                teams.delete_team(repo, actor, chosen.id)
                st.session_state.pop(_CHOSEN, None)
                context.flash(f"Deleted the team {name}.")
                st.rerun()


def show_for_lead(repo: store.Repository, actor: Actor) -> Team | None:
    """"Your teams": make a team, choose one, invite by email, see the answers, remove someone, delete it.

    Returns:
        The team chosen, whose joined members make the capability view, or None (the actor leads none).
    """
    st.header("Your teams")
    st.markdown("Make a team and invite people by the email address they sign in with. You see someone's "
                "profile, grade, target and self-assessments (the latest, and the earlier ones for the trend over "
                "time) only once they join, and only until they leave; each time you look is recorded for them. "
                "Of people who have not joined you see only the address you typed and their answer.")
    led = teams.teams_i_lead(repo, actor)
    chosen = None
    if led:
        chosen = _choose(led)
        roster = teams.roster(repo, actor, chosen.id)
        if roster:
            # Folded away while names are hidden, so the screen can be shown to others.
            with st.expander(f"Who is invited ({len(roster)}) and their answers",
                             expanded=not st.session_state.get("team_hide_names", False)):
                show_table(_roster_rows(roster), key="team_roster_table")
        else:
            st.caption("Nobody has been invited to this team yet.")
        _invite_form(repo, actor, chosen)
        if roster:
            _remove_controls(repo, actor, roster)
        _delete_controls(repo, actor, chosen)
    else:
        st.caption("You lead no team yet.")
    _create_form(repo, actor, first=not led)
    return chosen


def joined_members(repo: store.Repository, actor: Actor, chosen: Team) -> list[team.Member]:
    """The chosen team's members who joined (each look recorded for them), saying who has no profile to show yet."""
    members = teams.joined_members(repo, actor, chosen.id, utc_now())
    seen = {m.profile_id for m in members}
    joined = [m for m in teams.roster(repo, actor, chosen.id) if m.status == "joined"]
    waiting = [m for m in joined if m.profile_id not in seen]
    name = escape_markdown(chosen.name)
    if joined:
        st.markdown(f"The people who joined **{name}**, each with their latest self-assessment as it is now.")
    else:
        st.markdown(f"Nobody is in **{name}** just now: people you invite appear here once they join.")
    if waiting:
        st.caption(f"{wording.counted(len(waiting), 'person', 'people')} joined but "
                   f"{'has' if len(waiting) == 1 else 'have'} not made a profile yet, so there is nothing of "
                   f"theirs to show.")
    return members
