"""A small Chrome DevTools Protocol client, for the tests that look at pages in a real browser.

It starts Debian's headless ``chromium`` with ``--remote-debugging-pipe``: the protocol runs over
two pipes (the browser reads commands on its file descriptor 3 and writes replies on 4, each
message JSON ended by a NUL byte), so no port is opened, nothing can connect to it from outside,
and two test runs on one machine never collide. The browser gets a fresh profile folder, and is
told not to reach the network (no background networking, component updates, sync or first-run
pages); the pages it opens are local files whose Content-Security-Policy forbids fetching
anything, and :meth:`Page.requests` lets a test check that nothing was asked for.

Only what the tests need is here: open a page at a width, run an expression, take a screenshot,
print to PDF. A reply that does not come within the time limit raises, so a test never hangs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

#: The flags every run uses (see the module's docstring for why).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """The browser could not be started, did not answer in time, or reported an error."""


def find_chromium() -> str | None:
    """The path of a Chromium to run, or None when there is none."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One headless Chromium, talked to over its debugging pipe. Use it as a context manager."""

    def __init__(self, executable: str, *, timeout: float = 20.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="wf-chromium-")
        # Our ends: we write commands to `to_browser`, read replies from `from_browser`.
        browser_in, to_browser = os.pipe()
        from_browser, browser_out = os.pipe()
        self._proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=_pipes_on_3_and_4(browser_in, browser_out),
        )
        os.close(browser_in)
        os.close(browser_out)
        self._out = to_browser
        self._in = from_browser
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- the protocol ---------------------------------------------------------------------

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and return its result; raise :class:`BrowserError` on an error."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._out, data)
            data = data[written:]
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def wait_for(self, method: str, session: str | None = None) -> dict[str, Any]:
        """Wait for an event (one already received counts) and return its parameters."""
        while True:
            for k, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self._events[k]
                    params: dict[str, Any] = event.get("params", {})
                    return params
            self._events.append(self._receive())

    def events(self, method: str, session: str | None = None) -> list[dict[str, Any]]:
        """The parameters of every event of this kind received so far (for one tab)."""
        return [
            e.get("params", {})
            for e in self._events
            if e.get("method") == method and e.get("sessionId") == session
        ]

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._in], [], [], max(0.0, left))
            if not ready:
                raise BrowserError(f"chromium did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed its debugging pipe (did it crash?)")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    # -- pages ----------------------------------------------------------------------------

    def open(self, path: Path, *, width: int, height: int = 900) -> Page:
        """Open a local file in a new tab as wide as ``width`` CSS pixels, and wait for it."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, target, session)
        page.send("Page.enable")
        page.send("Network.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        page.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for("Page.loadEventFired", session)
        return page

    def close(self) -> None:
        try:
            if self._proc.poll() is None:
                with contextlib.suppress(BrowserError, OSError):
                    self.send("Browser.close")
                try:
                    self._proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
        finally:
            for fd in (self._in, self._out):
                with contextlib.suppress(OSError):
                    os.close(fd)
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Page:
    """One open tab."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (DevTools runs it whatever the page's
        Content-Security-Policy says; the page itself can run nothing)."""
        reply = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise BrowserError(f"script failed: {details.get('exception', details)}")
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, top: float = 0, height: float | None = None) -> None:
        """A PNG of the page, or of ``height`` pixels from ``top`` (for a person to look at)."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if height is not None:
            width = self.evaluate("document.documentElement.clientWidth")
            params["clip"] = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
        data = self.send("Page.captureScreenshot", params)
        path.write_bytes(base64.b64decode(data["data"]))

    def pdf(self) -> bytes:
        """The page printed to PDF, on the paper size its own CSS asks for (A4 otherwise)."""
        data = self.send(
            "Page.printToPDF",
            {
                "preferCSSPageSize": True,
                "paperWidth": 8.27,
                "paperHeight": 11.69,
                "printBackground": True,
            },
        )
        return base64.b64decode(data["data"])

    def requests(self) -> list[str]:
        """Every URL this tab asked for so far."""
        return [
            e["request"]["url"]
            for e in self.browser.events("Network.requestWillBeSent", self.session)
            if "request" in e
        ]

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def _pipes_on_3_and_4(read_end: int, write_end: int) -> Callable[[], None]:
    """In the child, before exec: put the browser's ends of the two pipes on 3 and 4."""

    def move() -> None:
        # Copy both out of the way first, in case either already sits on 3 or 4.
        r, w = os.dup(read_end), os.dup(write_end)
        os.dup2(r, 3)
        os.dup2(w, 4)
        os.close(r)
        os.close(w)

    return move
