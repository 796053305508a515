"""A fake AI provider for tests: a real HTTP server on 127.0.0.1 speaking the Messages API.

The app reaches it through `ANTHROPIC_BASE_URL`, so the whole client path runs for real: the SDK,
its HTTP stack, timeouts, retries, the circuit breaker. Each request takes the next scripted
behaviour (`script`), or `default` when the script is empty:

* ``Reply(text)`` — a 200 Messages answer with that text;
* ``Status(code, retry_after=None)`` — an error answer (``retry-after`` header when given);
* ``Slow(seconds)`` — answers only after ``seconds`` (or when the server stops);
* ``Malformed()`` — a 200 whose body is not a message;
* a callable ``(body) -> behaviour`` — decides from the request body.
"""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str
    input_tokens: int = 42
    output_tokens: int = 17


@dataclass
class Status:
    code: int
    retry_after: str | None = None


@dataclass
class Slow:
    seconds: float
    text: str = "Late answer"


@dataclass
class Malformed:
    body: bytes = b'{"unexpected": "shape"'


class FakeProvider:
    def __init__(self) -> None:
        self.script: deque[Any] = deque()
        self.default: Any = Reply("The stars align.")
        self.bodies: list[dict] = []
        self.headers: list[dict] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with provider._lock:
                    provider.bodies.append(body)
                    provider.headers.append(dict(self.headers))
                    behaviour = provider.script.popleft() if provider.script else provider.default
                if callable(behaviour) and not isinstance(
                    behaviour, Reply | Status | Slow | Malformed
                ):
                    behaviour = behaviour(body)
                provider._answer(self, behaviour)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # a short poll: `shutdown()` waits for it (0.5 s by default, at every test's end)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def calls(self) -> int:
        return len(self.bodies)

    def prompts(self) -> list[str]:
        return [body["messages"][0]["content"] for body in self.bodies]

    def start(self) -> FakeProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler, behaviour: Any) -> None:
        if isinstance(behaviour, Slow):
            if self._stopping.wait(behaviour.seconds):
                return
            behaviour = Reply(behaviour.text)
        if isinstance(behaviour, Reply):
            payload = {
                "id": "msg_fake",
                "type": "message",
                "role": "assistant",
                "model": "claude-fake",
                "content": [{"type": "text", "text": behaviour.text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {
                    "input_tokens": behaviour.input_tokens,
                    "output_tokens": behaviour.output_tokens,
                },
            }
            self._send(handler, 200, json.dumps(payload).encode())
        elif isinstance(behaviour, Status):
            payload = {"type": "error", "error": {"type": "api_error", "message": "fake failure"}}
            headers = {}
            if behaviour.retry_after is not None:
                headers["retry-after"] = behaviour.retry_after
            self._send(handler, behaviour.code, json.dumps(payload).encode(), headers)
        elif isinstance(behaviour, Malformed):
            self._send(handler, 200, behaviour.body)

    @staticmethod
    def _send(handler, status: int, body: bytes, headers: dict | None = None) -> None:
        try:
            handler.send_response(status)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(body)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


def closed_port_url() -> str:
    """A base URL on which nothing listens: connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
