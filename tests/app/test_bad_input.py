"""Bad input: broken, foreign, newer and oversized uploads, hostile or odd text, and absurd dates and numbers.

Each case checks two things: the person reads a plain-English message that names what is wrong (never a
traceback), and nothing saved changes. Text a person typed is stored exactly and shown as text, never
rendered as a link, an image, HTML or maths.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from planner.domain import mentoring
from planner.domain.models import SCHEMA_VERSION, Assessment, Mentee, PlanItem, Profile, Rating
from planner.io import bundle, dataset, shipped, uploads
from planner.services import mentoring as mentoring_service
from planner.store import open_repository
from tests.app.conftest import edit_cells, open_page, texts
from tests.conftest import guide_levels

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
FIVE_MB = 5 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
CSV_TEXT = b"id,title,provider\nx,Records basics,Our team\n"
# What a traceback or a raw exception looks like; none of it may reach a person's screen.
PYTHONISH = re.compile(r"Traceback|\w+(Error|Exception)\b|Error:|[Ee]rrno|File \"|pydantic|NoneType|<class ")


# --- Helpers -----------------------------------------------------------------------------------


def saved_files(data_dir: Path) -> dict[str, bytes]:
    """Every saved file and its bytes (lock files are not data)."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def plain(value: str) -> str:
    """Markdown source as a person reads it: escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", value).replace("\u2060", "")


def shown_problems(at) -> str:
    """The errors on the page with any table of problems under them, as a person reads them."""
    parts = [plain(e.value) for e in at.error]
    for frame in at.dataframe:
        if "Problem" in frame.value.columns:
            parts.extend(str(v) for v in frame.value["Problem"])
    return "\n".join(parts)


def assert_plain_refusal(at, *words: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, "no error was shown"
    shown = shown_problems(at)
    assert not PYTHONISH.search(shown), shown
    for word in words:
        assert word.lower() in shown.lower(), f"{word!r} not in {shown!r}"


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def newer(data: bytes) -> bytes:
    document = json.loads(data)
    document["schema_version"] = SCHEMA_VERSION + 98
    return json.dumps(document).encode()


def xlsx_of(csv_bytes: bytes) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in csv_bytes.decode().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def a_share_file(name: str = "Ceri Jones") -> bytes:
    other = Profile(name=name, current_grade="EO", target_grade="HEO")
    return bundle.export_bundle(
        other, [Assessment(profile_id=other.id, taken_on=date(2026, 10, 1), ratings={"1.1.1": Rating(score=1)})],
        [PlanItem(profile_id=other.id, objective="An objective")], NOW,
    )


def a_curriculum_file() -> bytes:
    return json.dumps(dataset.load_curriculum().model_dump(mode="json")).encode()


def a_mapping_file() -> bytes:
    return json.dumps(dataset.load_mapping().model_dump(mode="json")).encode()


# --- Uploads -----------------------------------------------------------------------------------

# Every file upload in the app: (page, uploader key, button key or None when the upload itself acts,
# whether a profile is chosen, the types the uploader admits).
UPLOADS = {
    "curriculum": ("pages/curriculum.py", "cur_import_file", "cur_import", False, {".csv", ".xlsx", ".json"}),
    "plan file on My plan": ("pages/plan.py", "plan_import_file", "plan_import", True, {".json"}),
    "plan file on Your profile": ("pages/profile.py", "plan_import_file", "plan_import", False, {".json"}),
    "mentor's file": ("pages/plan.py", "plan_mentor_file", "plan_mentor_import", True, {".json"}),
    "mentee's share file": ("pages/mentees.py", "mentees_share_file", "mentees_add_share", True, {".json"}),
    "team share files": ("pages/team.py", "team_share_files", None, False, {".json"}),
    "professional bodies mapping": ("pages/external.py", "ext_import_file", "ext_import", False,
                                    {".csv", ".xlsx", ".json"}),
}


def _good_file(upload: str, person: Profile, fw) -> tuple[str, bytes]:
    if upload == "curriculum":
        return "ours.json", a_curriculum_file()
    if upload == "professional bodies mapping":
        return "ours.json", a_mapping_file()
    if upload == "mentor's file":
        mentee = Mentee(profile_id="jo", mentee_profile_id=person.id, name=person.name, source="share")
        from planner.domain.models import AgreedAction, Conversation

        talk = Conversation(profile_id="jo", mentee_id=mentee.id, held_on=date(2026, 10, 30),
                            actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
        return "from-jo.json", mentoring_service.return_file("Jo Bloggs", mentee, [], talk, fw, NOW)
    if upload == "plan file on My plan":
        # A plan file changes only the profile in use, so the good one is the person's own.
        return "plan.json", bundle.export_bundle(person, [], [PlanItem(profile_id=person.id, objective="Mine")], NOW)
    return "plan.json", a_share_file()


# (case, how to make the bytes from a good file, words the message must have)
BAD_FILES = [
    ("empty", lambda good: b"", ["empty"]),
    ("only spaces", lambda good: b"  \n\t ", ["empty"]),
    ("a picture named as the right type", lambda good: PNG, ["not"]),
    ("CSV text where JSON is expected", lambda good: CSV_TEXT, ["JSON"]),
    ("cut short", truncated, ["JSON"]),
    ("from a newer version", newer, []),
    ("over the 5 MB limit", lambda good: b" " * (FIVE_MB + 1), ["larger than 5 MB"]),
    ("nested too deeply", lambda good: b"[" * 100 + b"]" * 100, ["levels deep"]),
    ("holding a number too long to read", lambda good: b"9" * 5_000, ["number too long"]),
]


def _case_words(upload: str, case: str, words: list[str]) -> list[str]:
    # Spreadsheet imports have no version of their own: a newer file's extra field is named instead.
    if case == "from a newer version":
        return ["schema_version"] if upload in ("curriculum", "professional bodies mapping") else ["newer version"]
    if case == "a picture named as the right type":
        return ["not text" if upload in ("curriculum", "professional bodies mapping") else "not text (UTF-8)"]
    return words


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_bad_upload_is_refused_in_plain_english_and_nothing_saved_changes(data_dir, repo, person, fw, upload):
    page, key, button_key, with_profile, _ = UPLOADS[upload]
    good_name, good = _good_file(upload, person, fw)
    if upload == "plan file on Your profile":
        repo.delete_person(person.id)  # the profile page offers the import only when there is no profile
    at = open_page(page, profile_id=person.id if with_profile else None)
    before = saved_files(data_dir)
    for n, (case, make, words) in enumerate(BAD_FILES):  # one page for every case keeps the test quick
        at.file_uploader(key=key).set_value((good_name, make(good), "application/json"))
        if button_key:
            if n == 0:
                at.run()  # the button is enabled once a file is chosen
            at.button(key=button_key).click()
        at.run()
        try:
            assert_plain_refusal(at, *_case_words(upload, case, words))
            assert saved_files(data_dir) == before
            assert not any("Imported" in s.value or "Saved" in s.value for s in at.success)
        except AssertionError as failed:
            raise AssertionError(f"{upload}, a file {case}: {failed}") from None
    # The good file the bad ones were made from is taken, so each refusal was for what was wrong.
    at.file_uploader(key=key).set_value((good_name, good, "application/json")).run()
    if button_key:
        at.button(key=button_key).click().run()
    assert not at.exception and not at.error, shown_problems(at)


SPREADSHEET_MIXUPS = [
    ("ours.xlsx", CSV_TEXT, "not an Excel workbook"),
    ("ours.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Excel workbook"),
    ("ours.xlsx", truncated(xlsx_of(CSV_TEXT)), "Excel workbook"),
    ("ours.csv", PNG, "not text"),
    ("ours.csv", b"PK\x03\x04" + b"\x00" * 200, "looks like an Excel workbook"),
]


@pytest.mark.parametrize("upload", ["curriculum", "professional bodies mapping"])
def test_a_spreadsheet_upload_of_the_wrong_kind_or_cut_short_is_refused(data_dir, upload):
    page, key, button_key, _, _ = UPLOADS[upload]
    at = open_page(page)
    before = saved_files(data_dir)
    for n, (name, data, words) in enumerate(SPREADSHEET_MIXUPS):
        at.file_uploader(key=key).set_value((name, data, "application/octet-stream"))
        if n == 0:
            at.run()  # the button is enabled once a file is chosen
        at.button(key=button_key).click().run()
        assert_plain_refusal(at, words)
        assert saved_files(data_dir) == before


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_every_uploader_admits_only_its_own_types_and_states_the_limit(data_dir, repo, person, upload):
    """The browser refuses a file of another type (such as a .csv where JSON is expected) from the type list."""
    page, key, _, with_profile, types = UPLOADS[upload]
    if upload == "plan file on Your profile":
        repo.delete_person(person.id)
    at = open_page(page, profile_id=person.id if with_profile else None)
    uploader = at.file_uploader(key=key)
    assert set(uploader.allowed_type) == types
    assert "up to 5 MB" in uploader.label


def test_the_stated_limit_is_the_servers_limit_and_every_check_uses_it():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    limit = config["server"]["maxUploadSize"] * 1024 * 1024  # Streamlit counts megabytes of 1,024 x 1,024
    assert limit == FIVE_MB == uploads.MAX_UPLOAD_BYTES  # the one limit; tests/unit/test_uploads.py checks no other


def test_a_file_just_under_the_limit_is_read_not_refused_for_its_size(data_dir):
    """5 MB exactly is allowed: the refusal is about what is in it, not its size."""
    at = open_page("pages/curriculum.py")
    padded = a_curriculum_file()
    padded = padded[:-1] + b" " * (FIVE_MB - len(padded)) + padded[-1:]
    assert len(padded) == FIVE_MB
    at.file_uploader(key="cur_import_file").upload("ours.json", padded, "application/json").run()
    at.button(key="cur_import").click().run()
    assert not at.exception and not at.error, shown_problems(at)
    assert dataset.CURRICULUM.is_imported(open_repository(data_dir))


def test_one_bad_team_file_among_good_ones_is_named_and_the_others_kept(data_dir):
    at = open_page("pages/team.py")
    uploader = at.file_uploader(key="team_share_files")
    uploader.upload("ceri.json", a_share_file("Ceri Jones"), "application/json")
    uploader.upload("huge.json", b" " * (FIVE_MB + 1), "application/json")
    uploader.upload("picture.json", PNG, "application/json")
    uploader.upload("newer.json", newer(a_share_file("Dai Evans")), "application/json").run()
    assert not at.exception
    problems = [plain(e.value) for e in at.error]
    assert len(problems) == 3
    assert any("huge.json" in p and "larger than 5 MB" in p for p in problems)
    assert any("picture.json" in p and "not text" in p for p in problems)
    assert any("newer.json" in p and "newer version" in p for p in problems)
    assert "1 person" in texts(at)


# --- Text a person types -----------------------------------------------------------------------

# Pieces Markdown or HTML would act on if shown unescaped: a script, bold, a link, an image, maths.
ACTIVE = ["<script>alert(1)</script>", "<b>bold</b>", "[x](http://evil.example)",
          "![x](http://evil.example/a.png)", "$x$", "<http://evil.example>"]
# Writing of every kind: Welsh, right-to-left Arabic and Hebrew, emoji with a skin tone, combining marks.
WORLD = ["Llŷr Siân", "مريم", "שלום", "🌿👍🏽", "Zoe\u0308 n\u0303 a\u0301\u0327"]
TEXT = "\n".join(ACTIVE + WORLD + ["* a list item", "# A heading", "| a | table |", "`code` and \\ backslash"])
NAME = "Llŷr Siân <b>bold</b> [x](http://evil.example) مريم שלום 🌿👍🏽 Zoe\u0308 $x$"
RAW = ["<script", "<b>", "](http://evil.example", "<http:", "$x$"]  # never in anything rendered as Markdown
_UNESCAPED = [re.compile(r"(?<!\\)" + re.escape(raw)) for raw in RAW]
MARKDOWN_TYPES = {"markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error"}
MAX_TEXT = 5_000


def rendered_as_markdown(at) -> list[str]:
    """Everything Streamlit renders as Markdown: text elements, and the labels of widgets and expanders."""
    found = []
    for root in (at.main, at.sidebar):
        for node in root:
            if getattr(node, "type", None) in MARKDOWN_TYPES:
                found.append(str(node.value))
            label = getattr(node, "label", None)
            if isinstance(label, str):
                found.append(label)
    return found


def shown_as_text(at) -> str:
    """What a person reads: st.text as it is, Markdown with its escapes removed, and table cells."""
    parts = [str(t.value) for t in at.text] + [plain(v) for v in rendered_as_markdown(at)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


def assert_nothing_rendered(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for value in rendered_as_markdown(at):
        assert_inert(value)


def assert_inert(markdown: str) -> None:
    """Markdown in which none of the active pieces would act (each is escaped, or absent)."""
    for raw in _UNESCAPED:
        assert not raw.search(markdown), f"{raw.pattern!r} would act in {markdown!r}"


def assert_plain_error(at, *words: str) -> None:
    assert_plain_refusal(at, *words)
    assert not any("Something went wrong" in e.value for e in at.error), "the message does not say what is wrong"


def test_the_profile_boxes_take_the_hostile_name_and_text_whole(data_dir):
    """The tests below type NAME and TEXT into these boxes: the app's own limits must not cut them."""
    at = open_page("pages/profile.py")
    assert at.text_input(key="new_profile_name").max_chars >= len(NAME)
    assert at.text_area(key="new_profile_notes").max_chars >= len(TEXT)


