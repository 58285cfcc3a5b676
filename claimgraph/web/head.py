"""HEAD answered like GET: same status and headers, no body.

Why: FastAPI routes declared with @get answer HEAD with 405, which breaks
link checkers, monitoring probes and `curl -I`. Rather than declaring HEAD
on every route, a HEAD request is run as a GET and its body dropped here,
so the two can never disagree (Content-Length stays that of the GET body,
as HTTP requires).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # a copy: the server keeps its own scope (method HEAD) and so sends no body either
        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
