"""The console: a chat platform on standard input and output, for trying the bot out.

Lines such as ``/paper lottery ticket`` or ``/flashback subscribe mon 09:00 Europe/Berlin``
go through the same bot.chat calls as Slack and Discord and are answered from the text
templates; the console user manages its one channel. Digests that fall due are printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import sys
import threading
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TextIO

from bot.chat.commands import handle_flashback
from bot.chat.paper import handle_paper
from bot.chat.render import render_digest_text, render_reply
from bot.chat.replies import MANAGER_HINT, Reply
from bot.chat.subcommands import help_reply
from bot.ports import ChannelRef, Invocation

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.digest.model import Digest
    from bot.service import Service

CONSOLE_CHANNEL = ChannelRef("console", "", "console")
CONSOLE_USER = "console"
CONSOLE_INVOCATION = Invocation(CONSOLE_CHANNEL, CONSOLE_USER)
QUIT_WORDS = {"quit", "exit", "/quit", "/exit"}


class ConsoleAdapter:
    """A ChatAdapter that prints: digests and command answers, as plain text."""

    platform = "console"
    manager_hint = MANAGER_HINT

    def __init__(self, env: Environment, out: TextIO | None = None) -> None:
        self.env = env
        self.out = out or sys.stdout
        self._ids = itertools.count(1)
        self.posted: dict[str, str] = {}  # week -> message id, for find_digest

    def print(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def prompt(self) -> None:
        self.out.write("> ")
        self.out.flush()

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Print the digest as the channel would see it."""
        self.print(f"--- posted to #{channel.channel} ---")
        self.print(render_digest_text(digest, self.env))
        message_id = f"console-{next(self._ids)}"
        self.posted[digest.week] = message_id
        return message_id

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        return self.posted.get(week)

    async def is_manager(self, invocation: Invocation) -> bool:
        """The person at the terminal manages its one channel."""
        return True

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        """Print a command's answer."""
        self.show(reply)

    def show(self, reply: Reply) -> None:
        """Print a command's answer (private answers are marked, as a platform would)."""
        if reply.ephemeral:
            self.print("(only you can see this)")
        self.print(str(render_reply(reply, "text", self.env)))

    async def posting_problem(self, invocation: Invocation) -> str | None:
        """None: the console prints every digest."""
        return None

    async def close(self) -> None:
        """Nothing to release: standard output stays open."""


async def answer_line(service: Service, line: str) -> Reply | None:
    """The reply to one console line; None for a blank line."""
    line = line.strip()
    if not line:
        return None
    command, _, rest = line.partition(" ")
    if command.lower() == "/paper":
        return await handle_paper(service, rest)
    if command.lower() == "/flashback":
        return await handle_flashback(service, CONSOLE_CHANNEL, CONSOLE_USER, True, rest)
    if command.lower() in {"help", "/help"}:
        return help_reply()
    return help_reply(
        f"Type a command as in chat, e.g. `/paper lottery ticket`; `{command}` is not one."
    )


async def stdin_lines(stream: TextIO | None = None) -> AsyncIterator[str]:
    """Lines of standard input without blocking the event loop, until end of input.

    A daemon thread reads, so a pending read never holds up shutdown (asyncio's default
    executor would wait for it).
    """
    stream = stream or sys.stdin
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        with contextlib.suppress(RuntimeError):  # the loop may be closed by now
            loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


async def run_console(
    service: Service, adapter: ConsoleAdapter, lines: AsyncIterator[str], *, prompt: bool
) -> None:
    """Answer lines until end of input or `quit`."""
    if prompt:
        adapter.print(
            "Conference Flashback console. Try /paper lottery ticket or "
            "/flashback help; quit to leave."
        )
        adapter.prompt()
    async for line in lines:
        if line.strip().lower() in QUIT_WORDS:
            break
        reply = await answer_line(service, line)
        if reply is not None:
            await adapter.respond(CONSOLE_INVOCATION, reply)
        if prompt:
            adapter.prompt()