@pytest.mark.parametrize("piece", ACTIVE + WORLD)
def test_each_hostile_or_foreign_name_on_its_own_is_shown_as_text(data_dir, repo, piece):
    """One piece at a time, so an escape missed for one is not hidden by its neighbours'."""
    profile = Profile(name=f"Ada {piece}", current_grade="HEO")
    repo.save_profile(profile)
    home = open_page("pages/home.py", profile_id=profile.id)
    assert_nothing_rendered(home)
    assert f"Ada {piece}" in shown_as_text(home)


# Every box a person types into, with the most it takes. The browser stops typing there and shows a
# count; Streamlit's server cuts anything longer to it (tested below), and the planner refuses more.
TEXT_BOXES = [
    ("pages/profile.py", "edit_profile_name", 120), ("pages/profile.py", "edit_profile_notes", MAX_TEXT),
    ("pages/plan.py", "plan_add_objective", MAX_TEXT), ("pages/plan.py", "plan_add_activity", 300),
    ("pages/assess.py", "assess_star_1.1.1_situation", MAX_TEXT), ("pages/assess.py", "assess_comment", MAX_TEXT),
    ("pages/conversations.py", "conv_participants", 500), ("pages/conversations.py", "conv_notes", MAX_TEXT),
    ("pages/mentees.py", "mentees_rating_comment", MAX_TEXT),
    ("pages/jobspec.py", "spec_title", 200), ("pages/jobspec.py", "spec_summary", MAX_TEXT),
    ("pages/jobspec.py", "spec_duties", MAX_TEXT),
]


