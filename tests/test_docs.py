"""The docs as tests: no Python block of the docs escapes conftest.py, a quotation cannot drift,
and the tour notebook runs from top to bottom."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOUR = ROOT / "docs" / "tour.ipynb"
IN_A_PROCESS = pytest.mark.slow(reason="runs pytest in a process of its own")


def pytest_in(directory, *arguments):
    """Run pytest in a process of its own in `directory`; its exit status and output."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
                            cwd=directory, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


@IN_A_PROCESS
def test_every_python_block_of_the_docs_is_collected_as_a_test():
    """Each fence that opens with ```python, in README.md and docs/*.md, is an item of the suite:
    an example that runs (a `>>>` block is one item per prompt, the first on the next line), or a
    quotation that is checked against its file."""
    fences = [(f"{doc.relative_to(ROOT)}::line:{number},column:1",
               f"{doc.relative_to(ROOT)}::line:{number + 1},column:1")
              for doc in DOCS
              for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1)
              if re.match(r"\s*```python", line)]

    status, output = pytest_in(ROOT, "--collect-only", "README.md", "docs")

    items = set(output.split())
    assert status == 0, output
    assert fences
    assert [fence for fence, first_prompt in fences if not {fence, first_prompt} & items] == []


@IN_A_PROCESS
def test_a_quotation_that_drifted_from_its_file_fails_and_shows_the_passage(tmp_path):
    """A passage quoted from gan_tdd/ must stand in the file word for word; `...` skips lines."""
    shutil.copy(ROOT / "conftest.py", tmp_path)
    (tmp_path / "gan_tdd").mkdir()
    (tmp_path / "gan_tdd" / "example.py").write_text(
        "def double(x):\n    \"\"\"Twice x.\"\"\"\n    return 2 * x\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        "```python gan_tdd/example.py\ndef double(x):\n    ...\n    return 2 * x\n```\n\n"
        "```python gan_tdd/example.py\ndef double(x):\n    return x + x\n```\n\n"
        "```python\nassert 2 * 21 == 42\n```\n")

    status, output = pytest_in(tmp_path, str(tmp_path / "docs"))

    assert status == 1
    assert "1 failed, 2 passed" in output
    assert "not in gan_tdd/example.py (after line 0) as quoted:\ndef double(x):\n    return x + x" in output


@IN_A_PROCESS
def test_a_slow_mark_leaves_its_block_out_of_the_fast_loop_prompts_included(tmp_path):
    """`<!-- slow: ... -->` marks the next block, a `>>>` block's prompts each (they are items of
    their own), and nothing after the block's closing fence."""
    shutil.copy(ROOT / "conftest.py", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        "<!-- slow: takes seconds -->\n```python\nx = 21\n```\n\n"
        "<!-- slow: reads x -->\n```python\n>>> x * 2\n42\n>>> x + 1\n22\n```\n\n"
        "```python\nassert 2 * 21 == 42\n```\n")

    status, output = pytest_in(tmp_path, str(tmp_path / "docs"), "-m", "not slow")

    assert status == 0, output
    assert "1 passed, 3 deselected" in output


@pytest.mark.slow(reason="runs the tour notebook in a Jupyter kernel of its own")
def test_the_tour_notebook_runs_from_top_to_bottom_and_draws_its_pictures(tmp_path):
    """docs/tour.ipynb in a fresh kernel, in a temporary directory: no cell raises, and it shows
    five pictures (real digits, samples before and after training, the recorded losses, and a
    frame of the GAN on points in the plane)."""
    notebook = nbformat.read(TOUR, as_version=4)

    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()

    pictures = [output for cell in notebook.cells for output in cell.get("outputs", [])
                if "image/png" in output.get("data", {})]
    assert len(pictures) == 5


def test_the_tour_notebook_is_kept_without_outputs():
    """Outputs are made by running it: the file holds only what a person wrote, so diffs stay readable."""
    notebook = nbformat.read(TOUR, as_version=4)

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]

    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
