"""A real SMTP server (aiosmtpd) and a fake Telegram Bot API (an HTTP server in a thread that
records every call and answers like the Bot API): no network."""

from __future__ import annotations

import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

BOT_TOKEN = "123456:TEST-token"
WEBHOOK_SECRET = "webhook-secret-for-the-tests-0123"


@dataclass
class FakeBotApi:
    url: str
    calls: list = field(default_factory=list)
    failures: int = 0  # the next N sendMessage calls answer 500
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sent(self, chat_id=None) -> list[dict]:
        with self.lock:
            return [
                body
                for method, body in self.calls
                if method == "sendMessage" and (chat_id is None or body["chat_id"] == chat_id)
            ]

    def last_text(self, chat_id=None) -> str:
        return self.sent(chat_id)[-1]["text"]


@pytest.fixture
def fake_bot():
    state = FakeBotApi(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            token, _, method = self.path.removeprefix("/bot").partition("/")
            if token != BOT_TOKEN:
                return self.answer(
                    401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                )
            with state.lock:
                failing = method == "sendMessage" and state.failures > 0
                if failing:
                    state.failures -= 1
                else:
                    state.calls.append((method, body))
            if failing:
                return self.answer(
                    500, {"ok": False, "error_code": 500, "description": "Internal Server Error"}
                )
            result = True
            if method == "sendMessage":
                result = {
                    "message_id": len(state.calls),
                    "chat": {"id": body["chat_id"]},
                    "text": body["text"],
                }
            return self.answer(200, {"ok": True, "result": result})

        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    # a short poll: `shutdown()` waits for it (0.5 s by default, at every test's end)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


class Inbox:
    def __init__(self) -> None:
        self.messages = []
        self.lock = threading.Lock()
        self.refuse = 0  # the next N messages are refused (451)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 Try again later"
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def delivery_settings(settings, fake_bot, smtp_server):
    """Telegram pointed at the fake Bot API, mail at the real local SMTP server."""
    settings.TELEGRAM_BOT_TOKEN = BOT_TOKEN
    settings.TELEGRAM_BOT_USERNAME = "nps_test_bot"
    settings.TELEGRAM_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.TELEGRAM_API_URL = fake_bot.url
    settings.NPS_SITE_URL = "https://nps.example.com"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "telegram_chat": "10/hour"}
    return settings


def telegram_update(chat_id: int, text: str, *, update_id: int | None = None, language="en"):
    update = {
        "message": {
            "message_id": 1,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "language_code": language},
            "text": text,
        }
    }
    if update_id is not None:
        update["update_id"] = update_id
    return update


def post_update(client, chat_id: int, text: str, *, secret=WEBHOOK_SECRET, **options):
    headers = {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret} if secret is not None else {}
    return client.post(
        "/telegram/webhook",
        data=json.dumps(telegram_update(chat_id, text, **options)),
        content_type="application/json",
        **headers,
    )
