"""``duizhao.toml`` → typed, validated settings.

Every threshold that is practice rather than rule (DOMAIN.md §3.4), every severity and
every word list can be overridden here. Unknown keys and wrong types are errors the user
can act on, in Chinese.

    [thresholds]
    min_chars = 3000
    [severity]
    "typo-repeat" = "info"
    [checks]
    disabled = ["punctuation"]
    [words]
    fixed_phrases = ["“三个务必”"]
    [grade]
    fail_errors = 5
    [limits]
    max_chars = 2000000
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

CONFIG_NAME = "duizhao.toml"
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class ConfigError(Exception):
    """The configuration file is wrong; the message says where, in Chinese."""


@dataclass(frozen=True)
class Thresholds:
    min_chars: int = 3000
    min_problems_chars: int = 500
    min_causes_chars: int = 300
    min_problem_cause_share: float = 0.5
    min_aspect_overlap: float = 0.5
    min_restate_similarity: float = 0.6
    min_measure_overlap: float = 0.025
    min_copy_chars: int = 13
    min_group_chars: int = 300


@dataclass(frozen=True)
class GradeRules:
    """不达标: an error from a ``fail_checks`` check, at least ``fail_errors`` errors, or a copy
    ratio (quotations and own materials excluded) of at least ``fail_copy_ratio``; 需修改: at
    least ``revise_errors`` errors, ``revise_warnings`` warnings or ``revise_copy_ratio``;
    else 基本达标."""

    fail_errors: int = 5
    fail_checks: tuple[str, ...] = ("structure-missing-section",)
    revise_errors: int = 1
    revise_warnings: int = 8
    fail_copy_ratio: float = 0.3
    revise_copy_ratio: float = 0.1


@dataclass(frozen=True)
class Limits:
    """Bounds on one input, far above any real material, so a hostile file cannot exhaust the
    machine; exceeding one makes the file unreadable with a message naming the limit."""

    max_file_bytes: int = 50 * 1024 * 1024  # the file as uploaded
    max_unpacked_bytes: int = 50 * 1024 * 1024  # all parts of a .docx package, decompressed
    max_xml_elements: int = 1_000_000  # elements of the .docx parts' trees (they fill memory)
    max_chars: int = 2_000_000  # characters of extracted text
    max_pdf_pages: int = 2_000
    max_findings: int = 2_000  # findings per material kept in a report

    def exceeded(self, name: str) -> str:
        """The Chinese message for a file over the limit ``name``."""
        return f"超过限制 [limits] {name} = {getattr(self, name)}，可在 duizhao.toml 中调高"


@dataclass(frozen=True)
class Settings:
    thresholds: Thresholds = field(default_factory=Thresholds)
    grade: GradeRules = field(default_factory=GradeRules)
    severities: dict[str, Severity] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)

    def extra_words(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())


def _typed(section: str, cls: type[Any], values: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(cls)}
    out = cls()
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"配置 [{section}] 中没有“{key}”这一项，可用的有：{'、'.join(known)}")
        default = getattr(out, key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"配置 [{section}] {key} 应为字符串列表")
            value = tuple(value)
        elif isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif type(value) is not type(default):
            raise ConfigError(f"配置 [{section}] {key} 应为{type(default).__name__}类型，实际是“{value!r}”")
        _finite(section, key, value)
        out = replace(out, **{key: value})
    return out


def _finite(section: str, key: str, value: Any) -> None:
    """Numbers must be finite and not negative (TOML allows nan and inf)."""
    if isinstance(value, int | float) and not (math.isfinite(value) and value >= 0):
        raise ConfigError(f"配置 [{section}] {key} 应为不小于 0 的有限数，实际是“{value!r}”")


def _table(data: dict[str, Any], section: str) -> dict[str, Any]:
    """The section ``[section]`` (empty when absent); anything but a table is an error."""
    value = data.get(section, {})
    if not isinstance(value, dict):
        raise ConfigError(f"配置中的“{section}”应为一个表（写成 [{section}] 段，下面每行“名称 = 值”），"
                          f"实际是“{value!r}”")
    return value


def _strings(section: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"配置 [{section}] 的值应为字符串列表")
    return tuple(value)


def settings_from(data: dict[str, Any]) -> Settings:
    """Typed settings; check ids are validated against the registry by ``review.check_ids``."""
    unknown = set(data) - {"thresholds", "grade", "severity", "checks", "words", "limits"}
    if unknown:
        raise ConfigError(f"配置中有无法识别的部分：{'、'.join(sorted(unknown))}")
    severities = dict(_table(data, "severity"))
    for check_id, severity in severities.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"配置 [severity] {check_id} 应为 error、warning 或 info 之一")
    checks = _table(data, "checks")
    if set(checks) - {"disabled"}:
        raise ConfigError("配置 [checks] 只支持 disabled = [\"检查项编号\", …]")
    return Settings(
        thresholds=_typed("thresholds", Thresholds, _table(data, "thresholds")),
        grade=_typed("grade", GradeRules, _table(data, "grade")),
        severities=severities,
        disabled=frozenset(_strings("checks", checks.get("disabled", []))),
        words={k: _strings(f"words.{k}", v) for k, v in _table(data, "words").items()},
        limits=_limits(_table(data, "limits")),
    )


def _limits(values: dict[str, Any]) -> Limits:
    limits: Limits = _typed("limits", Limits, values)
    for key in values:
        if getattr(limits, key) < 1:
            raise ConfigError(f"配置 [limits] {key} 应为正整数")
    return limits


def load_settings(path: Path | None = None) -> Settings:
    """Settings from ``path``, else ``./duizhao.toml`` when present, else the defaults."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"找不到配置文件 {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"配置文件 {path} 格式有误：{exc}") from exc
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ConfigError(f"无法读取配置文件 {path}（{why}），请检查文件权限") from exc
    return settings_from(data)
