"""Every input file and container record yields one article or one error record; bad input never crashes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from recoupe.ingest import iter_inputs
from recoupe.model import ErrorRecord
from recoupe.settings import Settings

from ..conftest import DATA

EXPECTED = json.loads((DATA / "ingest.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items():
    return {x.source: x for x in iter_inputs([DATA / "ingest"])}


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_expected_outcome(items, source):
    want = EXPECTED[source]
    assert source in items, f"{source} missing: nothing may be silently dropped"
    got = items[source]
    if "error" in want:
        assert isinstance(got, ErrorRecord), f"{source}: expected error {want['error']}, got a document"
        assert got.code == want["error"]
        assert got.message
    else:
        assert not isinstance(got, ErrorRecord), f"{source}: {got}"
        body = got.metadata.get("main_text", got.text)
        assert want["contains"] in body
        for key in ("url", "outlet"):
            if key in want:
                assert got.metadata.get(key) == want[key]


def test_no_unexpected_records(items):
    assert set(items) == set(EXPECTED)


def test_one_huge_line_is_refused_cleanly(tmp_path):
    big = tmp_path / "one_line.txt"
    big.write_bytes(b"a" * (20 * 1024 * 1024))
    (tmp_path / "ok.txt").write_text("Un article court mais bien réel, écrit pour ce test.\n", encoding="utf-8")
    got = {x.source: x for x in iter_inputs([tmp_path], Settings())}
    assert isinstance(got["one_line.txt"], ErrorRecord) and got["one_line.txt"].code == "TOO_LARGE"
    assert not isinstance(got["ok.txt"], ErrorRecord)


def test_directory_symlink_loop_is_reported_not_followed_forever(tmp_path):
    d = tmp_path / "pile"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.txt").write_text("Le texte de l'article numéro un, assez long pour compter.\n", encoding="utf-8")
    os.symlink(d, d / "sub" / "loop")
    got = list(iter_inputs([d]))
    sources = [x.source for x in got]
    assert sources.count("sub/a.txt") == 1
    loops = [x for x in got if isinstance(x, ErrorRecord) and x.code == "LOOP"]
    assert [x.source for x in loops] == ["sub/loop"]


def test_source_is_relative_to_argument_and_ends_with_file_name(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    f = tmp_path / "a" / "b" / "story.txt"
    f.write_text("Un article.\n", encoding="utf-8")
    assert [x.source for x in iter_inputs([tmp_path])] == ["a/b/story.txt"]
    assert [x.source for x in iter_inputs([f])] == ["story.txt"]


def test_missing_path_is_an_io_error(tmp_path):
    got = list(iter_inputs([tmp_path / "nope.txt"]))
    assert len(got) == 1 and isinstance(got[0], ErrorRecord) and got[0].code == "IO"


def test_identical_bytes_give_two_records(tmp_path):
    for name in ("one.txt", "two.txt"):
        Path(tmp_path / name).write_text("Même contenu, deux fichiers.\n", encoding="utf-8")
    got = list(iter_inputs([tmp_path]))
    assert [x.source for x in got] == ["one.txt", "two.txt"]
