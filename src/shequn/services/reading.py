"""Reading exports for an import: which importer reads which files, the screening of bad records,
the tally of the summary, and, for big imports, all of that in a worker process beside the writer.

Parsing and storing each take about half of an import's time, and a database takes one writer, so a
big import reads in a second process and streams the events to the writing one in msgpack batches:
on two cores the two halves overlap. Small imports read in-process, where starting a worker would
cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import msgspec

from ..domain.events import MEMBERSHIP_KINDS, AccountKind, Event, Kind
from ..domain.validation import problems
from ..plugins import importers
from ..sources.files import Bundle, SourceError, SourceFile, collect_files, reading_progress
from ..sources.importer import Importer, ImportOptions, Problem

WORKER_BYTES = 8 * 1024 * 1024  # imports at least this big read in a worker process
_BATCH = 4096  # events per message from the worker
_AHEAD = 64  # messages the writer takes in before the worker has to wait
_PROGRESS_STEP = 1024 * 1024  # the worker reports progress in steps of this many bytes
_EVENTS, _BUNDLE_END, _PROGRESS, _FIGURES, _FAILED, _CRASHED = b"EBPFXC"


@dataclass(frozen=True)
class ImportRequest:
    paths: Sequence[Path]
    zone: tzinfo
    format: str | None = None
    group_name: str | None = None
    skip_bad: bool = False
    worker: bool | None = None  # read in a worker process; None decides by the size of the import


def format_names() -> list[str]:
    return [importer.name for importer in importers()]


def plan_import(
    files: Sequence[SourceFile], forced: str | None
) -> tuple[list[tuple[Importer, Bundle]], list[str]]:
    """Which importer reads which files; and the files found in folders or zips that none claimed."""
    candidates = importers()
    if forced is not None:
        candidates = [importer for importer in candidates if importer.name == forced]
        if not candidates:
            raise SourceError(f"unknown format {forced!r}; expected one of: {', '.join(format_names())}")
    plan: list[tuple[Importer, Bundle]] = []
    claimed: set[SourceFile] = set()
    for importer in candidates:
        for bundle in importer.bundles([file for file in files if file not in claimed]):
            plan.append((importer, bundle))
            claimed.update(bundle.files)
    unclaimed = [file for file in files if file not in claimed]
    if forced is not None:
        plan += [(candidates[0], Bundle((file,))) for file in unclaimed if file.explicit]
        unclaimed = [file for file in unclaimed if not file.explicit]
    for file in unclaimed:
        if file.explicit:
            raise SourceError(
                f"{file.name}: not a chat export shequn recognises (tried {', '.join(format_names())}); "
                "name the format with --format to read it anyway"
            )
    return plan, [file.name for file in unclaimed]


@dataclass
class Figures:
    """What the import summary counts of the events read."""

    kinds: dict[str, int] = field(default_factory=dict)
    members: int = 0  # distinct people (not bots or system accounts) the events are about
    groups: int = 0
    problems: list[str] = field(default_factory=list)  # records skipped with --skip-bad


class Tally:
    """The figures, gathered while the events stream past."""

    def __init__(self) -> None:
        self.kinds: Counter[Kind] = Counter()
        self.people: set[tuple[str, str]] = set()
        self.groups: set[tuple[str, str]] = set()
        self.problems: list[str] = []

    def screened(self, items: Iterable[Event | Problem], name: str, skip_bad: bool) -> Iterator[Event]:
        """The good events; a bad record stops the import, or with `skip_bad` is noted and passed over.
        An event that breaks the model's rules is a bad record of its file."""
        for item in items:
            if isinstance(item, Event) and (found := problems(item)):
                item = Problem(name, None, f"event {item.key}: {'; '.join(found)}")
            if isinstance(item, Problem):
                if not skip_bad:
                    raise SourceError(
                        f"{item}; nothing was imported (use --skip-bad to import the good records)"
                    )
                self.problems.append(str(item))
                continue
            self._count(item)
            yield item

    def _count(self, event: Event) -> None:
        self.kinds[event.kind] += 1
        subject = event.membership_subject if event.kind in MEMBERSHIP_KINDS else event.actor
        if (
            subject is not None
            and subject.kind is AccountKind.PERSON
            and event.kind is not Kind.GROUP_CREATED
        ):
            self.people.add((subject.platform or event.platform, subject.handle))
        if event.group:
            self.groups.add((event.platform, event.group))

    def figures(self) -> Figures:
        kinds = {kind.value: count for kind, count in self.kinds.items()}
        return Figures(kinds, len(self.people), len(self.groups), self.problems)


class Reading:
    """The events of each bundle of an import in order, then the figures of all of them."""

    figures: Figures

    def bundles(self) -> Iterator[tuple[str, str, Iterator[Event]]]:
        """(format, bundle name, its events) per bundle; each bundle's events must be consumed
        before the next bundle is asked for."""
        raise NotImplementedError


