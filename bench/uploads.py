"""Benchmark: can any file uploaded to any uploader cost the server much time or memory?

For every uploader, the worst files found (workbooks that expand hundreds of times, sheets full
of cells, JSON nested or spread as far as 5 MB allows, numbers too long to read) are read in a
fresh process each, beside a normal valid file of the same kind read the same way in the same
run. (Several team share files are read one after another, so their times add up file by file.)
Each line gives the time taken to read the file (the app's modules already loaded, as in a
running server), and the process's peak memory, measured from outside by the operating system
(os.wait4), imports included.

Run from the repository root: .venv/bin/python bench/uploads.py
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = 2.0
TARGET_MB = 300
MEMORY_CAP = 2 * 1024**3  # no case may take the machine down, whatever it tries
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


# --- What each uploader calls (run in the child) -----------------------------------------------


def read(uploader: str, name: str, data: bytes, fw) -> str:
    """Read one file as the uploader's page does; the outcome in a few words."""
    from planner.errors import PlannerError
    from planner.io import bundle, curriculum_io, external_io
    from planner.services import mentoring as mentoring_service
    from planner.services import team as team_service

    try:
        if uploader == "curriculum":
            return f"read {len(curriculum_io.parse_curriculum(data, name, fw).activities)} activities"
        if uploader == "mapping":
            return f"read {len(external_io.parse_mapping(data, name, fw).frameworks)} frameworks"
        if uploader == "plan file":
            return f"read {len(bundle.read_bundle(data).plan_items)} plan items"
        if uploader == "mentor's file":
            return f"read {len(mentoring_service.read_return(data).plan_items)} actions"
        if uploader == "mentee's share file":
            return f"read {mentoring_service.mentee_from_share(data, 'mentor', [], NOW).name}"
        if uploader == "team share files":
            shared = team_service.members_from_share_files([("share.json", data)])
            return f"read {len(shared.members)} people, refused {len(shared.problems)} files"
    except (curriculum_io.CurriculumImportError, external_io.MappingImportError) as exc:
        return "refused: " + exc.problems[0].describe(exc.unit)[:90]
    except PlannerError as exc:
        return "refused: " + str(exc)[:90]
    raise ValueError(uploader)


def child(uploader: str, path: str) -> None:
    """Read one file; the clock starts once the app's modules are loaded, as in a running server."""
    import time

    import openpyxl  # noqa: F401 - loaded by the first workbook a server reads

    from planner.domain import curriculum, mentoring, team  # noqa: F401
    from planner.io import bundle, shipped  # noqa: F401
    from planner.services import mentoring as mentoring_service  # noqa: F401
    from planner.services import team as team_service  # noqa: F401

    fw = shipped.load_framework()
    data = Path(path).read_bytes()
    start = time.perf_counter()
    outcome = read(uploader, Path(path).name.split("--", 1)[1], data, fw)
    print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome}))


# --- The files -----------------------------------------------------------------------------------


def _workbook(parts: dict[str, object]) -> bytes:
    """The sample curriculum workbook with parts added or changed; a part may be given in pieces."""
    from planner.io import curriculum_sheets, dataset

    sample = curriculum_sheets.curriculum_xlsx(dataset.load_curriculum())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name in source.namelist():
            if name not in parts:
                target.writestr(name, source.read(name))
        for name, body in parts.items():
            with target.open(name, "w") as stream:
                for piece in body(source) if callable(body) else [body]:
                    stream.write(piece)
    return out.getvalue()


