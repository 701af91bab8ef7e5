from pathlib import Path

import pytest

from duizhao.config import ConfigError, Settings, load_settings, settings_from


def test_defaults_follow_domain_practice():
    t = Settings().thresholds
    assert (t.min_chars, t.min_problems_chars, t.min_causes_chars) == (3000, 500, 300)
    assert t.min_problem_cause_share == 0.5


def test_overrides_are_typed(tmp_path: Path):
    path = tmp_path / "duizhao.toml"
    path.write_text(
        '[thresholds]\nmin_chars = 2000\nmin_problem_cause_share = 1\n'
        '[severity]\n"structure-missing-section" = "warning"\n'
        '[checks]\ndisabled = ["structure-missing-section"]\n'
        '[words]\nplaceholders = ["待定"]\n[grade]\nfail_errors = 2\n', encoding="utf-8")
    s = load_settings(path)
    assert s.thresholds.min_chars == 2000
    assert s.thresholds.min_problem_cause_share == 1.0
    assert s.severities == {"structure-missing-section": "warning"}
    assert "structure-missing-section" in s.disabled
    assert s.extra_words("placeholders") == ("待定",)
    assert s.grade.fail_errors == 2


@pytest.mark.parametrize("data, fragment", [
    ({"thresholds": {"min_char": 1}}, "min_char"),
    ({"thresholds": {"min_chars": "多"}}, "min_chars"),
    ({"severity": {"structure-missing-section": "fatal"}}, "error、warning 或 info"),
    ({"checks": {"enabled": []}}, "disabled"),
    ({"words": {"placeholders": "XX"}}, "字符串列表"),
    ({"colour": {}}, "colour"),
])
def test_bad_settings_explain_themselves(data, fragment):
    with pytest.raises(ConfigError, match=fragment):
        settings_from(data)


def test_broken_toml_is_a_config_error(tmp_path: Path):
    path = tmp_path / "duizhao.toml"
    path.write_text("[thresholds\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="格式有误"):
        load_settings(path)


def test_no_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings() == Settings()