@pytest.fixture
def mentor_of(repo, rated_person):
    """A mentor whose mentee, Ada, uses this installation."""
    mentor = Profile(name="Jo Bloggs", current_grade="G7", current_role="Knowledge manager")
    repo.save_profile(mentor)
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_person.id, name=rated_person.name,
                    source="local"))
    return mentor


@pytest.fixture
def rated_draft(repo, person):
    from planner.domain.models import Draft

    repo.put(Draft(profile_id=person.id, ratings={"1.1.1": Rating(score=3)}))
    return person


def test_every_text_box_has_a_limit(data_dir, repo, rated_draft, mentor_of):
    pages = {}
    for page, key, most in TEXT_BOXES:
        if page not in pages:
            chosen = mentor_of.id if page in ("pages/conversations.py", "pages/mentees.py") else rated_draft.id
            pages[page] = open_page(page, profile_id=chosen)
        at = pages[page]
        # The conversation form's keys go on to name the mentee (and the agenda point).
        boxes = [w for w in [*at.text_input, *at.text_area] if w.key == key or (w.key or "").startswith(key + "_")]
        assert boxes, f"no text box {key} on {page}"
        assert boxes[0].max_chars == most, (key, boxes[0].max_chars)


def _create_profile(at, name: str, notes: str):
    at.text_input(key="new_profile_name").set_value(name)
    at.selectbox(key="new_profile_current_grade").select("HEO")
    at.text_area(key="new_profile_notes").set_value(notes)
    return at.button(key="FormSubmitter:new_profile_form-Create profile").click().run()