def shared_strings(expanded: int) -> bytes:
    """A workbook whose shared strings (as Excel writes them) unzip to `expanded` bytes."""
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

    def types(source):
        yield source.read("[Content_Types].xml").replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + kind + b'"/></Types>')

    def strings(source):
        yield b"<sst " + MAIN_NS + b"><si><t>"
        for _ in range(expanded // (1 << 20)):
            yield b"A" * (1 << 20)
        yield b"</t></si></sst>"

    return _workbook({"[Content_Types].xml": types, "xl/sharedStrings.xml": strings})


def cells(count: int) -> bytes:
    """A workbook whose first sheet holds `count` more empty cells, 50 to a row, below the activities."""
    def sheet(source):
        body = source.read("xl/worksheets/sheet1.xml")
        head, tail = body.split(b"</sheetData>")
        yield head
        for row in range((count + 49) // 50):
            yield b'<row r="%d">' % (10_000 + row) + b"<c/>" * min(50, count - 50 * row) + b"</row>"
        yield b"</sheetData>" + tail

    return _workbook({"xl/worksheets/sheet1.xml": sheet})


def wide_json(template: bytes, limit: int) -> bytes:
    """JSON of `limit` bytes that is mostly empty objects, the costliest shape per byte to parse."""
    head, tail = template.split(b"@")
    count = (limit - len(head) - len(tail)) // 3
    return head + b",".join([b"{}"] * count) + tail


def deep_json(limit: int) -> bytes:
    return b"[" * (limit // 2) + b"]" * (limit // 2)


def files() -> list[tuple[str, str, str, bytes]]:
    """(uploader, what the file is, its name, its bytes), the normal file of each kind first."""
    from planner.domain.models import Assessment, Mentee, PlanItem, Profile, Rating
    from planner.io import bundle, curriculum_sheets, dataset, external_io, shipped, uploads
    from planner.services import mentoring as mentoring_service

    limit = uploads.MAX_UPLOAD_BYTES
    sample = dataset.load_curriculum()
    person = Profile(name="Ada Lovelace", current_grade="HEO")

    ratings = {code: Rating(score=3) for code in shipped.load_framework().codes}
    plan = bundle.export_bundle(person, [Assessment(profile_id=person.id, taken_on=date(2026, 10, 1), ratings=ratings)],
                                [PlanItem(profile_id=person.id, objective="Run a records review")], NOW)
    from planner.domain.models import AgreedAction, Conversation

    mentee = Mentee(profile_id="jo", mentee_profile_id=person.id, name=person.name, source="share")
    talk = Conversation(profile_id="jo", mentee_id=mentee.id, held_on=date(2026, 10, 30),
                        actions=[AgreedAction(objective="Write a KIM blog post", indicators=["3.1.4"])])
    mentor_file = mentoring_service.return_file("Jo Bloggs", mentee, [], talk, shipped.load_framework(), NOW)
    plan_wide = wide_json(b'{"format": "' + bundle.FORMAT.encode() + b'", "schema_version": 1, "assessments": [@]}',
                          limit)
    cases = [
        ("curriculum", "normal: the sample as Excel", "ours.xlsx", curriculum_sheets.curriculum_xlsx(sample)),
        ("curriculum", "normal: the sample as JSON", "ours.json", json.dumps(sample.model_dump(mode="json")).encode()),
        ("curriculum", "normal: the sample as CSV", "ours.csv", curriculum_sheets.curriculum_csv(sample)),
        ("curriculum", "Excel, shared strings unzip to 400 MB", "ours.xlsx", shared_strings(400 << 20)),
        ("curriculum", "Excel, shared strings just under the limit",
         "ours.xlsx", shared_strings(uploads.MAX_UNZIPPED_BYTES - (1 << 20))),
        ("curriculum", f"Excel, {uploads.MAX_CELLS:,} cells (the most read)", "ours.xlsx",
         cells(uploads.MAX_CELLS - 2_000)),
        ("curriculum", "Excel, 2,000,000 cells", "ours.xlsx", cells(2_000_000)),
        ("curriculum", "JSON nested 2.6 million deep", "ours.json", deep_json(limit)),
        ("curriculum", "JSON of 1.7 million empty activities", "ours.json",
         wide_json(b'{"note": "x", "activities": [@]}', limit)),
        ("curriculum", "JSON number of 5 million digits", "ours.json", b"9" * limit),
        ("curriculum", "CSV, one row of 5 million cells", "ours.csv", b"id" + b"," * (limit - 2)),
        ("curriculum", "CSV, 20,000 rows of 60 cells", "ours.csv",
         (b"x," * 59 + b"x\n") * min(20_000, limit // 120)),
        ("mapping", "normal: the shipped mapping as CSV", "ours.csv", external_io.mapping_csv(dataset.load_mapping())),
        ("mapping", "Excel, shared strings unzip to 400 MB", "ours.xlsx", shared_strings(400 << 20)),
        ("mapping", "JSON of 1.7 million empty frameworks", "ours.json", wide_json(b'{"frameworks": [@]}', limit)),
        ("plan file", "normal: a plan file", "plan.json", plan),
        ("plan file", "JSON nested 2.6 million deep", "plan.json", deep_json(limit)),
        ("plan file", "1.7 million empty assessments", "plan.json", plan_wide),
        ("mentor's file", "normal: a mentor's file", "mentor.json", mentor_file),
        ("mentor's file", "1.7 million empty actions", "mentor.json",
         wide_json(b'{"format": "' + mentoring_service.RETURN_FORMAT.encode() + b'", "schema_version": 1, '
                   b'"mentee_profile_id": "x", "plan_items": [@]}', limit)),
        ("mentee's share file", "normal: a share file", "share.json", plan),
        ("mentee's share file", "1.7 million empty assessments", "share.json", plan_wide),
        ("team share files", "normal: a share file", "share.json", plan),
        ("team share files", "1.7 million empty assessments", "share.json", plan_wide),
    ]
    return cases


# --- Running each case in a fresh process ---------------------------------------------------------


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def measure(uploader: str, path: Path) -> tuple[float, float, str]:
    """(seconds reading, peak memory in MB, outcome) of one file read in a fresh process."""
    process = subprocess.Popen([sys.executable, __file__, "--child", uploader, str(path)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_cap_memory)
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024  # Linux gives kilobytes
    if process.returncode != 0:
        return float("nan"), peak_mb, "CRASHED: " + err.decode(errors="replace").strip().splitlines()[-1][:80]
    result = json.loads(out)
    return result["seconds"], peak_mb, result["outcome"]


def main() -> int:
    cases = files()
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        print(f"Each file read in a fresh process; targets: under {TARGET_SECONDS:g} s and {TARGET_MB} MB.\n")
        print(f"{'uploader':<20} {'file':<46} {'size':>8} {'time':>8} {'peak':>8}  outcome")
        baseline: dict[str, tuple[float, float]] = {}
        for n, (uploader, what, name, data) in enumerate(cases):
            path = Path(folder) / f"{n}--{name}"
            path.write_bytes(data)
            seconds, peak, outcome = measure(uploader, path)
            path.unlink()
            normal = what.startswith("normal")
            if normal and uploader not in baseline:
                baseline[uploader] = (seconds, peak)
            base_s, base_mb = baseline[uploader]
            ok = normal or (seconds < TARGET_SECONDS and peak < TARGET_MB)
            failures += not ok
            versus = "" if normal else f" ({seconds / base_s:.1f}x time, +{peak - base_mb:.0f} MB on normal)"
            print(f"{uploader:<20} {what:<46} {len(data) / 1024:>6.0f}KB {seconds:>7.2f}s {peak:>6.0f}MB  "
                  f"{'' if ok else 'OVER TARGET '}{outcome}{versus}")
    print(f"\n{failures} of {len(cases)} files over target.")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
