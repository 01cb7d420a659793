"""`shequn import`: turn chat exports into events, all of it or (with a failure) none of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from ..domain.events import AccountKind, Event, Kind
from ..domain.validation import problems
from ..plugins import importers
from ..sources.files import Bundle, SourceError, SourceFile, collect_files, reading_progress
from ..sources.importer import Importer, ImportOptions, Problem
from ..store import Database
from .communities import Community
from .record_events import record_events

_COUNTED = {Kind.MESSAGE: "messages", Kind.JOIN: "joins", Kind.LEAVE: "leaves", Kind.REMOVAL: "removals"}


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
) -> ImportSummary:
    """Read every export under the paths and record its events in one transaction."""
    files = collect_files(request.paths)
    plan, ignored = plan_import(files, request.format)
    if not plan:
        raise SourceError(f"nothing to import in {', '.join(map(str, request.paths))}: no chat export found")
    summary = ImportSummary(files=len(files), ignored=ignored)
    options = ImportOptions(zone=request.zone, group_name=request.group_name)
    people: set[tuple[str, str]] = set()
    groups: set[tuple[str, str]] = set()
    token = reading_progress.set(on_progress)
    try:
        with db.transaction():
            for importer, bundle in plan:
                items = _validated(importer.read(bundle, options), bundle.name)
                events = _checked(items, request.skip_bad, summary, people, groups)
                recorded = record_events(db, community, f"{importer.name}:{bundle.name}", events, whole=True)
                summary.exports.append({"format": importer.name, "name": bundle.name})
                summary.events += recorded.seen
                summary.added += recorded.added
    finally:
        reading_progress.reset(token)
    summary.skipped = summary.events - summary.added
    summary.members, summary.groups = len(people), len(groups)
    return summary


def total_bytes(paths: Iterable[Path]) -> int:
    """The size of everything an import will read, for its progress bar."""
    return sum(file.size for file in collect_files(paths))


def _validated(items: Iterable[Event | Problem], name: str) -> Iterator[Event | Problem]:
    """Events an importer made that still break the model's rules become problems of their file."""
    for item in items:
        if isinstance(item, Event) and (found := problems(item)):
            yield Problem(name, None, f"event {item.key}: {'; '.join(found)}")
        else:
            yield item


def _checked(
    items: Iterable[Event | Problem],
    skip_bad: bool,
    summary: ImportSummary,
    people: set[tuple[str, str]],
    groups: set[tuple[str, str]],
) -> Iterator[Event]:
    for item in items:
        if isinstance(item, Problem):
            if not skip_bad:
                raise SourceError(f"{item}; nothing was imported (use --skip-bad to import the good records)")
            summary.problems.append(str(item))
            continue
        counter = _COUNTED.get(item.kind)
        if counter:
            setattr(summary, counter, getattr(summary, counter) + 1)
        subject = item.target if item.kind is Kind.REMOVAL else item.actor
        if subject is not None and subject.kind is AccountKind.PERSON and item.kind is not Kind.GROUP_CREATED:
            people.add((item.platform, subject.handle))
        if item.group:
            groups.add((item.platform, item.group))
        yield item
