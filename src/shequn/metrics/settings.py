"""A community's analytics settings: the windows and stage rules every figure uses. Stored per
community as a TOML document (`shequn settings set FILE`); every field has a default, so an empty
document is valid. docs/metrics.md lists them. What each entry channel cost is not a setting: it is
kept with the channel (`shequn channel add CODE --cost`), and joins the settings when figures are
computed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from typing import Any


class SettingsError(ValueError):
    """A settings document that cannot be used; the message names the field and what was expected."""


@dataclass(frozen=True)
class Windows:
    silent_days: int = 30  # silence that makes a member churned, and active again "resurrected"
    retention_days: int = 30  # entry channels: still a member, and active, within this many days
    health_days: int = 28  # group health figures cover the last this many days
    dying_weeks: int = 4  # a group is dying when its weekly active members fell ...
    dying_drop: float = 0.5  # ... by at least this share over dying_weeks weeks ...
    dying_min_active: int = 4  # ... from at least this many
    cohort_weeks: int = 12  # retention is followed this many weeks after the week of first join


@dataclass(frozen=True)
class StageRules:
    newcomer_days: int = 14  # first seen less than this many days ago; after that, silent = lurker
    fan_weeks: int = 4  # a fan was active in at least fan_active_weeks of the last fan_weeks weeks
    fan_active_weeks: int = 3
    core_share: float = 0.05  # core: a fan among the top share of interactions over fan_weeks weeks
    repeat_orders: int = 2  # paid orders that make a repeat buyer
    distributor_orders: int = 1  # paid orders credited to a member that make them a distributor


@dataclass(frozen=True)
class Settings:
    windows: Windows = field(default_factory=Windows)
    stages: StageRules = field(default_factory=StageRules)
    channel_costs_fen: dict[str, int] = field(default_factory=dict)  # from the channels, not the TOML


_SECTIONS = {"windows": Windows, "stages": StageRules}
_SHARES = {"dying_drop", "core_share"}


def parse_settings(text: str) -> Settings:
    """Settings from a TOML document, or SettingsError naming the first field that is wrong."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"settings are not valid TOML: {error}") from None
    if "channel_costs_fen" in document:
        raise SettingsError(
            "channel_costs_fen is not a setting: give an entry channel its cost with "
            "`shequn channel add CODE --name NAME --cost YUAN`"
        )
    unknown = set(document) - set(_SECTIONS)
    if unknown:
        raise SettingsError(f"unknown section {sorted(unknown)[0]!r}; expected windows, stages")
    sections = {name: _section(name, kind, document.get(name, {})) for name, kind in _SECTIONS.items()}
    return Settings(**sections)


def _section(name: str, kind: type, values: Any) -> Any:
    if not isinstance(values, dict):
        raise SettingsError(f"{name} must be a table of settings")
    known = {one.name: one for one in fields(kind)}
    for key, value in values.items():
        if key not in known:
            raise SettingsError(f"unknown setting {name}.{key}; expected one of {', '.join(known)}")
        _check(f"{name}.{key}", key, value)
    return kind(**values)


def _check(path: str, key: str, value: Any) -> None:
    if key in _SHARES:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise SettingsError(f"{path} must be a number greater than 0 and at most 1, not {value!r}")
    elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
        raise SettingsError(f"{path} must be a whole number from 1 to 3650, not {value!r}")


def settings_document(settings: Settings) -> str:
    """The TOML document of these settings, every field written out with its value; and, in a
    comment the parser ignores, the channel costs they were joined with."""
    lines = []
    for name in _SECTIONS:
        lines.append(f"[{name}]")
        section = getattr(settings, name)
        lines += [f"{one.name} = {getattr(section, one.name)!r}" for one in fields(section)]
        lines.append("")
    if settings.channel_costs_fen:
        costs = ", ".join(f"{code}={fen}" for code, fen in sorted(settings.channel_costs_fen.items()))
        lines.append(f"# channel costs (fen), from `shequn channel list`: {costs}")
    return "\n".join(lines) + "\n"
