"""Helpers for the browser tests: the site served on 127.0.0.1, Debian's chromium via Playwright,
every request that leaves the served folder blocked and recorded."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
KNOWN_WARNINGS: tuple[str, ...] = ()  # console warnings that are not ours (none since the widget manager left)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went on before a reply was sent: nothing for a person to see
        super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path, handler_class: type = _QuietHandler):
    """``folder`` served on 127.0.0.1 (a free port) while the block runs; yields its URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class Watched:
    """A page whose console errors and outside requests are recorded."""

    def __init__(self, page, allowed_prefix: str):
        self.page, self.errors, self.blocked = page, [], []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("requestfailed", self._failed)
        page.route("**/*", self._route(allowed_prefix))

    def _failed(self, request):
        if request.url not in self.blocked:
            self.errors.append(f"request failed: {request.url}")

    def _console(self, msg):
        if msg.type == "error" or (msg.type == "warning" and not any(k in msg.text for k in KNOWN_WARNINGS)):
            self.errors.append(f"console {msg.type}: {msg.text}")

    def _route(self, allowed_prefix):
        def handle(route):
            url = route.request.url
            if url.startswith(allowed_prefix) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()
        return handle


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is shown now."""
    if not page.evaluate("typeof window.axe === 'object'"):  # once a page: axe is half a megabyte
        page.add_script_tag(content=_axe_source())
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]