def test_a_profile_name_and_notes_are_kept_exactly_and_shown_as_text(data_dir, repo):
    at = _create_profile(open_page("pages/profile.py"), NAME, TEXT)
    assert not at.error, [e.value for e in at.error]
    (ref,) = repo.list_profiles()
    saved = repo.get_profile(ref.id)
    assert (saved.name, saved.notes) == (NAME, TEXT)
    assert_nothing_rendered(at)
    assert NAME in shown_as_text(at)
    assert at.text_area(key="edit_profile_notes").value == TEXT
    home = open_page("pages/home.py", profile_id=ref.id)
    assert_nothing_rendered(home)
    assert NAME in shown_as_text(home)


def test_text_over_a_boxs_limit_is_cut_to_it_and_text_at_the_limit_kept_exactly(data_dir, repo):
    notes = ("Llŷr " * 1000)[:MAX_TEXT - 1] + "🌿"
    assert len(notes) == MAX_TEXT
    _create_profile(open_page("pages/profile.py"), "Ada", notes + "X")
    assert repo.get_profile(repo.list_profiles()[0].id).notes == notes


def test_the_planner_refuses_over_long_text_in_plain_english(fw, person):
    """What the boxes limit, the rules refuse too, should a longer text arrive another way."""
    from planner.domain import drafts, jobspec, plan, profiles
    from planner.domain.models import Draft, Evidence
    from planner.errors import PlannerError
    from ui import context

    too_long = "x" * (MAX_TEXT + 1)
    ladder = shipped.load_grades()
    attempts = {
        "profile name": lambda: profiles.build_profile(
            name="N" * 121, current_grade="HEO", current_role=None, target_grade=None, target_role=None,
            notes="", ladder=ladder, now=NOW),
        "profile notes": lambda: profiles.build_profile(
            name="Ada", current_grade="HEO", current_role=None, target_grade=None, target_role=None,
            notes=too_long, ladder=ladder, now=NOW),
        "plan objective": lambda: plan.new_item(fw, profile_id=person.id, objective=too_long, indicators=[], now=NOW),
        "plan evidence": lambda: plan.changed(
            plan.new_item(fw, profile_id=person.id, objective="o", indicators=[], now=NOW), fw, NOW,
            evidence=too_long),
        "assessment comment": lambda: drafts.snapshot(
            fw, Draft(profile_id=person.id, ratings={"1.1.1": Rating(score=3)}), date(2026, 1, 1),
            date(2026, 1, 2), NOW, too_long),
        "STAR evidence": lambda: drafts.with_evidence(
            Draft(profile_id=person.id, ratings={"1.1.1": Rating(score=3)}), "1.1.1",
            Evidence.model_construct(situation=too_long, task="", action="", result=""), NOW),
        "job summary": lambda: jobspec.with_post(
            jobspec.draft(fw, shipped.load_roles(fw, ladder), ["records-manager"], "HEO", "HEO",
                          context.framework.grade_levels(shipped.load_framework(), ladder, context.Settings())),
            jobspec.Post(title="t", summary=too_long), date(2026, 1, 1)),
    }
    for what, attempt in attempts.items():
        with pytest.raises(PlannerError) as refused:
            attempt()
        message = str(refused.value)
        assert re.search(r"5,000|120", message) and not PYTHONISH.search(message), (what, message)


