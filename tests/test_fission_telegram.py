"""Acceptance: a Telegram Desktop export in which one inviter's link brings a burst of throwaway
accounts. Imported with `shequn import`'s service, it flags that inviter and no honest one."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from importing import SHANGHAI
from shequn.services.communities import Community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.read_fission import read_fission
from shequn.store import Database

START = datetime(2024, 5, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))


class Export:
    """A private supergroup's result.json, written message by message."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def _add(self, moment: datetime, record: dict[str, Any]) -> None:
        stamp = {"date": moment.strftime("%Y-%m-%dT%H:%M:%S"), "date_unixtime": str(int(moment.timestamp()))}
        self.messages.append({"id": len(self.messages) + 1, **record, **stamp})

    def say(self, moment: datetime, name: str, user: int, text: str) -> None:
        self._add(moment, {"type": "message", "from": name, "from_id": f"user{user}", "text": text})

    def service(self, moment: datetime, name: str, user: int, action: str, **fields: Any) -> None:
        record = {"type": "service", "actor": name, "actor_id": f"user{user}", "action": action, "text": ""}
        self._add(moment, record | fields)

    def write(self, folder: Path) -> Path:
        path = folder / "result.json"
        chat = {
            "name": "Tea lovers",
            "type": "private_supergroup",
            "id": 1700000001,
            "messages": self.messages,
        }
        path.write_text(json.dumps(chat, ensure_ascii=False, indent=1), encoding="utf-8")
        return path


def day(days: float, minutes: float = 0) -> datetime:
    return START + timedelta(days=days, minutes=minutes)


def tea_lovers(folder: Path) -> Path:
    export = Export()
    export.service(day(0), "Lin", 500, "create_group", title="Tea lovers", members=["Lin"])
    for number, name in enumerate(("Mei", "Hua", "Lu"), start=501):
        export.service(day(0, 60 * (number - 500)), name, number, "join_group_by_link", inviter="Tea lovers")
        export.say(day(0, 60 * (number - 500) + 10), name, number, "hello all")
    # Mei adds three friends; Hua's link brings four over an hour and a half: honest, and they talk.
    export.service(day(2), "Mei", 501, "invite_members", members=["Ann", "Ben", "Cai"])
    for offset, (name, user) in enumerate((("Ann", 601), ("Ben", 602), ("Cai", 603))):
        export.say(day(3, offset), name, user, "thanks Mei")
    for offset, (name, user) in enumerate((("Dan", 611), ("Eli", 612), ("Fay", 613), ("Gus", 614))):
        export.service(day(5, 25 * offset), name, user, "join_group_by_link", inviter="Hua")
        export.say(day(6, offset), name, user, "hi from Hua's link")
    # Lu's link: twelve throwaway accounts in 24 minutes, silent, gone within a day.
    for number in range(12):
        export.service(
            day(10, 2 * number), f"Buyer {number}", 700 + number, "join_group_by_link", inviter="Lu"
        )
    for number in range(12):
        name = f"Buyer {number}"
        export.service(day(10, 20 * 60 + number), name, 700 + number, "remove_members", members=[name])
    export.say(day(60), "Lin", 500, "two months of tea")
    return export.write(folder)


def test_a_burst_of_throwaway_joins_flags_its_inviter_and_no_honest_one(
    db: Database, community: Community, tmp_path: Path
) -> None:
    import_files(db, community, ImportRequest(paths=[tea_lovers(tmp_path)], zone=SHANGHAI))
    report = read_fission(db, community)
    flagged = {row.name: sorted(flag["flag"] for flag in row.flags) for row in report.inviters}
    assert flagged == {"Lu": ["burst", "join_and_leave", "silent_invitees"], "Mei": [], "Hua": []}
    lu = next(row for row in report.inviters if row.name == "Lu")
    burst = next(flag for flag in lu.flags if flag["flag"] == "burst")
    assert burst["evidence"]["joins"] == 12
    assert burst["evidence"]["start"].startswith("2024-05-11T10:00")
    assert len(burst["evidence"]["invitees"]) == 12
    assert (lu.invited, lu.retained_30d, lu.activated_14d, lu.real) == (12, 0, 0, 0)


def test_the_throwaways_count_in_k_raw_and_not_in_k_real(
    db: Database, community: Community, tmp_path: Path
) -> None:
    import_files(db, community, ImportRequest(paths=[tea_lovers(tmp_path)], zone=SHANGHAI))
    totals = read_fission(db, community).totals
    # Lin, Mei, Hua, Lu; Mei's three, Hua's four, Lu's twelve
    assert (totals.people, totals.attributed_joins, totals.real_joins) == (23, 19, 7)
    assert totals.k_raw == 19 / 23
    assert totals.k_real == 7 / 23
