"""In a real browser: a file the browser refuses replaces the one picked before, so Import cannot act on it.

Streamlit keeps the earlier file when a new pick is refused (too large, or of a type the uploader
does not take) and tells the server nothing; the person, who meant to replace it, would import it.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from planner.io import dataset, uploads
from planner.store import open_repository
from tests.browser.conftest import settle

pytestmark = pytest.mark.browser


def _pick(page, uploader, path) -> None:
    uploader.locator("input[type=file]").set_input_files(str(path))
    settle(page)


@pytest.mark.parametrize("refused_name, refused_bytes, words", [
    ("big.json", b" " * (uploads.MAX_UPLOAD_BYTES + 1), "must be 5.0MB or smaller"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", "not allowed"),
], ids=["too large", "wrong type"])
def test_after_a_refused_pick_import_does_not_act_on_the_file_picked_before(server, page, tmp_path, refused_name,
                                                                             refused_bytes, words):
    page.goto(server.url)
    settle(page)
    page.goto(server.url + "/curriculum")
    settle(page)
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Curriculum file")
    good = tmp_path / "good.json"
    good.write_bytes(json.dumps(dataset.load_curriculum().model_dump(mode="json")).encode())
    refused = tmp_path / refused_name
    refused.write_bytes(refused_bytes)
    button = page.get_by_role("button", name="Check and import")

    _pick(page, uploader, good)
    expect(button).to_be_enabled(timeout=60_000)
    _pick(page, uploader, refused)
    uploader.get_by_text(words, exact=False).wait_for(timeout=60_000)
    # The earlier file goes, the refused one stays with its reason, and Import has nothing to act on.
    uploader.get_by_text("good.json").wait_for(state="detached", timeout=60_000)
    settle(page)
    expect(button).to_be_disabled(timeout=60_000)
    assert not dataset.CURRICULUM.is_imported(open_repository(server.data_dir))

    # A good pick after the refusal is imported as usual.
    _pick(page, uploader, good)
    expect(button).to_be_enabled(timeout=60_000)
    button.click()
    settle(page)
    page.get_by_text("Imported 138 activities", exact=False).wait_for(timeout=60_000)
    assert dataset.CURRICULUM.is_imported(open_repository(server.data_dir))
    page.get_by_role("button", name="Use the sample curriculum again").click()
    settle(page)