def _add_item(at, objective: str, activity: str = "", target: date | None = None):
    at.text_area(key="plan_add_objective").set_value(objective)
    at.text_input(key="plan_add_activity").set_value(activity)
    if target:
        at.date_input(key="plan_add_target").set_value(target)
    return at.button(key="plan_add").click().run()


def test_a_plan_objective_and_evidence_are_kept_exactly_and_shown_as_text(data_dir, repo, person):
    at = _add_item(open_page("pages/plan.py", profile_id=person.id), TEXT, NAME)
    assert not at.error, [e.value for e in at.error]
    (item,) = repo.list(PlanItem, person.id)
    assert (item.objective, item.activity_title) == (TEXT, NAME)
    assert_nothing_rendered(at)
    assert at.data_editor(key="plan_editor").value["Objective"][0] == TEXT

    edit_cells(at, "plan_editor", {0: {"Status": "Done", "Evidence of completion": TEXT}})
    at.button(key="plan_save").click().run()
    assert not at.error, [e.value for e in at.error]
    assert repo.list(PlanItem, person.id)[0].evidence == TEXT
    assert_nothing_rendered(at)


@pytest.mark.parametrize("column", ["Objective", "Evidence of completion"])
def test_an_over_long_cell_of_the_plan_is_refused_with_the_limit(data_dir, repo, person, column):
    at = _add_item(open_page("pages/plan.py", profile_id=person.id), "An objective")
    before = saved_files(data_dir)
    edit_cells(at, "plan_editor", {0: {column: "e" * (MAX_TEXT + 1)}})
    at.button(key="plan_save").click().run()
    assert_plain_error(at, "5,000")
    assert saved_files(data_dir) == before


def _write_evidence(at, parts: dict[str, str]):
    for part, text in parts.items():
        at.text_area(key=f"assess_star_1.1.1_{part}").set_value(text)
    return at.button(key="assess_save_evidence").click().run()


def test_star_evidence_and_a_comment_are_kept_exactly_and_shown_as_text(data_dir, repo, rated_draft):
    from planner.domain.models import Draft

    parts = {"situation": TEXT, "task": NAME, "action": "\n".join(WORLD), "result": "\n".join(ACTIVE)}
    at = _write_evidence(open_page("pages/assess.py", profile_id=rated_draft.id), parts)
    assert not at.error, [e.value for e in at.error]
    evidence = repo.get(Draft, rated_draft.id, "current").ratings["1.1.1"].evidence
    assert evidence.model_dump() == parts
    assert_nothing_rendered(at)
    assert any(TEXT in t.value and NAME in t.value for t in at.text)

    at.text_area(key="assess_comment").set_value(TEXT)
    at.button(key="assess_save").click().run()
    assert not at.error, [e.value for e in at.error]
    assert [a.comment for a in repo.list(Assessment, rated_draft.id)] == [TEXT]
    assert_nothing_rendered(at)


def _record_conversation(at, mentee_id: str, point: str, notes: str, objective: str, owner: str = "Ada"):
    edit_cells(at, f"conv_agenda_{mentee_id}", {0: {"Point": point}})
    at.run()
    next(t for t in at.text_area if t.label.startswith("Notes on point 1")).set_value(notes)
    edit_cells(at, at.data_editor[1].key, {0: {"Objective": objective, "Indicators": "1.2.1", "Owner": owner}})
    return at.button(key="conv_save").click().run()


