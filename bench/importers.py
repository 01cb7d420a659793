"""Importer benchmark: shequn's import (parse and store into SQLite) against the parsers of
chat-miner and whatstk (parse only, into their DataFrames), on the same generated files, in one run.

    make bench-importers   # or: .venv/bin/python bench/importers.py [--lines N] [--messages N]

Each contender runs alone in a fresh process; the table gives wall time, CPU time (user + system,
its own and its worker processes'), messages per wall-clock second (end to end, as a user waits for
it) and per CPU second, peak RSS (its own plus its workers'), and the ratio of shequn's rate to each
peer's, end to end. The files are generated once into bench/out/ and reused.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).parent / "out"
WHATSAPP_HEADER = "%d/%m/%y, %H:%M - %name:"  # the header of generate_whatsapp's android24 layout


def shequn_import(path: str) -> int:
    from shequn.services.communities import create_community
    from shequn.services.import_files import ImportRequest, import_files
    from shequn.store import open_store

    with tempfile.TemporaryDirectory(prefix="shequn-bench-") as folder:
        db = open_store(f"{folder}/bench.db", create=True)
        community = create_community(db, "bench", "Asia/Shanghai")
        summary = import_files(
            db, community, ImportRequest(paths=[Path(path)], zone=ZoneInfo("Asia/Shanghai"))
        )
        db.close()
    return summary.messages


def whatstk_auto(path: str) -> int:
    from whatstk import WhatsAppChat

    return len(WhatsAppChat.from_source(filepath=path, max_size=None).df)


def whatstk_told(path: str) -> int:
    from whatstk import WhatsAppChat

    return len(WhatsAppChat.from_source(filepath=path, hformat=WHATSAPP_HEADER, max_size=None).df)


def chatminer_whatsapp(path: str) -> int:
    from chatminer.chatparsers import WhatsAppParser

    parser = WhatsAppParser(path)
    parser.parse_file()
    return len(parser.parsed_messages.get_df())


def chatminer_telegram(path: str) -> int:
    from chatminer.chatparsers import TelegramJsonParser

    parser = TelegramJsonParser(path)
    parser.parse_file()
    return len(parser.parsed_messages.get_df())


CONTENDERS: dict[str, Callable[[str], int]] = {
    "shequn": shequn_import,
    "whatstk (auto-detected header)": whatstk_auto,
    "whatstk (told the header)": whatstk_told,
    "chat-miner (WhatsApp)": chatminer_whatsapp,
    "chat-miner (Telegram)": chatminer_telegram,
}
RACES = {
    "whatsapp": (
        "shequn",
        "whatstk (auto-detected header)",
        "whatstk (told the header)",
        "chat-miner (WhatsApp)",
    ),
    "telegram": ("shequn", "chat-miner (Telegram)"),
}


def child(name: str, path: str) -> dict[str, float]:
    started, cpu = time.perf_counter(), time.process_time()
    messages = CONTENDERS[name](path)
    wall = time.perf_counter() - started
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "messages": messages,
        "wall": wall,
        "cpu": time.process_time() - cpu + workers.ru_utime + workers.ru_stime,
        "peak_mb": (usage.ru_maxrss + workers.ru_maxrss) / 1024,
    }


def run(name: str, path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", name, str(path)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def inputs(lines: int, messages: int) -> dict[str, Path]:
    sys.path.insert(0, str(Path(__file__).parent))
    from generate_telegram import write_export
    from generate_whatsapp import generate

    OUT.mkdir(exist_ok=True)
    whatsapp, telegram = OUT / f"whatsapp_{lines}.txt", OUT / f"telegram_{messages}.json"
    if not whatsapp.exists():
        generate(whatsapp, lines, seed=1, layout="android24")
    if not telegram.exists():
        write_export(telegram, messages)
    return {"whatsapp": whatsapp, "telegram": telegram}


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [
        "| file | parser | messages | wall s | CPU s | messages / s | messages / CPU s | peak RSS MB "
        "| shequn ÷ this |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for race, rows in results.items():
        ours = rows["shequn"]["messages"] / rows["shequn"]["wall"]
        for name, row in rows.items():
            rate = row["messages"] / row["wall"]
            lines.append(
                f"| {race} | {name} | {row['messages']:,.0f} | {row['wall']:.1f} | {row['cpu']:.1f} | "
                f"{rate:,.0f} | {row['messages'] / row['cpu']:,.0f} | {row['peak_mb']:,.0f} | "
                f"{ours / rate:.2f}× |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000, help="lines of the WhatsApp export")
    parser.add_argument("--messages", type=int, default=1_000_000, help="messages of the Telegram export")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    files = inputs(args.lines, args.messages)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for race, names in RACES.items():
        results[race] = {}
        for name in names:
            results[race][name] = run(name, files[race])
            print(f"{race} {name}: {results[race][name]}", file=sys.stderr)
    print(table(results))


if __name__ == "__main__":
    main()
