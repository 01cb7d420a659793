"""`shequn import`: turn chat exports into events, all of it or (with a failure) none of it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from ..domain.events import MEMBERSHIP_KINDS, AccountKind, Event, Kind
from ..domain.validation import problems
from ..plugins import importers
from ..sources.files import Bundle, SourceError, SourceFile, collect_files, reading_progress
from ..sources.importer import Importer, ImportOptions, Problem
from ..store import Database
from .communities import Community
from .record_events import record_events


@dataclass
class ImportSummary:
    files: int = 0
    exports: list[dict[str, str]] = field(default_factory=list)  # {"format", "name"} per bundle read
    events: int = 0
    added: int = 0
    skipped: int = 0
    messages: int = 0
    joins: int = 0
    leaves: int = 0
    removals: int = 0
    members: int = 0  # distinct people (not bots or system accounts) the imported events are about
    groups: int = 0
    ignored: list[str] = field(default_factory=list)  # files inside folders or zips no format claimed
    problems: list[str] = field(default_factory=list)  # records skipped with --skip-bad


@dataclass(frozen=True)
class ImportRequest:
    paths: Sequence[Path]
    zone: tzinfo
    format: str | None = None
    group_name: str | None = None
    skip_bad: bool = False


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


def import_files(
    db: Database,
    community: Community,
    request: ImportRequest,
    on_progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Read every export under the paths and record its events in one transaction. `on_total`
    hears how many bytes will be read, `on_progress` how many each read returned."""
    files = collect_files(request.paths)
    if on_total:
        on_total(sum(file.size for file in files))
    plan, ignored = plan_import(files, request.format)
    if not plan:
        raise SourceError(f"nothing to import in {', '.join(map(str, request.paths))}: no chat export found")
    summary = ImportSummary(files=len(files), ignored=ignored)
    options = ImportOptions(zone=request.zone, group_name=request.group_name)
    tally = _Tally()
    token = reading_progress.set(on_progress)
    try:
        with db.transaction():
            for importer, bundle in plan:
                events = tally.screened(importer.read(bundle, options), bundle.name, request.skip_bad)
                source = f"{importer.name}:{bundle.name}"
                recorded = record_events(db, community, source, events, whole=True, checked=True)
                summary.exports.append({"format": importer.name, "name": bundle.name})
                summary.events += recorded.seen
                summary.added += recorded.added
    finally:
        reading_progress.reset(token)
    tally.fill(summary)
    return summary


class _Tally:
    """What the summary counts, gathered while the events stream past."""

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

    def fill(self, summary: ImportSummary) -> None:
        summary.skipped = summary.events - summary.added
        summary.messages, summary.joins = self.kinds[Kind.MESSAGE], self.kinds[Kind.JOIN]
        summary.leaves, summary.removals = self.kinds[Kind.LEAVE], self.kinds[Kind.REMOVAL]
        summary.members, summary.groups = len(self.people), len(self.groups)
        summary.problems = self.problems
