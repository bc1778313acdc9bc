"""A table uploaded in a real browser: its columns mapped, kept as a named corpus, its metadata edited.

The server's uploads go to a temporary folder (``FPL_CORPORA_DIR``, set by the ``server_url``
fixture), so a run leaves nothing in ``build/corpora``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_exception, screenshot, wait_idle
from tests.test_columns import DESKS  # a desk-by-desk export whose "category" column is the natural source


def _selectbox(scope, label: str):
    """A select box's input: its value is the option shown."""
    return scope.get_by_role("combobox", name=label, exact=True)


def _choose(page, scope, label: str, option: str) -> None:
    box = _selectbox(scope, label)
    box.click()
    box.press_sequentially(option)  # the list opens on typing, filtered
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def _sources(page) -> list[str]:
    """The sidebar's source filter options, as the browser lists them."""
    box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Sources")
    box.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return sorted(o for o in options if o != "Select all")  # the multiselect's own first entry


def _edit_cell(page, editor, row: int, column: int, value: str) -> None:
    """Type into one cell of an st.data_editor (a canvas grid): select the first cell, walk to the
    cell with the arrow keys (each step checked through the grid's accessible cells), open it, type."""
    editor.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = editor.locator('[data-testid="stDataFrameResizable"]').bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # header row and first body row are 35 px
    expect(editor.locator("td#glide-cell-0-0")).to_have_attribute("aria-selected", "true")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    expect(editor.locator(f"td#glide-cell-{column}-{row}")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    field = page.locator("textarea.gdg-input")
    expect(field).to_be_visible()
    field.fill(value)
    page.keyboard.press("Enter")
    wait_idle(page)


def test_upload_a_table_map_its_columns_keep_it_and_edit_its_metadata(guarded_page, server_url, tmp_path):
    page = guarded_page
    table = tmp_path / "desks.csv"
    DESKS.to_csv(table, index=False)
    page.goto(server_url)
    wait_idle(page)
    main = page.locator('[data-testid="stMain"]')
    if not page.locator('[data-testid="stFileUploaderDropzone"]').is_visible():  # open unless there were problems
        page.get_by_text("Bring your own documents").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(table)])
    expect(main.get_by_text("Columns of desks.csv")).to_be_visible(timeout=30_000)
    wait_idle(page)
    # The guesses are preselected; the source is not guessed from "category".
    for label, value in {"Text": "body", "Source": "(none)", "Date": "pubdate", "Title": "headline",
                         "Id": "article_id"}.items():  # fmt: skip
        expect(_selectbox(main, label)).to_have_value(value)
    _choose(page, main, "Source", "category")
    expect(_selectbox(main, "Source")).to_have_value("category")
    name = main.get_by_role("textbox", name="Name of this corpus")
    expect(name).to_have_value("desks")
    name.fill("Desks")
    name.press("Enter")
    wait_idle(page)
    main.get_by_role("button", name="Analyse the uploaded files").click()
    expect(main.get_by_text("Kept as the corpus Desks")).to_be_visible(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert parse_qs(urlparse(page.url).query)["corpus"] == ["Desks"]
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("4")
    assert _sources(page) == ["business", "sport", "world"]

    # A reload is a new session: the URL brings the corpus back.
    page.reload()
    wait_idle(page)
    assert_no_exception(page)
    expect(_selectbox(page.locator('[data-testid="stSidebar"]'), "Corpus")).to_have_value("Desks")
    assert _sources(page) == ["business", "sport", "world"]

    # The metadata editor: the business row's source, typed in, saved, and every page follows.
    editor_box = page.locator('[data-testid="stExpander"]').filter(has_text="Edit the documents")
    editor_box.get_by_text("Edit the documents").click()
    wait_idle(page)
    editor = editor_box.locator('[data-testid="stDataFrame"]')
    expect(editor.locator("td#glide-cell-0-0")).to_have_text("b1")  # doc ids in order: b1, s1, w1, w2
    _edit_cell(page, editor, row=0, column=2, value="markets desk")
    save = editor_box.get_by_role("button", name="Save 1 edited document(s)")
    expect(save).to_be_enabled()
    save.click()
    expect(page.get_by_text("Saved the metadata of 1 document(s)")).to_be_visible(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    assert _sources(page) == ["markets desk", "sport", "world"]
    screenshot(page, "overview-corpus-edited")
    page.get_by_role("link", name="Stance").first.click()
    wait_idle(page)
    assert_no_exception(page)
    assert _sources(page) == ["markets desk", "sport", "world"]

    # Deleted from the sidebar: gone from the switch, back on the seeds.
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_text("Keep, rename or delete this corpus").click()
    side.get_by_text("Delete Desks and its analyses").click()
    wait_idle(page)
    side.get_by_role("button", name="Delete", exact=True).click()
    wait_idle(page)
    assert_no_exception(page)
    expect(_selectbox(side, "Corpus")).to_have_value("seeds (default)")
    assert "corpus" not in parse_qs(urlparse(page.url).query)
