"""The one list of pages: app.py registers it and the tests check every page file is in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    section: str
    path: str
    title: str
    url_path: str
    icon: str
    default: bool = False


PAGES: list[PageEntry] = [
    PageEntry("Start", "pages/home.py", "Home", "home", ":material/home:", default=True),
    PageEntry("Assess", "pages/profile.py", "Your profile", "profile", ":material/person:"),
    PageEntry("Assess", "pages/assess.py", "Assess yourself", "assess", ":material/checklist:"),
    PageEntry("Assess", "pages/gaps.py", "Gaps and progress", "gaps", ":material/insights:"),
    PageEntry("Plan", "pages/plan.py", "My plan", "plan", ":material/event_note:"),
    PageEntry("Plan", "pages/recommend.py", "Recommendations", "recommendations", ":material/lightbulb:"),
    PageEntry("Mentoring", "pages/mentees.py", "Mentees", "mentees", ":material/group:"),
    PageEntry("Mentoring", "pages/conversations.py", "Conversations", "conversations", ":material/forum:"),
    PageEntry("Explore", "pages/careers.py", "Career paths", "careers", ":material/route:"),
    PageEntry("Explore", "pages/framework.py", "Framework explorer", "framework", ":material/menu_book:"),
    PageEntry("Explore", "pages/external.py", "Professional bodies", "professional-bodies", ":material/workspace_premium:"),
    PageEntry("Lead a team", "pages/team.py", "Team capability", "team", ":material/groups:"),
    PageEntry("Lead a team", "pages/jobspec.py", "Job specification", "job-specification", ":material/work:"),
    PageEntry("Manage data", "pages/curriculum.py", "Curriculum", "curriculum", ":material/school:"),
    PageEntry("Manage data", "pages/settings.py", "Settings", "settings", ":material/settings:"),
    PageEntry("About", "pages/accessibility.py", "Accessibility statement", "accessibility", ":material/accessibility:"),
]


def sections() -> dict[str, list[PageEntry]]:
    """Pages grouped by section, in the order they are listed."""
    grouped: dict[str, list[PageEntry]] = {}
    for entry in PAGES:
        grouped.setdefault(entry.section, []).append(entry)
    return grouped
