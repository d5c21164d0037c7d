"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives and can be told to refuse."""

import email
import threading
from email.message import Message

from aiosmtpd.controller import Controller

from .live_server import free_port


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse_next = 0  # answer this many DATA commands with 451 (a transient failure)
        self.received = threading.Condition()

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 4.3.0 Try again later"
        with self.received:
            self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
            self.received.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list[Message]:
        """Blocks until `count` messages arrived (or the timeout passed); returns them all."""
        with self.received:
            self.received.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        return list(self.messages)

    def reset(self) -> None:
        self.messages.clear()
        self.refuse_next = 0


def start_smtp_server() -> tuple[Controller, RecordingHandler]:
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, handler


def parts(message: Message) -> dict[str, str]:
    """content type -> decoded text of each part of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative", message.get_content_type()
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()  # type: ignore[union-attr]
        for part in message.get_payload()  # type: ignore[union-attr]
    }
