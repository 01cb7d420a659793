"""A large, realistic WhatsApp "Export chat" file for benchmarks: `generate(path, lines, seed, layout)`.

Layouts: "android24" (`31/12/23, 21:05 - Name: text`, the default), "android12"
(`12/31/23, 9:05 PM - …` with U+202F before PM), "ios24" (`[31/12/23, 21:05:09] Name: text`),
"ios12" (`[12/31/23, 9:05:09 PM] …`). About 10% of messages run over several lines; a few percent
are media, deleted or edited; about 1% mention someone; a few lines in a thousand are system lines
(added, joined by link, left, removed). Messages come in bursts over about two years.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

_WORDS = (
    "ok thanks see you tomorrow the price is good how much shipping order arrived today please check "
    "great new batch discount link group meeting 好的 谢谢 明天见 价格 发货 👍 😂 🙏 yes no maybe"
)
_FIRST = "Wang Li Zhang Ana Maria John Priya Omar Lena Kenji Chloe Diego Fatima Noah Mei Ivan Sara"
_LAST = "Wei Na Lima Silva Doe Patel Haddad Fischer Sato Martin Ruiz Khan Weber Chen Petrov Rossi"
_SPECIAL_BODIES = ("<Media omitted>", "This message was deleted", "IMG-20230101-WA0007.jpg (file attached)")
_LAYOUTS = {
    "android24": ("{d:%d/%m/%y}, {d:%H:%M} - {who}: {text}", "{d:%d/%m/%y}, {d:%H:%M} - {text}"),
    "android12": ("{d.month}/{d.day}/{d:%y}, {h}:{d:%M}\u202f{d:%p} - {who}: {text}",
                  "{d.month}/{d.day}/{d:%y}, {h}:{d:%M}\u202f{d:%p} - {text}"),
    "ios24": ("[{d:%d/%m/%y}, {d:%H:%M:%S}] {who}: {text}",
              "[{d:%d/%m/%y}, {d:%H:%M:%S}] Group: \u200e{text}"),
    "ios12": ("[{d.month}/{d.day}/{d:%y}, {h}:{d:%M:%S}\u202f{d:%p}] {who}: {text}",
              "[{d.month}/{d.day}/{d:%y}, {h}:{d:%M:%S}\u202f{d:%p}] Group: \u200e{text}"),
}  # fmt: skip


def generate(path: str | Path, lines: int, seed: int = 0, layout: str = "android24") -> int:
    """Write an export of `lines` lines; returns how many messages and system lines it holds."""
    rng = random.Random(seed)
    message_line, system_line = _LAYOUTS[layout]
    first, last = _FIRST.split(), _LAST.split()
    people = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(250)]
    people += [
        f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}" for _ in range(40)
    ]
    people += [f"{rng.choice(first)} {rng.choice('🌸🐼🚀')}" for _ in range(10)]
    moment, written, records = datetime(2022, 3, 1, 8, 0), 0, 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        while written < lines:
            moment += _gap(rng)
            fields = {"d": moment, "h": moment.hour % 12 or 12, "who": rng.choice(people)}
            if rng.random() < 0.004:
                record = system_line.format(text=_system_text(rng, people), **fields)
            else:
                record = message_line.format(text=_text(rng, people), **fields)
            out.write(record + "\n")
            written += record.count("\n") + 1
            records += 1
    return records


def _gap(rng: random.Random) -> timedelta:
    if rng.random() < 0.004:
        return timedelta(hours=rng.uniform(1, 10))
    return timedelta(seconds=int(rng.expovariate(1 / 30)))


def _text(rng: random.Random, people: list[str]) -> str:
    roll = rng.random()
    if roll < 0.03:
        return rng.choice(_SPECIAL_BODIES)
    vocabulary = _WORDS.split()
    words = " ".join(rng.choices(vocabulary, k=rng.randint(1, 14)))
    if roll < 0.04:
        words = f"@{rng.choice(people)} {words}"
    elif roll < 0.045:
        words += " <This message was edited>"
    if rng.random() < 0.1:
        words += "\n" + " ".join(rng.choices(vocabulary, k=rng.randint(1, 10)))
    return words


def _system_text(rng: random.Random, people: list[str]) -> str:
    actor, other = rng.sample(people, 2)
    return rng.choice(
        (f"{actor} added {other}", f"{other} joined using this group's invite link", f"{other} left",
         f"{actor} removed {other}")
    )  # fmt: skip


if __name__ == "__main__":
    count = generate(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0,
                     sys.argv[4] if len(sys.argv) > 4 else "android24")  # fmt: skip
    print(f"{sys.argv[1]}: {count} records")
