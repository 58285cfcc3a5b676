"""Who may talk to the web app: Host allow-list, access token, same-origin writes.

Why each rule exists:

* **Host allow-list.** A page on an attacker's domain can re-point that
  domain's DNS at 127.0.0.1 (DNS rebinding) and then read a local instance
  as "same origin". The browser still sends the attacker's name in the Host
  header, so refusing every Host we are not bound to closes that hole.
* **Token beyond loopback.** `serve --host 0.0.0.0` would otherwise hand the
  whole store to anyone on the network. API clients send
  `Authorization: Bearer TOKEN`; a browser opens the printed `?token=` URL
  once, gets an HttpOnly SameSite=Strict cookie, and is redirected to the
  same URL without the token (so it leaves no trace in history or referrers).
  Every comparison is constant-time (hmac.compare_digest).
* **Same-origin writes.** Any request that is not GET/HEAD/OPTIONS must come
  from our own origin (Origin, else Referer) and carry the CSRF token of its
  session (cookie `claimgraph_csrf` echoed in the `X-CSRF-Token` header; the
  pages expose it in `<meta name="csrf-token">`). Loopback is no exception:
  a hostile page in the analyst's browser can post to localhost. Enforced by
  the app-wide dependency `same_origin_writes`; Guard issues the cookie.
* **Relative redirects.** Absolute `Location` headers built from the Host
  header are rewritten to paths, so no header value is ever reflected.

A pure ASGI middleware (not BaseHTTPMiddleware) so it also guards static
files and can rewrite response headers without buffering bodies.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import HTTPException, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_COOKIE = "claimgraph_token"
CSRF_COOKIE = "claimgraph_csrf"
CSRF_HEADER = "x-csrf-token"
MAX_TOKEN = 512  # a longer credential is refused before it is compared


def host_name(value: str) -> str:
    """The name part of a Host header or bind address, lower-cased: `[::1]:8000` → `::1`."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value  # a bare IPv6 address or a name without a port


def is_loopback(host: str) -> bool:
    name = host_name(host)
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _machine_names() -> set[str]:
    """Names and addresses this machine is likely reached by, for a wildcard bind (best effort)."""
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    for name in list(names):
        try:
            names |= {str(info[4][0]).lower() for info in socket.getaddrinfo(name, None)}
        except OSError:
            pass
    try:  # the address of the default route's interface; a UDP connect sends no packet
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            names.add(s.getsockname()[0])
    except OSError:
        pass
    return {n for n in names if n}


@dataclass(frozen=True, slots=True)
class Access:
    """The access policy of one running app."""

    hosts: frozenset[str] = LOOPBACK_NAMES
    token: str | None = None  # None: no token asked (loopback default)
    generated: bool = field(default=False, compare=False)

    @classmethod
    def for_bind(cls, bind: str, token: str | None = None, require_token: bool = False,
                 allowed_hosts: Iterable[str] = ()) -> Access:
        """The policy for `serve --host bind`.

        A token is required beyond loopback, and on loopback when one is given
        or asked for; when none is given one is generated and `generated` is
        set so the CLI prints it.
        """
        name = host_name(bind)
        hosts = {host_name(h) for h in allowed_hosts if h.strip()}
        if is_loopback(name):
            hosts |= LOOPBACK_NAMES | {name}
        elif name in WILDCARDS:
            hosts |= LOOPBACK_NAMES | _machine_names()
        else:
            hosts.add(name)
        need = require_token or bool(token) or not is_loopback(name)
        if not need:
            return cls(frozenset(hosts), None)
        if token:
            return cls(frozenset(hosts), token)
        return cls(frozenset(hosts), secrets.token_urlsafe(32), generated=True)

    def token_ok(self, given: str | None) -> bool:
        """Constant-time comparison (bytes, so a non-ASCII guess cannot raise)."""
        if self.token is None or not given or len(given) > MAX_TOKEN:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


