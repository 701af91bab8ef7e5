"""similar-to-colleague: materials reviewed in one batch that share passages."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.review import review_paths

SAMPLES = resources.files("duizhao") / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def shared_paragraph() -> str:
    return [line for line in sample("01_clean_personal.txt").splitlines() if len(line) > 80][3]


def batch(tmp_path: Path, team_text: str) -> dict[str, list[tuple[str, str]]]:
    (tmp_path / "a.txt").write_text(sample("01_clean_personal.txt"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(team_text, encoding="utf-8")
    review = review_paths([tmp_path], ReviewContext(settings=Settings()))
    out = {}
    for item in review.documents:
        assert item.document is not None
        out[Path(item.path).name] = [(item.document.text[f.start:f.end], f.message)
                                     for f in item.findings if f.check == "similar-to-colleague"]
    return out


def test_shared_passage_is_reported_on_both_sides(tmp_path: Path):
    copy = shared_paragraph().replace("我", "我们")
    team = sample("03_team.txt").replace("二、", copy + "\n二、", 1)
    found = batch(tmp_path, team)
    [(a_text, a_message)] = found["a.txt"]
    [(b_text, b_message)] = found["b.txt"]
    assert "b.txt" in a_message and "a.txt" in b_message
    assert len(a_text) >= 0.9 * len(shared_paragraph()) and len(b_text) >= 0.9 * len(copy)


def test_materials_written_separately_are_silent(tmp_path: Path):
    assert batch(tmp_path, sample("03_team.txt")) == {"a.txt": [], "b.txt": []}


def test_a_single_material_is_silent(tmp_path: Path):
    (tmp_path / "a.txt").write_text(sample("01_clean_personal.txt") + shared_paragraph(),
                                    encoding="utf-8")
    [item] = review_paths([tmp_path], ReviewContext(settings=Settings())).documents
    assert not [f for f in item.findings if f.check == "similar-to-colleague"]


def test_the_closing_line_every_material_has_is_silent(tmp_path: Path):
    closing = "以上是我的个人对照检查，不妥之处，恳请各位领导和同志们批评指正。"
    team = sample("03_team.txt").rstrip() + "\n" + closing + "\n"
    (tmp_path / "a.txt").write_text(sample("01_clean_personal.txt").rstrip() + "\n" + closing + "\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(team, encoding="utf-8")
    review = review_paths([tmp_path], ReviewContext(settings=Settings()))
    assert all(f.check != "similar-to-colleague" for item in review.documents for f in item.findings)
