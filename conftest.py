"""The docs as tests: every Python block of README.md and docs/*.md is collected by Sybil.

Two kinds of Python fence, told apart by their info string:

    ```python                       an example: it runs, and a `>>>` block checks what it prints
    ```python gan_tdd/model.py      a quotation of that file: each passage between lines of `...`
                                    must stand in the file word for word, in the same order

The examples of one document share one namespace and run in a temporary directory of their
own, so that `runs/mine` and the like never land in the work tree. A block that cannot run is
marked `<!-- skip: next -->`; setup a reader need not see goes in
`<!-- invisible-code-block: python ... -->` (Sybil's Markdown syntax). A block that takes seconds
is marked `<!-- slow: REASON -->` on the line before it, and so left out of the fast loop,
`pytest -m "not slow"`, as `pytest.mark.slow(reason=...)` leaves out a test.
"""
import doctest
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

# TensorFlow's native lines (cuInit on a machine without a GPU, among them) would stand in each
# failing test's captured output; gan_tdd.quiet_tensorflow hides them the same way.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from sybil import Region, Sybil  # noqa: E402
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser  # noqa: E402
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer  # noqa: E402

ROOT = Path(__file__).parent
ELISION = re.compile(r"^[ \t]*\.\.\.[ \t]*$")
SLOW_BLOCK = re.compile(r"^<!-- slow: (?P<reason>.+) -->$")


def passages(quote):
    """The runs of lines of a quotation between its `...` lines."""
    runs, run = [], []
    for line in quote.splitlines():
        if ELISION.match(line):
            runs.append(run)
            run = []
        else:
            run.append(line)
    runs.append(run)
    return [run for run in runs if run]


def _leading(line):
    return line[:len(line) - len(line.lstrip())]


def find_passage(lines, passage, start, indent):
    """Where `passage` stands in `lines` from `start` on, each line shifted by the same indent.

    Sybil hands over a quotation with its common indentation removed, so a method quoted from
    a class comes without its first four spaces; `indent` is None until the first passage
    fixes it. Returns (index, indent), or (None, indent).
    """
    for index in range(start, len(lines) - len(passage) + 1):
        shift = indent if indent is not None else _leading(lines[index])[:-len(_leading(passage[0])) or None]
        if all((text == shift + line) if line.strip() else not text.strip()
               for text, line in zip(lines[index:index + len(passage)], passage)):
            return index, shift
    return None, indent


def check_quotation(example):
    """Each passage of the quotation is in the quoted file, whole and in order; else what is not."""
    path = example.region.parsed["path"]
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    start, indent = 0, None
    for passage in passages(example.region.parsed["source"]):
        found, indent = find_passage(lines, passage, start, indent)
        if found is None:
            return f"not in {path} (after line {start}) as quoted:\n" + "\n".join(passage)
        start = found + len(passage)
    return None


class QuotationParser:
    """Fences whose info string is `python PATH`, PATH a file of gan_tdd/ or tests/."""

    lexer = FencedCodeBlockLexer(language=r"python (?P<path>(?:gan_tdd|tests)/[\w/]+\.py)",
                                 mapping={"path": "path", "source": "source"})

    def __call__(self, document):
        for region in self.lexer(document):
            yield Region(region.start, region.end, parsed={"path": region.lexemes["path"],
                                                           "source": str(region.lexemes["source"])},
                         evaluator=check_quotation)


_directories = []


def enter_a_temporary_directory(namespace):
    _directories.append((os.getcwd(), tempfile.mkdtemp(prefix="gan_tdd-docs-")))
    os.chdir(_directories[-1][1])


def leave_the_temporary_directory(namespace):
    previous, temporary = _directories.pop()
    os.chdir(previous)
    shutil.rmtree(temporary, ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE),
             QuotationParser(), SkipParser()],
    patterns=["README.md", "docs/*.md"],
    setup=enter_a_temporary_directory,
    teardown=leave_the_temporary_directory,
).pytest()


def slow_blocks(document):
    """{line: reason} for each line of the blocks of a Markdown file marked `<!-- slow: REASON -->`
    on the line before them, fence to fence (lines counted from 1, as Sybil's item names count
    them): a block of code is one item named by its fence's line, a `>>>` example one item named by
    its own."""
    lines = document.read_text(encoding="utf-8").splitlines()
    slow = {}
    for number, line in enumerate(lines, start=1):
        if match := SLOW_BLOCK.match(line.strip()):
            fence = number + 1
            end = next((later for later in range(fence + 1, len(lines) + 1)
                        if lines[later - 1].strip().startswith("```")), fence)
            slow.update(dict.fromkeys(range(fence, end + 1), match["reason"]))
    return slow


def pytest_collection_modifyitems(config, items):
    """Mark the docs' slow blocks, and refuse a slow mark that does not say why."""
    marked = {}
    for item in items:
        if item.path.suffix == ".md":
            if item.path not in marked:
                marked[item.path] = slow_blocks(item.path)
            line = int(re.match(r"line:(\d+)", item.name)[1])
            if line in marked[item.path]:
                item.add_marker(pytest.mark.slow(reason=marked[item.path][line]))
        for mark in item.iter_markers("slow"):
            if not mark.kwargs.get("reason"):
                raise pytest.UsageError(f"{item.nodeid}: say why it is slow, "
                                        "pytest.mark.slow(reason=...)")
