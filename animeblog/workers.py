"""gunicorn worker that receives each request whole before a thread serves it (gunicorn.conf.py).

gunicorn's gthread worker hands a connection to a thread as soon as its first bytes
arrive, and the thread then blocks reading the rest: eight clients promising a
100 kB body and sending ten bytes of it held every thread, and the site stopped
answering. This worker reads requests in its event loop instead, as nginx buffers
them: a connection reaches a thread only once its head and its whole body
(Content-Length, or chunks up to the last one) are in, so a trickling client costs a
socket and some memory, never a thread. A client silent for GUNICORN_CLIENT_TIMEOUT
seconds in the middle of a request gets a 408 and is disconnected; a head or body
larger than the site accepts gets a 431 or 413 without reaching Django.

Written against gunicorn 27's ThreadWorker (pyproject pins the major version): it
replaces `enqueue_req`, the one place that worker hands connections to its threads,
and sweeps silent clients where that worker sweeps idle kept-alive connections.
"""

import contextlib
import os
import re
import selectors
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker

CLIENT_TIMEOUT_SECONDS = float(os.environ.get("GUNICORN_CLIENT_TIMEOUT", "10"))
# Uploads are images of at most 10 MB (images/fields.py) plus the form around them;
# deploy/nginx/animeblog.conf's client_max_body_size says the same.
MAX_BODY_BYTES = 12 * 1024 * 1024
READ_BYTES = 64 * 1024
HEAD_END = b"\r\n\r\n"
# The last chunk of a chunked body ("0", optional extensions), optional trailers, blank line.
LAST_CHUNK = re.compile(rb"(?:\A|\r\n)0+(?:;[^\r\n]*)?\r\n(?:[^\r\n]+\r\n)*\r\n\Z")
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
REFUSALS = {
    408: "Request Timeout",
    413: "Content Too Large",
    431: "Request Header Fields Too Large",
}


class PartialRequest:
    """The bytes of one request received so far, and whether it is complete."""

    def __init__(self, data: bytes):
        self.data = bytearray(data)
        self.last_read = time.monotonic()
        self.body_start: int | None = None
        self.body_length: int | None = None
        self.is_chunked = False
        self.expects_continue = False

    def receive(self, chunk: bytes) -> None:
        self.data += chunk
        self.last_read = time.monotonic()

    def verdict(self, max_head_bytes: int) -> int | bool:
        """True when a thread may serve it, False while bytes are missing, else a refusal status."""
        if self.body_start is None:
            head_end = self.data.find(HEAD_END)
            if head_end < 0:
                return 431 if len(self.data) > max_head_bytes else False
            if not self._read_head(bytes(self.data[:head_end])):
                return True  # malformed framing: gunicorn's parser answers the 400
            self.body_start = head_end + len(HEAD_END)
        received = len(self.data) - self.body_start
        if self.is_chunked:
            if received > MAX_BODY_BYTES:
                return 413
            return LAST_CHUNK.search(bytes(self.data[-8192:])) is not None
        if self.body_length > MAX_BODY_BYTES:
            return 413
        return received >= self.body_length

    def _read_head(self, head: bytes) -> bool:
        """Note the body's framing; False when gunicorn must judge it (odd or conflicting)."""
        lengths, encodings = [], []
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                lengths.append(value)
            elif name == b"transfer-encoding":
                encodings.append(value)
            elif name == b"expect":
                self.expects_continue = value == b"100-continue"
        if encodings:
            self.is_chunked = (
                not lengths and encodings[-1].rsplit(b",", 1)[-1].strip() == b"chunked"
            )
            return self.is_chunked
        if len(set(lengths)) > 1 or (lengths and not lengths[0].isdigit()):
            return False
        self.body_length = int(lengths[0]) if lengths else 0
        return True


class RequestBufferingWorker(ThreadWorker):
    """gthread worker whose threads are given only requests that have fully arrived."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # TLS and HTTP/2 end in front of gunicorn; configured here, it serves as gthread does.
        self.buffers_requests = not self.cfg.is_ssl and self.cfg.http2_cleartext == "off"
        self.receiving: dict = {}  # connection -> PartialRequest
        field_bytes = (self.cfg.limit_request_field_size or 8190) + 2
        self.max_head_bytes = (
            self.cfg.limit_request_line or 8190
        ) + self.cfg.limit_request_fields * field_bytes

    def enqueue_req(self, conn):
        if not self.buffers_requests:
            super().enqueue_req(conn)
            return
        # A kept-alive connection's parser may hold the start of the next request already.
        leftover = conn.parser.unreader.take_buffered() if conn.parser else b""
        self.receiving[conn] = PartialRequest(leftover)
        conn.sock.setblocking(False)
        # Usually the request is there already: read it now rather than on the next poll.
        verdict = self._receive(conn)
        if verdict is False:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))
        else:
            self._finish(conn, verdict)

    def _on_readable(self, conn, sock):
        verdict = self._receive(conn)
        if verdict is not False:
            self.poller.unregister(sock)
            self._finish(conn, verdict)

    def _receive(self, conn) -> int | bool | None:
        """Read what has arrived: the request's verdict, or None when the client went away."""
        try:
            chunk = conn.sock.recv(READ_BYTES)
        except BlockingIOError:
            chunk = None
        except OSError:
            chunk = b""
        if chunk == b"":
            return None
        if chunk:
            self.receiving[conn].receive(chunk)
        request = self.receiving[conn]
        verdict = request.verdict(self.max_head_bytes)
        if (
            verdict is False
            and request.expects_continue
            and request.body_start == len(request.data)
        ):
            request.expects_continue = False  # the client waits for this before sending its body
            self._send_quietly(conn, CONTINUE)
        return verdict

    def _finish(self, conn, verdict: int | bool | None) -> None:
        """Give a complete request to a thread, answer a refused one, or let a gone client go."""
        request = self.receiving.pop(conn)
        if verdict is True:
            conn.init()  # plain HTTP/1: only makes the parser, reads nothing
            conn.parser.unreader.unread(bytes(request.data))
            super().enqueue_req(conn)
        elif verdict is None:
            self._close(conn)
        else:
            self._refuse(conn, verdict)

    def murder_keepalived(self, force=False):
        """Also disconnect clients silent for CLIENT_TIMEOUT_SECONDS in the middle of a request."""
        super().murder_keepalived(force)
        silent_since = time.monotonic() - CLIENT_TIMEOUT_SECONDS
        for conn, request in list(self.receiving.items()):
            if force or request.last_read < silent_since:
                del self.receiving[conn]
                self.poller.unregister(conn.sock)
                if request.data:
                    self._refuse(conn, 408)
                else:
                    self._close(conn)

    def _refuse(self, conn, status: int) -> None:
        reason = REFUSALS[status]
        self.log.info("%s %s: %s", status, reason, conn.client)
        body = f"{status} {reason}\n".encode()
        head = (
            f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
            f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self._send_quietly(conn, head.encode() + body)
        self._close(conn)

    def _send_quietly(self, conn, data: bytes) -> None:
        """Send a short answer without blocking the event loop; a full socket drops it."""
        with contextlib.suppress(OSError):
            conn.sock.send(data)

    def _close(self, conn) -> None:
        self.nr_conns -= 1
        conn.close()