def test_conversation_notes_points_and_actions_are_kept_exactly_and_shown_as_text(data_dir, repo, mentor_of,
                                                                                   rated_person):
    from planner.domain.models import Conversation

    at = open_page("pages/conversations.py", profile_id=mentor_of.id)
    mentee = repo.list(Mentee, mentor_of.id)[0]
    point = "Point " + NAME
    at = _record_conversation(at, mentee.id, point, TEXT, TEXT, owner=NAME)
    assert not at.error, [e.value for e in at.error]
    (talk,) = repo.list(Conversation, mentor_of.id)
    assert (talk.agenda[0].title, talk.agenda[0].notes) == (point, TEXT)
    assert (talk.actions[0].objective, talk.actions[0].owner) == (TEXT, NAME)
    assert TEXT in {i.objective for i in repo.list(PlanItem, rated_person.id)}
    assert_nothing_rendered(at)
    assert point in shown_as_text(at) and TEXT in shown_as_text(at)


@pytest.mark.parametrize("cell", ["point", "objective", "owner"])
def test_an_over_long_cell_of_a_conversation_is_refused_with_the_limit(data_dir, repo, mentor_of, cell):
    at = open_page("pages/conversations.py", profile_id=mentor_of.id)
    mentee = repo.list(Mentee, mentor_of.id)[0]
    before = saved_files(data_dir)
    too_long = {"point": "p" * (MAX_TEXT + 1), "objective": "o" * (MAX_TEXT + 1), "owner": "w" * 121}
    _record_conversation(at, mentee.id, too_long["point"] if cell == "point" else "A point", "Notes",
                         too_long["objective"] if cell == "objective" else "An action",
                         too_long["owner"] if cell == "owner" else "Ada")
    assert_plain_error(at, "120" if cell == "owner" else "5,000")
    # What was typed is kept as a draft as it is typed; no record, and nothing in the mentee's plan.
    from planner.domain.models import Conversation

    assert repo.list(Conversation, mentor_of.id) == []
    changed = [name for name, data in saved_files(data_dir).items() if before.get(name) != data]
    assert all(name.endswith(f"{mentor_of.id}.json") for name in changed), changed


def _rate_mentee(at, comment: str, overall: str):
    edit_cells(at, "mentees_rating_editor", {0: {"Your rating": "1 Aware", "Your comment": comment}})
    at.text_area(key="mentees_rating_comment").set_value(overall)
    return at.button(key="FormSubmitter:mentees_rating_form-Save my ratings").click().run()


def test_a_mentors_comments_are_kept_exactly(data_dir, repo, mentor_of):
    from planner.domain.models import MentorRating

    at = _rate_mentee(open_page("pages/mentees.py", profile_id=mentor_of.id), TEXT, TEXT)
    assert not at.error, [e.value for e in at.error]
    (rating,) = repo.list(MentorRating, mentor_of.id)
    assert (rating.ratings["1.1.1"].comment, rating.comment) == (TEXT, TEXT)
    assert_nothing_rendered(at)
    assert at.data_editor(key="mentees_rating_editor").value["Your comment"][0] == TEXT


def test_an_over_long_comment_of_a_mentor_is_refused_with_the_limit(data_dir, repo, mentor_of):
    at = open_page("pages/mentees.py", profile_id=mentor_of.id)
    before = saved_files(data_dir)
    _rate_mentee(at, "c" * (MAX_TEXT + 1), "")
    assert_plain_error(at, "5,000")
    assert saved_files(data_dir) == before


