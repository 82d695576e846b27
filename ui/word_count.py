"""A word count under a text box that changes as the person types, and is right without any script too.

Streamlit sends a text area's value only when the box is left (or Ctrl+Enter is pressed), so the
server's count, drawn under the box, is right from then on. While the person types, a small script
in the page (st.html runs it in the app's own document; it holds no user text) counts the box's words
by the same rule as planner.domain.cpd.word_count, shows the count at once, and says it to screen
readers in a polite live region once typing pauses, so a reader is not interrupted at every key.
"""

from __future__ import annotations

import html
import json

import streamlit as st

from planner.domain import cpd

SHOWN_ID = "kim-word-count-{key}"
SAID_ID = "kim-word-count-said-{key}"

_STYLE = """<style>
.kim-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important;
  margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
.kim-word-count { margin: -0.5rem 0 0 0; }
.kim-word-count[data-over="true"] { font-weight: 700; }
</style>"""

# Counts as planner.domain.cpd.word_count does: runs of characters between the SPACES it is given that
# hold at least one letter or digit. The browser test checks the two agree on awkward text.
_SCRIPT = """<script>
(() => {
  const config = %(config)s;
  const counts = (window.kimWordCounts = window.kimWordCounts || {});
  counts[config.key] = config;
  window.kimCountWords = (text, spaces) => {
    let words = 0, letter = false;
    for (const ch of text) {
      if (spaces.includes(ch)) { if (letter) words += 1; letter = false; }
      else if (/[\\p{L}\\p{N}]/u.test(ch)) letter = true;
    }
    return letter ? words + 1 : words;
  };
  if (window.kimWordCountListening) return;
  window.kimWordCountListening = true;
  const pauses = {};
  document.addEventListener("input", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement)) return;
    for (const c of Object.values(window.kimWordCounts)) {
      if (!box.closest("." + c.container)) continue;
      const words = window.kimCountWords(box.value, c.spaces);
      const over = Math.max(0, words - c.limit);
      const message = (over ? c.over : c.within).replaceAll("{words}", String(words))
        .replaceAll("{over}", String(over)).replaceAll("{limit}", String(c.limit));
      const shown = document.getElementById(c.shown);
      if (shown) { shown.textContent = message; shown.dataset.over = String(over > 0); }
      clearTimeout(pauses[c.key]);
      pauses[c.key] = setTimeout(() => {
        const said = document.getElementById(c.said);
        if (said) said.textContent = message;
      }, 1000);
    }
  }, true);
})();
</script>"""


def count_html(key: str, count: cpd.StatementCount) -> str:
    """The count as the server draws it (numbers and fixed words only, never what was typed)."""
    over = "true" if count.over else "false"
    return (f'<p id="{SHOWN_ID.format(key=key)}" class="kim-word-count" data-over="{over}">'
            f"{html.escape(count.message)}</p>")


def script_html(key: str, limit: int) -> str:
    """The script that counts the box with this key as the person types, and its live region."""
    config = {
        "key": key, "container": f"st-key-{key}", "limit": limit, "spaces": cpd.SPACES,
        "within": cpd.WITHIN_LIMIT, "over": cpd.OVER_LIMIT,
        "shown": SHOWN_ID.format(key=key), "said": SAID_ID.format(key=key),
    }
    # json.dumps escapes every character a script could end on ("<" among them is not, so "</" is).
    data = json.dumps(config).replace("</", "<\\/")
    live = f'<p id="{SAID_ID.format(key=key)}" class="kim-visually-hidden" aria-live="polite"></p>'
    return _STYLE + live + _SCRIPT % {"config": data}


def live_count(key: str, text: str, limit: int = cpd.STATEMENT_WORDS) -> cpd.StatementCount:
    """Draw the count of the text box with this key under it: the server's count of what it last sent,
    kept up to date by the script while the person types.

    Returns:
        The server's count.
    """
    count = cpd.StatementCount(cpd.word_count(text), limit)
    st.html(count_html(key, count))
    st.html(script_html(key, limit), unsafe_allow_javascript=True)
    return count
