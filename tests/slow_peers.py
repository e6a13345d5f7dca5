"""Peers that take their time, on 127.0.0.1: a server that trickles its answer a byte at a
time, and clients that send their headers and then hold their body back."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def trickling_server(
    answer: bytes, interval: float, quick: Callable[[bytes], bytes | None] | None = None
) -> Iterator[str]:
    """A server that reads a request's head, then sends `answer` one byte per `interval`
    (status line and headers included). `quick(request)` may return an answer to send at
    once instead (a probe it should not stall)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            received = b""
            while b"\r\n\r\n" not in received and (chunk := conn.recv(65536)):
                received += chunk
            at_once = quick(received) if quick is not None else None
            if at_once is not None:
                conn.sendall(at_once)
                return
            for byte in answer:
                if stop.wait(interval):
                    return
                conn.sendall(bytes([byte]))

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def held_bodies(url: str, head: bytes, count: int) -> list[bytes]:
    """Open `count` connections to `url`, each sending `head` (a request's head and the start
    of its body, never the rest), and return what each received until the server closed it."""
    host, port = url.removeprefix("http://").split(":")
    held = []
    try:
        for _ in range(count):
            sock = socket.create_connection((host, int(port)), timeout=30)
            sock.sendall(head)
            held.append(sock)
        answers = []
        for sock in held:
            chunks = []
            with contextlib.suppress(OSError):
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
            answers.append(b"".join(chunks))
        return answers
    finally:
        for sock in held:
            sock.close()
