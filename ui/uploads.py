"""File uploads on every page, and replacing a shipped data set (curriculum, mapping) with an upload.

Uploaders that never act on a file the person replaced: a refused pick removes the old one.

When a person picks a file that the browser refuses (over the size limit, or of a type the
uploader does not take), Streamlit shows the refusal but keeps the file picked before, and
tells the server nothing: an Import button would then act on the earlier file, which the person
meant to replace. Streamlit has no setting for this, so a small script, the same on every page,
watches the single-file uploaders and, when one shows a refused file, removes the file picked
before, as the person would with its remove button. The server then sees no file, and Import is
disabled until a file it can read is picked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from planner.domain import wording
from planner.errors import PlannerError
from planner.io import uploads
from planner.io.rows import ImportProblems
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown

T = TypeVar("T")

# Written here, never built from anything a person typed or a file held.
_SCRIPT = """
<script>
(() => {
  if (window.kimPathwaysRefusedPicks) return;
  window.kimPathwaysRefusedPicks = true;
  const forgetReplacedFiles = () => {
    for (const uploader of document.querySelectorAll("[data-testid='stFileUploader']")) {
      const input = uploader.querySelector("input[type='file']");
      if (!input || input.multiple) continue;  // a many-file uploader keeps every good file
      // Files are listed in the order picked: those before the last refusal were replaced by it.
      const chips = [...uploader.querySelectorAll("[data-testid='stFileChip']")];
      const isRefused = (chip) => chip.querySelector("[data-testid='stFileChipIconError']") !== null;
      const lastRefusal = chips.findLastIndex(isRefused);
      for (const chip of chips.slice(0, Math.max(lastRefusal, 0))) {
        if (!isRefused(chip)) chip.querySelector("[data-testid='stFileChipDeleteBtn'] button")?.click();
      }
    }
  };
  new MutationObserver(forgetReplacedFiles).observe(document.body, { childList: true, subtree: true });
})();
</script>
<style>
  .stElementContainer:has(.kim-pathways-refused-picks) { display: none; }
</style>
<span class="kim-pathways-refused-picks"></span>
"""


def forget_files_replaced_by_a_refused_pick() -> None:
    """Put the watching script on the page (once per page load; later runs find it there)."""
    st.html(_SCRIPT, unsafe_allow_javascript=True)


# --- Replacing a shipped data set with an organisation's own ---------------------------------


_KIND_NAMES = {"csv": "CSV", "xlsx": "Excel", "json": "JSON"}


def replace_from_upload(
    *,
    key: str,
    subject: str,
    file_label: str,
    read: Callable[[bytes, str], T],
    save: Callable[[T], None],
    done: Callable[[T], list[str]],
    types: tuple[str, ...] = ("csv", "xlsx", "json"),
) -> None:
    """Upload a file, check it, and either list its problems or replace the data set with it.

    Every row is checked before anything is kept: a file with problems replaces nothing, and its
    problems are listed in a table by row (or entry) and column (or field).

    Args:
        key: the page's key prefix: the widgets are {key}_import_file, {key}_import and
            {key}_import_problems.
        subject: what is replaced, as in "The curriculum was not replaced".
        file_label: what the uploader asks for, such as "Curriculum file".
        read: reads and checks the file's bytes and name; raises ImportProblems (or another
            PlannerError) for a file that must not replace anything.
        save: keeps what was read, replacing the data set in use.
        done: the messages to show once it is kept, already safe to show as Markdown.
        types: the file types taken, by extension.
    """
    kinds = wording.joined([_KIND_NAMES.get(t, t.upper()) for t in types], last="or")
    upload = st.file_uploader(f"{file_label} ({kinds}, up to {uploads.MAX_UPLOAD_MB} MB)",
                              type=list(types), key=f"{key}_import_file")
    clicked = st.button("Check and import", type="primary", key=f"{key}_import", disabled=upload is None)
    if not clicked or upload is None:
        return
    try:
        new = read(upload.getvalue(), upload.name)
    except ImportProblems as exc:
        st.error(f"The {subject} was not replaced. The file has {wording.counted(len(exc.problems), 'problem')}:")
        show_table([{exc.unit.capitalize(): p.row if p.row is not None else "",
                     "Column" if exc.unit == "row" else "Field": p.field, "Problem": p.message}
                    for p in exc.problems], key=f"{key}_import_problems")
    except PlannerError as exc:
        st.error(f"{escape_markdown(str(exc))} Nothing was replaced.")
    else:
        with context.plain_errors():
            save(new)
            for message in done(new):
                context.flash(message)
            st.rerun()


def back_to_shipped(*, key: str, heading: str, button: str, message: str, remove: Callable[[], object]) -> None:
    """A heading and a button that removes the imported replacement, so the shipped data set is used again.

    Args:
        key: the button's key.
        heading: the section's heading, such as "Go back to the sample".
        button: the button's words.
        message: what to tell the person once it is done.
        remove: deletes the imported replacement.
    """
    st.subheader(heading)
    if st.button(button, key=key):
        with context.plain_errors():
            remove()
            context.flash(message)
            st.rerun()


def template_download(where: DeltaGenerator, data: Callable[[], bytes], file_name: str, key: str) -> None:
    """The button that downloads a CSV template to fill in and import."""
    where.download_button("Template (CSV)", data=data, file_name=file_name, mime="text/csv", key=key,
                          on_click="ignore")