def _reply(status: int, message: str, path: str, headers: dict[str, str] | None = None) -> list[Message]:
    """A small refusal: JSON for the API, plain text elsewhere. The request's own values are never echoed."""
    if path.startswith("/api/"):
        body, ctype = json.dumps({"detail": message}).encode(), "application/json"
    else:
        body, ctype = (message + "\n").encode(), "text/plain; charset=utf-8"
    raw = [(b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    return [{"type": "http.response.start", "status": status, "headers": raw},
            {"type": "http.response.body", "body": body}]


def cookie_name(base: str, scope: Scope) -> str:
    """`base` suffixed with the server's port: browsers share cookies across ports, instances must not."""
    server = scope.get("server") or (None, None)
    return f"{base}-{server[1]}" if server[1] else base


def _cookie(name: str, value: str, secure: bool) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict{'; Secure' if secure else ''}"


def _relative(scope: Scope, query: list[tuple[str, str]]) -> str:
    """This request's path (and `query`) as a relative URL that cannot become protocol-relative."""
    raw = scope.get("raw_path") or quote(scope["path"]).encode()
    path = "/" + raw.decode("latin-1").lstrip("/\\")
    return path + ("?" + urlencode(query) if query else "")


def _origin_host(headers: Headers) -> str | None:
    """host[:port] of the Origin header, else of the Referer; None when neither is sent."""
    value = headers.get("origin") or headers.get("referer")
    if not value or value == "null":
        return None
    return urlsplit(value).netloc.lower() or None


class Guard:
    """ASGI middleware applying an `Access` policy to every HTTP request."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        if host_name(headers.get("host", "")) not in self.access.hosts:
            return await self._send(send, _reply(
                400, "Host header not allowed: start serve with --allowed-host NAME to answer to it", path))
        cookies = _cookies(headers)
        secure = scope.get("scheme") == "https"
        if self.access.token is not None:
            refusal = self._authenticate(scope, headers, cookies, secure)
            if refusal:
                return await self._send(send, refusal)
        set_cookies: list[str] = []
        csrf = cookies.get(cookie_name(CSRF_COOKIE, scope))
        if (not csrf or len(csrf) > MAX_TOKEN) and not path.startswith(("/api/", "/static/")):
            csrf = secrets.token_urlsafe(24)
            set_cookies.append(_cookie(cookie_name(CSRF_COOKIE, scope), csrf, secure))
        scope.setdefault("state", {})["csrf"] = csrf

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                location = out.get("location")
                if location:
                    out["location"] = self._relative_location(location)
                for c in set_cookies:
                    out.append("set-cookie", c)
            await send(message)

        await self.app(scope, receive, send_guarded)

    def _authenticate(self, scope: Scope, headers: Headers, cookies: dict[str, str],
                      secure: bool) -> list[Message] | None:
        """None when the request carries the token; else the reply (401, or the ?token= sign-in redirect)."""
        path: str = scope["path"]
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given:
            if scope["method"] in ("GET", "HEAD") and len(given) == 1 and self.access.token_ok(given[0]):
                rest = [(k, v) for k, v in query if k != "token"]
                cookie = _cookie(cookie_name(TOKEN_COOKIE, scope), given[0], secure)
                return _reply(303, "signed in", path, {"location": _relative(scope, rest), "set-cookie": cookie,
                                                       "cache-control": "no-store"})
            return _reply(401, "wrong token", path, {"www-authenticate": "Bearer"})
        scheme, _, credential = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self.access.token_ok(credential.strip()):
            return None
        if self.access.token_ok(cookies.get(cookie_name(TOKEN_COOKIE, scope))):
            return None
        return _reply(401, "token required: send Authorization: Bearer TOKEN, or open the ?token= URL "
                           "that claimgraph serve printed", path, {"www-authenticate": "Bearer"})

    def _relative_location(self, location: str) -> str:
        """An absolute redirect to one of our own names, as a path; any other Location unchanged."""
        parts = urlsplit(location)
        if not parts.netloc or host_name(parts.netloc) not in self.access.hosts:
            return location
        return ("/" + parts.path.lstrip("/\\") + ("?" + parts.query if parts.query else "")
                + ("#" + parts.fragment if parts.fragment else ""))

    @staticmethod
    async def _send(send: Send, messages: list[Message]) -> None:
        for m in messages:
            await send(m)


def write_refusal(headers: Headers, csrf: str | None) -> str | None:
    """Why a write request is refused (None when it is same-origin and echoes its CSRF cookie `csrf`)."""
    if _origin_host(headers) != headers.get("host", "").lower():
        return "cross-origin write refused"
    sent = headers.get(CSRF_HEADER, "")
    if not csrf or len(sent) > MAX_TOKEN or not hmac.compare_digest(sent.encode(), csrf.encode()):
        return "missing or wrong CSRF token (X-CSRF-Token)"
    return None


def same_origin_writes(request: Request) -> None:
    """App-wide dependency for every write route.

    A dependency, not part of Guard, because it must run after routing: a
    method no route accepts stays a 405, and only real write endpoints are
    guarded.
    """
    if request.method not in SAFE_METHODS:
        reason = write_refusal(request.headers, request.cookies.get(cookie_name(CSRF_COOKIE, request.scope)))
        if reason:
            raise HTTPException(status_code=403, detail=reason)


def _cookies(headers: Headers) -> dict[str, str]:
    """Starlette's lenient parser (as Request.cookies): a malformed pair is skipped, not an error."""
    return cookie_parser(headers.get("cookie", ""))
