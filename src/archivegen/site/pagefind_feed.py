"""Pagefind's indexer, fed one page at a time while MkDocs writes the site.

The indexer runs as `pagefind --service` (the binary of the pagefind package): requests
go to its stdin and answers come on its stdout, each base64-encoded JSON followed by a
comma (pagefind/src/service in Pagefind's source; the pagefind Python package speaks the
same protocol, but waits a tenth of a second before reading each answer, so 1,000 pages
would cost 100 s). Each page is sent as MkDocs writes it: the indexer reads and segments it
on another CPU while MkDocs renders the next one, and no copy of the site is written for
it. `finish` then asks for the bundle, reads every answer (an error names the page) and
writes the bundle's files.

Answers are read only at the end: the service keeps them in an unbounded queue, so it
never waits for this process, and this process starts no thread (the render helper,
render_helper.py, may only fork a process without threads).
"""

from __future__ import annotations

import base64
import json
import subprocess
from collections import deque
from collections.abc import Callable, Container
from pathlib import Path


class FeedError(RuntimeError):
    pass


class PagefindFeed:
    def __init__(self, proc: subprocess.Popen, index_id: int):
        self.proc = proc
        self.index_id = index_id
        self.sent: dict[int, str] = {}        # message id → the page it added
        self.next_id = 1
        self.pending: deque[bytes] = deque()  # answers read, not yet taken
        self.partial: list[bytes] = []        # the start of the answer being read

    @classmethod
    def start(cls, config: dict) -> "PagefindFeed":
        """Start the indexer with Pagefind's options (root_selector, exclude_selectors …)."""
        try:
            from pagefind.service import get_executable
        except ImportError:
            raise FeedError("search: pagefind needs the Pagefind indexer: pip install 'pagefind[extended]' "
                            "(a dependency of archivegen)") from None
        binary = get_executable()
        if binary is None:
            raise FeedError("search: the Pagefind indexer's binary is missing: pip install 'pagefind[extended]'")
        try:
            proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise FeedError(f"Pagefind could not run: {exc}") from None
        feed = cls(proc, -1)
        answer = feed._wait(feed._send({"type": "NewIndex", "config": config}))
        if answer.get("type") != "NewIndex":
            feed.close()
            raise FeedError(f"Pagefind did not take its options: {answer.get('message') or answer}")
        feed.index_id = int(answer["index_id"])
        return feed

    def add(self, path: str, html: str) -> None:
        """A page as written, by its path in the site ("documents/x/index.html"): Pagefind
        gives it the address a file at that path has."""
        message = self._send({"type": "AddFile", "index_id": self.index_id, "file_path": path,
                              "file_contents": html})
        self.sent[message] = path

    def finish(self, out: Path, leave_out: Container[str] | Callable[[str], bool] = ()) -> int:
        """Write the bundle into `out` (without the files `leave_out` names, or says yes to);
        the number of pages indexed. The bundle comes back in the answer and is written here: the
        service's own WriteFiles returns before its last writes are done (tokio files are
        not flushed), so a service that then exits leaves truncated files."""
        done = self._send({"type": "GetFiles", "index_id": self.index_id})
        pages = 0
        while True:
            message, answer = self._answer()
            if answer.get("type") == "Error":
                where = self.sent.get(message, "writing the bundle")
                self.close()
                raise FeedError(f"Pagefind failed on {where}: {answer.get('message')}")
            if message == done:
                break
            pages += answer.get("type") == "IndexedFile"
        self.close()
        skip = leave_out if callable(leave_out) else leave_out.__contains__
        for file in answer.get("files") or ():
            rel = Path(file["path"])
            if rel.is_absolute() or ".." in rel.parts:
                raise FeedError(f"Pagefind gave a file outside its bundle: {rel}")
            if skip(rel.as_posix()):
                continue
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        return pages

    def abandon(self) -> None:
        """Stop the indexer without waiting for what it was given (its memory is freed now)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            self.proc.stdin.close()
        except OSError:
            pass                             # a pipe whose reader was killed
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()          # end of input: the service exits
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()

    # --- protocol ----------------------------------------------------------------
    def _send(self, payload: dict) -> int:
        message = self.next_id
        self.next_id += 1
        data = json.dumps({"message_id": message, "payload": payload}, ensure_ascii=False).encode("utf-8")
        try:
            self.proc.stdin.write(base64.b64encode(data) + b",")
            self.proc.stdin.flush()
        except OSError as exc:
            raise FeedError(f"Pagefind stopped while indexing ({exc})") from None
        return message

    def _answer(self) -> tuple[int | None, dict]:
        while not self.pending:
            chunk = self.proc.stdout.read1(1 << 20)
            if not chunk:
                raise FeedError(f"Pagefind stopped while indexing (exit {self.proc.wait()})")
            *ends, rest = chunk.split(b",")      # every byte read once: a bundle is one long answer
            if ends:
                self.pending.extend([b"".join([*self.partial, ends[0]]), *ends[1:]])
                self.partial = []
            self.partial.append(rest)
        try:
            answer = json.loads(base64.b64decode(self.pending.popleft()))
        except ValueError as exc:
            raise FeedError(f"Pagefind answered something unreadable ({exc})") from None
        return answer.get("message_id"), answer.get("payload") or {}

    def _wait(self, message: int) -> dict:
        while True:
            got, answer = self._answer()
            if got == message or answer.get("type") == "Error":
                return answer