def test_a_mentee_named_with_markup_in_a_share_file_is_shown_as_text(data_dir, repo, person):
    shared = a_share_file(NAME)
    at = open_page("pages/mentees.py", profile_id=person.id)
    at.file_uploader(key="mentees_share_file").upload("x.json", shared, "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert not at.error, [e.value for e in at.error]
    assert [m.name for m in repo.list(Mentee, person.id)] == [NAME]
    assert_nothing_rendered(at)
    assert NAME in shown_as_text(at)
    # The same file again is refused, and the refusal names them as text too.
    at.file_uploader(key="mentees_share_file").upload("x.json", shared, "application/json").run()
    at.button(key="mentees_add_share").click().run()
    assert any("not newer" in e.value for e in at.error)
    assert_nothing_rendered(at)
    talk = open_page("pages/conversations.py", profile_id=person.id)
    assert_nothing_rendered(talk)


def test_a_team_member_named_with_markup_is_shown_as_text(data_dir):
    at = open_page("pages/team.py")
    at.file_uploader(key="team_share_files").upload("[x](http:evil.example).json", a_share_file(NAME),
                                                    "application/json").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert_nothing_rendered(at)
    assert NAME in shown_as_text(at)


def test_job_specification_text_is_taken_as_text_and_over_long_text_refused(data_dir):
    from planner.documents import jobspec as jobspec_export
    from planner.domain import jobspec

    at = open_page("pages/jobspec.py")
    at.text_input(key="spec_title").set_value(NAME)
    at.text_input(key="spec_team").set_value(NAME)
    at.text_area(key="spec_summary").set_value(TEXT)
    at.text_area(key="spec_duties").set_value(TEXT).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert_nothing_rendered(at)
    # The advert in Markdown keeps the words but not their power to act.
    fw, ladder = jobspec_export_inputs()
    spec = jobspec.with_post(fw[0], jobspec.Post(title=NAME, summary=TEXT, responsibilities=tuple(TEXT.splitlines())),
                             date.today())
    advert = jobspec_export.advert_markdown(spec).decode()
    assert_inert(advert)
    assert "Llŷr Siân" in advert and "مريم" in advert and "🌿👍🏽" in advert

    at.text_area(key="spec_summary").set_value("s" * (MAX_TEXT + 1)).run()
    assert not at.exception
    assert len(at.text_area(key="spec_summary").value) <= MAX_TEXT


def jobspec_export_inputs():
    from planner.domain import framework, jobspec
    from planner.domain.models import Settings

    fw = shipped.load_framework()
    ladder = shipped.load_grades()
    spec = jobspec.draft(fw, shipped.load_roles(fw, ladder), ["records-manager"], "HEO", "HEO",
                         framework.grade_levels(shipped.load_framework(), ladder, Settings()))
    return (spec,), ladder


def test_a_refusal_that_quotes_what_was_typed_shows_it_as_text(data_dir, repo, person):
    at = _add_item(open_page("pages/plan.py", profile_id=person.id), NAME)
    before = saved_files(data_dir)
    for edits, words in (({"Status": "Done"}, "Add evidence"),
                         ({"Indicators": "<b>1.1.1</b>, [x](http://evil.example)"}, "not an indicator code")):
        edit_cells(at, "plan_editor", {0: edits})
        at.button(key="plan_save").click().run()
        assert_plain_error(at, words)
        assert_nothing_rendered(at)
        assert saved_files(data_dir) == before


# --- Dates and numbers -------------------------------------------------------------------------


def test_plan_dates_far_ahead_and_in_the_past_are_kept_within_the_boxes_limits(data_dir, repo, person):
    today = date.today()
    at = open_page("pages/plan.py", profile_id=person.id)
    target = at.date_input(key="plan_add_target")
    assert (target.min, target.max) == (today - timedelta(days=3650), today + timedelta(days=3650))
    _add_item(at, "Far ahead", target=today + timedelta(days=3650))
    _add_item(at, "Long ago", target=today - timedelta(days=3650))
    assert not at.error, [e.value for e in at.error]
    kept = {i.objective: i.target_date for i in repo.list(PlanItem, person.id)}
    assert kept == {"Far ahead": today + timedelta(days=3650), "Long ago": today - timedelta(days=3650)}
    assert "Overdue" in at.data_editor(key="plan_editor").value["Flags"].tolist()
    # A date beyond the box's limit is not taken: Streamlit keeps the box's value instead.
    _add_item(at, "Beyond", target=date(9999, 12, 31))
    assert repo.list(PlanItem, person.id)[-1].target_date <= today + timedelta(days=3650)


def test_an_absurd_date_typed_into_the_plan_table_is_refused(data_dir, repo, person):
    at = _add_item(open_page("pages/plan.py", profile_id=person.id), "An objective")
    before = saved_files(data_dir)
    edit_cells(at, "plan_editor", {0: {"Target date": "9999-12-31"}})
    at.button(key="plan_save").click().run()
    assert_plain_error(at, "target date")
    assert saved_files(data_dir) == before


def test_a_future_assessment_date_is_refused(data_dir, repo, rated_draft, fw):
    from planner.domain import drafts
    from planner.domain.models import Draft
    from planner.errors import PlannerError

    today = date.today()
    at = open_page("pages/assess.py", profile_id=rated_draft.id)
    box = at.date_input(key="assess_date")
    assert (box.min, box.max) == (drafts.EARLIEST_DATE, today)
    box.set_value(today + timedelta(days=1))
    at.button(key="assess_save").click().run()
    assert [a.taken_on for a in repo.list(Assessment, rated_draft.id)] == [today]  # the box kept today
    draft = Draft(profile_id=rated_draft.id, ratings={"1.1.1": Rating(score=3)})
    for when, words in ((today + timedelta(days=1), "future"), (date(1999, 12, 31), "2000")):
        with pytest.raises(PlannerError, match=words):
            drafts.snapshot(fw, draft, when, today, NOW)


def test_conversation_dates_are_limited_and_a_future_one_refused(data_dir, repo, mentor_of, fw):
    from planner.domain.models import AgreedAction, Conversation
    from planner.errors import PlannerError

    today = date.today()
    at = open_page("pages/conversations.py", profile_id=mentor_of.id)
    mentee_id = repo.list(Mentee, mentor_of.id)[0].id
    held, after = at.date_input(key=f"conv_held_on_{mentee_id}"), at.date_input(key=f"conv_next_{mentee_id}")
    assert held.max == today
    assert (after.min, after.max) == (today - timedelta(days=365), today + timedelta(days=730))
    mentee = repo.list(Mentee, mentor_of.id)[0]
    for talk, words in [
        (Conversation(profile_id=mentor_of.id, mentee_id=mentee.id, held_on=today + timedelta(days=1)), "future"),
        (Conversation(profile_id=mentor_of.id, mentee_id=mentee.id, held_on=today,
                      next_meeting=today - timedelta(days=1)), "after this one"),
        (Conversation(profile_id=mentor_of.id, mentee_id=mentee.id, held_on=today,
                      actions=[AgreedAction(objective="o", due=today - timedelta(days=1))]), "due before"),
    ]:
        with pytest.raises(PlannerError, match=words):
            mentoring.check_conversation(talk, fw, today)


# (page, number box, the least and most it takes, a function that refuses what is beyond them)
def _refusals():
    from planner.documents import jobspec as jobspec_export
    from planner.domain import recommend, settings, team_learning
    from planner.domain.models import Settings

    ladder = jobspec_export_inputs()[1]
    spec = jobspec_export_inputs()[0][0]
    return [
        ("pages/recommend.py", "rec_budget", 0, 1_000_000,
         lambda v: recommend.check_constraints(recommend.Constraints(budget=v)), "budget"),
        ("pages/recommend.py", "rec_hours", 0.5, 200,
         lambda v: recommend.check_constraints(recommend.Constraints(hours_per_month=v)), "Hours a month"),
        ("pages/team.py", "team_budget", 0, 1_000_000,
         lambda v: team_learning.recommend_for_team(None, None, team_learning.TeamConstraints(budget=v)), "budget"),
        ("pages/jobspec.py", "spec_candidates", 1, 500, lambda v: jobspec_export.sift_csv(spec, v), "candidates"),
        ("pages/jobspec.py", "spec_candidates", 1, 500, lambda v: jobspec_export.sift_xlsx(spec, v), "candidates"),
        ("pages/settings.py", "settings_min_months", 0, 60,
         lambda v: settings.updated(Settings(), shipped.load_framework(), ladder, guide_levels(ladder), v), "months"),
    ]


@pytest.mark.parametrize("case", range(6), ids=["recommend budget", "recommend hours", "team budget",
                                                "sift rows (CSV)", "sift rows (Excel)", "settings months"])
def test_negative_and_absurd_numbers_are_refused_with_a_message(data_dir, rated_person, case):
    from planner.errors import PlannerError

    page, key, least, most, refuse, words = _refusals()[case]
    at = open_page(page, profile_id=rated_person.id)
    if page == "pages/team.py":
        at.multiselect(key="team_local_profiles").set_value([rated_person.id]).run()
    box = at.number_input(key=key)
    assert (box.min, box.max) == (least, most)
    kept = box.value
    at.number_input(key=key).set_value(-1).run()
    assert not at.exception and at.number_input(key=key).value == kept  # Streamlit keeps the box's value
    for absurd in (-1, most * 1000):
        with pytest.raises(PlannerError) as refused:
            refuse(absurd)
        assert words.lower() in str(refused.value).lower() and not PYTHONISH.search(str(refused.value))


def test_an_imported_curriculums_words_are_shown_as_text(data_dir, rated_person):
    """A curriculum may come from a file made elsewhere: its titles and descriptions never act."""
    sample = dataset.load_curriculum()
    hostile = sample.model_copy(update={"activities": [
        a.model_copy(update={"title": f"{a.title} <b>{n}</b> [x](http://evil.example)",
                             "provider": f"{a.provider} $x$", "description": "\n".join(ACTIVE)})
        for n, a in enumerate(sample.activities)
    ]})
    dataset.CURRICULUM.save(hostile, open_repository(data_dir))
    for page in ("pages/recommend.py", "pages/careers.py"):
        at = open_page(page, profile_id=rated_person.id)
        assert_nothing_rendered(at)
    assert "[x](http://evil.example)" in shown_as_text(at)


def test_a_refused_plan_file_that_quotes_a_name_with_markup_shows_it_as_text(data_dir, repo, person):
    """The refusal names the person in the file: a crafted name must not become a link or maths."""
    named = Profile(name=NAME, current_grade="EO")
    document = json.loads(bundle.export_bundle(named, [], [PlanItem(profile_id=named.id, objective="x")], NOW))
    document["plan_items"][0]["profile_id"] = "someone-else"
    at = open_page("pages/plan.py", profile_id=person.id)
    before = saved_files(data_dir)
    at.file_uploader(key="plan_import_file").upload("plan.json", json.dumps(document).encode(),
                                                    "application/json").run()
    at.button(key="plan_import").click().run()
    assert_plain_refusal(at, "belongs to another person")
    assert_nothing_rendered(at)
    assert any(NAME in plain(e.value) for e in at.error)
    assert saved_files(data_dir) == before