class _InProcess(Reading):
    def __init__(self, request: ImportRequest, plan: list[tuple[Importer, Bundle]]) -> None:
        self._request, self._plan, self._tally = request, plan, Tally()

    def bundles(self) -> Iterator[tuple[str, str, Iterator[Event]]]:
        options = ImportOptions(zone=self._request.zone, group_name=self._request.group_name)
        for importer, bundle in self._plan:
            items = importer.read(bundle, options)
            yield importer.name, bundle.name, self._tally.screened(items, bundle.name, self._request.skip_bad)
        self.figures = self._tally.figures()


class _InWorker(Reading):
    """The writer's side of a worker: a thread takes each message off the pipe as soon as it comes,
    so the worker goes on reading while the writer stores a batch, up to `_AHEAD` messages ahead."""

    def __init__(self, connection: Connection, plan: list[tuple[Importer, Bundle]]) -> None:
        self._connection, self._plan = connection, plan
        self._decoder = msgspec.msgpack.Decoder(list[Event])
        self._on_progress: Callable[[int], None] | None = reading_progress.get()
        self._inbox: queue.Queue[bytes] = queue.Queue(maxsize=_AHEAD)
        self._closed = threading.Event()
        self._collector = threading.Thread(target=self._collect, daemon=True)
        self._collector.start()

    def bundles(self) -> Iterator[tuple[str, str, Iterator[Event]]]:
        for importer, bundle in self._plan:
            yield importer.name, bundle.name, self._events()
        message = self._receive()
        self.figures = msgspec.msgpack.decode(memoryview(message)[1:], type=Figures)

    def close(self) -> None:
        self._closed.set()
        self._collector.join()

    def _collect(self) -> None:
        while not self._closed.is_set():
            try:
                message = self._connection.recv_bytes()
            except (EOFError, OSError):
                return
            while not self._closed.is_set():
                try:
                    self._inbox.put(message, timeout=0.1)
                    break
                except queue.Full:
                    continue

    def _events(self) -> Iterator[Event]:
        while (message := self._receive())[0] == _EVENTS:
            yield from self._decoder.decode(memoryview(message)[1:])

    def _receive(self) -> bytes:
        while True:
            message = self._next_message()
            tag = message[0]
            if tag == _PROGRESS:
                if self._on_progress:
                    self._on_progress(int(message[1:]))
            elif tag == _FAILED:
                raise SourceError(message[1:].decode())
            elif tag == _CRASHED:
                raise RuntimeError(f"the reading process failed:\n{message[1:].decode()}")
            else:
                return message

    def _next_message(self) -> bytes:
        while True:
            try:
                return self._inbox.get(timeout=0.1)
            except queue.Empty:
                if not self._collector.is_alive() and self._inbox.empty():
                    raise SourceError(
                        "the reading process stopped unexpectedly; nothing was imported"
                    ) from None


@contextmanager
def reading(request: ImportRequest, plan: list[tuple[Importer, Bundle]]) -> Iterator[Reading]:
    """The import's events, read here or (for big imports, or when the request says so) in a worker."""
    size = sum(bundle.size for _, bundle in plan)
    if not (request.worker if request.worker is not None else size >= WORKER_BYTES):
        yield _InProcess(request, plan)
        return
    # A fork, not a spawn: a spawned worker re-imports the program's main module, which a script
    # that calls shequn need not guard. The worker never touches the writer's database connection.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_read_for_writer, args=(sending, request), daemon=True)
    worker.start()
    sending.close()
    read = _InWorker(receiving, plan)
    try:
        yield read
    finally:
        worker.terminate()  # a no-op when it is done; stops it when the writer gave up first
        worker.join()
        read.close()
        receiving.close()


def _read_for_writer(connection: Connection, request: ImportRequest) -> None:
    """The worker: read the import as the writer planned it, sending events, progress and figures."""
    try:
        plan, _ = plan_import(collect_files(request.paths), request.format)
        reading_progress.set(_ProgressSender(connection))
        inner = _InProcess(request, plan)
        encoder = msgspec.msgpack.Encoder()
        for _, _, events in inner.bundles():
            while batch := list(islice(events, _BATCH)):
                connection.send_bytes(bytes([_EVENTS]) + encoder.encode(batch))
            connection.send_bytes(bytes([_BUNDLE_END]))
        connection.send_bytes(bytes([_FIGURES]) + encoder.encode(inner.figures))
    except SourceError as error:
        connection.send_bytes(bytes([_FAILED]) + str(error).encode())
    except BrokenPipeError:
        pass  # the writer stopped listening: it has failed, and says why
    except BaseException:
        connection.send_bytes(bytes([_CRASHED]) + traceback.format_exc().encode())
    finally:
        connection.close()


class _ProgressSender:
    """Tells the writer how far reading has got, a megabyte at a time."""

    def __init__(self, connection: Connection) -> None:
        self._connection, self._unsent = connection, 0

    def __call__(self, read: int) -> None:
        self._unsent += read
        if self._unsent >= _PROGRESS_STEP or read == 0:
            self._connection.send_bytes(bytes([_PROGRESS]) + str(self._unsent).encode())
            self._unsent = 0
