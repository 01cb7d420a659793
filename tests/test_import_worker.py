"""Big imports read in a worker process and stream their events to the writer: the result must be
exactly what reading in-process stores, failures included."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from importing import SHANGHAI
from shequn.services.communities import Community, create_community
from shequn.services.import_files import ImportRequest, import_files
from shequn.services.list_events import list_events
from shequn.sources.files import SourceError
from shequn.store import Database, open_store
from shequn.store.event_reads import EventFilter

DATA = Path(__file__).parent / "data"
EVERY_FORMAT = sorted(path for path in DATA.iterdir() if path.is_dir())


def _stored(db: Database, community: Community) -> list[dict[str, object]]:
    return list(list_events(db, community, EventFilter()))


@pytest.mark.parametrize("folder", EVERY_FORMAT, ids=lambda path: path.name)
def test_reading_in_a_worker_stores_what_reading_in_process_does(folder: Path, tmp_path: Path) -> None:
    results = []
    for worker in (False, True):
        db = open_store(str(tmp_path / f"worker-{worker}.db"), create=True)
        community = create_community(db, "acme", "Asia/Shanghai")
        request = ImportRequest(paths=[folder], zone=SHANGHAI, worker=worker, skip_bad=True)
        summary = import_files(db, community, request)
        results.append((asdict(summary), _stored(db, community)))
        db.close()
    (here, stored_here), (there, stored_there) = results
    assert here["events"] > 0 and here == there
    assert stored_here == stored_there


def test_the_worker_path_works_on_each_engine(db: Database, community: Community) -> None:
    request = ImportRequest(paths=[DATA / "telegram_json"], zone=SHANGHAI, worker=True, skip_bad=True)
    first = import_files(db, community, request)
    again = import_files(db, community, request)
    assert first.added > 0
    assert (again.added, again.skipped) == (0, first.events)


BROKEN = "01/03/24, 10:00 - Ana Lima: before\n31/02/24, 10:01 - Ana Lima: the 31st of February\n"


def test_a_bad_record_read_in_the_worker_stops_the_import_and_stores_nothing(
    db: Database, community: Community, tmp_path: Path
) -> None:
    good = tmp_path / "WhatsApp Chat with Good.txt"
    good.write_text("01/03/24, 09:00 - Bo Chen: fine\n", encoding="utf-8")
    bad = tmp_path / "WhatsApp Chat with Team.txt"
    bad.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        import_files(db, community, ImportRequest(paths=[good, bad], zone=SHANGHAI, worker=True))
    assert f"{bad}:2: expected a header with a real date and time" in str(raised.value)
    assert _stored(db, community) == []
    skipping = import_files(
        db, community, ImportRequest(paths=[good, bad], zone=SHANGHAI, worker=True, skip_bad=True)
    )
    assert skipping.messages == 2 and [problem.split(": ")[0] for problem in skipping.problems] == [
        f"{bad}:2"
    ]


def test_the_worker_reports_progress_up_to_the_whole_file(
    db: Database, community: Community, tmp_path: Path
) -> None:
    path = tmp_path / "WhatsApp Chat with Team.txt"
    lines = [f"01/03/24, 10:{n % 60:02d} - Ana Lima: message number {n}\n" for n in range(60_000)]
    path.write_text("".join(lines), encoding="utf-8")
    heard: list[int] = []
    request = ImportRequest(paths=[path], zone=SHANGHAI, worker=True)
    summary = import_files(db, community, request, on_progress=heard.append)
    assert summary.messages == 60_000
    assert len(heard) > 1 and sum(heard) == path.stat().st_size
