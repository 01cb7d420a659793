"""The files an import is given: plain files, folders and zip archives, read the same way."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

HEAD_BYTES = 64 * 1024

# Set by whoever shows progress: hears how many bytes each read of any opened file returned.
reading_progress: ContextVar[Callable[[int], None] | None] = ContextVar("reading_progress", default=None)


class SourceError(Exception):
    """A file that cannot be read as its format; the message names the file, the place and what was
    expected."""


@dataclass(frozen=True)
class SourceFile:
    """One file to read: on disk, or a member of a zip archive (`archive!member`)."""

    path: Path
    member: str | None = None
    size: int = 0
    explicit: bool = False  # named on the command line, rather than found inside a folder or zip

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def relative(self) -> PurePosixPath:
        """The path inside its folder or archive, for formats that span several files."""
        return PurePosixPath(self.member) if self.member else PurePosixPath(self.path.name)

    def open(self) -> IO[bytes]:
        """The file's bytes, counted towards the import's progress."""
        hook = reading_progress.get()
        return self._open_raw() if hook is None else io.BufferedReader(_Counting(self._open_raw(), hook))

    def _open_raw(self) -> IO[bytes]:
        if self.member is None:
            return open(self.path, "rb")
        archive = zipfile.ZipFile(self.path)
        return _ArchiveMember(archive, archive.open(self.member))

    def head(self, size: int = HEAD_BYTES) -> bytes:
        """The first bytes, for detecting the format by content."""
        with self._open_raw() as stream:
            return stream.read(size)

    def head_text(self, size: int = HEAD_BYTES) -> str:
        return self.head(size).decode("utf-8-sig", errors="replace")


class _ArchiveMember(io.BufferedReader):
    """A zip member that closes its archive when it is closed."""

    def __init__(self, archive: zipfile.ZipFile, raw: IO[bytes]) -> None:
        super().__init__(raw)  # type: ignore[arg-type]
        self._archive = archive

    def close(self) -> None:
        super().close()
        self._archive.close()


class _Counting(io.RawIOBase):
    def __init__(self, inner: IO[bytes], hook: Callable[[int], None]) -> None:
        self._inner, self._hook = inner, hook

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        self._hook(len(data))
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


@dataclass(frozen=True)
class Bundle:
    """The files one importer reads together: a single export file, or a whole export folder."""

    files: tuple[SourceFile, ...]
    label: str = field(default="")

    @property
    def name(self) -> str:
        return self.label or self.files[0].name

    @property
    def size(self) -> int:
        return sum(file.size for file in self.files)


def collect_files(paths: Iterable[Path]) -> list[SourceFile]:
    """Every file under the given paths, with zip archives opened up; in a stable order."""
    found: list[SourceFile] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder")
        if path.is_dir():
            for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                found.extend(_expand(inner, explicit=False))
        else:
            found.extend(_expand(path, explicit=True))
    return found


def _expand(path: Path, explicit: bool) -> Iterator[SourceFile]:
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted(
                    (info.filename, info.file_size) for info in archive.infolist() if not info.is_dir()
                )
        except (zipfile.BadZipFile, OSError) as error:
            raise SourceError(f"{path}: a damaged zip archive ({error})") from None
        for member, size in members:
            yield SourceFile(path, member, size, explicit=False)
    else:
        yield SourceFile(path, None, path.stat().st_size, explicit=explicit)


def single_files(files: Iterable[SourceFile], detect: Callable[[SourceFile], bool]) -> list[Bundle]:
    """Bundles of one file each, for formats where a file stands alone."""
    return [Bundle((file,)) for file in files if detect(file)]
