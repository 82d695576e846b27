"""File uploaders that never act on a file the person replaced: a refused pick removes the old one.

When a person picks a file that the browser refuses (over the size limit, or of a type the
uploader does not take), Streamlit shows the refusal but keeps the file picked before, and
tells the server nothing: an Import button would then act on the earlier file, which the person
meant to replace. Streamlit has no setting for this, so a small script, the same on every page,
watches the single-file uploaders and, when one shows a refused file, removes the file picked
before, as the person would with its remove button. The server then sees no file, and Import is
disabled until a file it can read is picked.
"""

from __future__ import annotations

import streamlit as st

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
