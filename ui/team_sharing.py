"""Teams on a department's server, from the member's side: invitations to answer and teams to leave."""

from __future__ import annotations

from planner import store
from planner.services.acting import Actor


def show_for_member(repo: store.Repository, actor: Actor) -> None:
    """The teams the actor is asked into or belongs to, with Join, Decline and Leave."""
    del repo, actor  # the teams by consent come with the team service
