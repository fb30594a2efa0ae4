"""Browser-facing protections: security headers with a strict Content-Security-Policy, no caching
of what was made for one viewer, HSTS behind HTTPS, refusing state-changing requests that a browser
says come from another site, JSON bodies of a sane depth, and rate limits."""
import bisect
import hashlib
import threading
import time
from contextlib import nullcontext
from urllib.parse import urlsplit

from flask import current_app, g, request
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFError, CSRFProtect
from limits.storage import MemoryStorage
from werkzeug.exceptions import Forbidden

from ..dialogue import api_keys
from . import identity

# No inline script or style anywhere: every script and stylesheet is a file the app serves.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def add_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


HSTS = "max-age=31536000"  # a year; no includeSubDomains: other sites may share the domain
MAX_JSON_DEPTH = 32  # far deeper than any body the API takes (3 levels); Python's own limit is ~1,000


def add_privacy_headers(response):
    """`no-store` on whatever was made for one viewer, so no browser, shared computer or proxy keeps
    it; HSTS when the public address is HTTPS (browsers heed it only over HTTPS)."""
    if request.endpoint != "static" and _personal():
        response.headers["Cache-Control"] = "no-store"
    if current_app.config["LIVE_PUBLIC_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _personal():
    """A staff member is logged in, a channel sent its key, or the attendee's cookie was read (the
    response may hold their own pending or rejected questions)."""
    return (g.get("attendee_id") is not None or identity.current_user() is not None
            or api_keys.sent_secret(request.headers.get("Authorization")) is not None)


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing a body nested deeper than MAX_JSON_DEPTH as malformed (`400`, or None
    with silent=True). 30,000 nested brackets raise RecursionError in the parser, and a body a few
    hundred deep does in whatever walks it afterwards."""
    ensure_ascii = False  # Vietnamese stays readable

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        if _deeper_than(value, MAX_JSON_DEPTH):
            raise ValueError("JSON nested too deeply")
        return value


def _deeper_than(value, limit):
    """Whether objects and arrays nest more than `limit` levels; level by level, no recursion."""
    level = [value]
    for _ in range(limit):
        level = [item for container in level if isinstance(container, (dict, list))
                 for item in (container.values() if isinstance(container, dict) else container)]
    return any(isinstance(item, (dict, list)) for item in level)


csrf = CSRFProtect()


def refuse_cross_site():
    """403 for a browser request from another site; clients that send neither header pass.
    HTML forms also need their CSRF token; the JSON API keeps working for non-browser clients."""
    if request.method not in UNSAFE_METHODS or request.routing_exception is not None:
        return  # no such route or method: let the 404 or 405 answer
    if not request.path.startswith("/api/"):
        csrf.protect()
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        raise Forbidden()
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc not in _own_hosts():
        raise Forbidden()


def _own_hosts():
    hosts = {request.host}
    public = current_app.config["LIVE_PUBLIC_URL"]
    if public:
        hosts.add(urlsplit(public).netloc)
    return hosts


def _expired_form(error):
    from .errors import respond
    return respond(gettext("Trang đã mở quá lâu hoặc đến từ nơi khác. Hãy tải lại trang rồi gửi lại."), 400)


def attendee_key():
    return "attendee:" + identity.attendee_id()


def address_key():
    return "address:" + (request.remote_addr or "")


def searcher_key():
    """An attendee by their cookie; by address without one (a script that drops its cookies)."""
    known = identity.attendee_id(create=False)
    return "attendee:" + known if known else address_key()


def api_key_key():
    """A channel's system by the key it sends, read as authentication reads it (a hash of it: the
    secret never reaches the limiter's storage); by address without one."""
    secret = api_keys.sent_secret(request.headers.get("Authorization"))
    return "key:" + hashlib.sha256(secret.encode()).hexdigest()[:24] if secret else address_key()


class SweptMemoryStorage(MemoryStorage):
    """limits' in-memory storage with a cheap sweep of expired entries.

    The stock sweep starts a new thread (a greenlet under eventlet) 100 times a second, walks every
    key ever seen and makes a new lock for each: in a 2,000-phone vote storm it took a third of the
    server's time. This one runs once a second, drops the keys left empty and makes no locks. The
    checks only count the entries inside their window, so the sweep changes no decision, only how
    long expired entries stay in memory."""
    STORAGE_SCHEME = ["swept-memory"]
    SWEEP_SECONDS = 1.0

    def _MemoryStorage__schedule_expiry(self):
        if not self.timer.is_alive():
            self.timer = threading.Timer(self.SWEEP_SECONDS, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()

    def _MemoryStorage__expire_events(self):
        now = time.time()
        for key in list(self.events):
            with self.locks.get(key) or nullcontext():
                events = self.events.get(key)
                if events:  # newest first: cut the expired tail
                    del events[bisect.bisect_left(events, -now, key=lambda event: -event.expiry):]
                if not events:
                    self.events.pop(key, None)
                    self.locks.pop(key, None)
        for key, expiry in list(self.expirations.items()):
            if expiry <= now:
                self.storage.pop(key, None)
                self.expirations.pop(key, None)
                self.locks.pop(key, None)


limiter = Limiter(key_func=address_key, storage_uri="swept-memory://", strategy="moving-window")


def _setting(name):
    return lambda: current_app.config[name]


def _staff():
    return identity.current_user() is not None


# Attendees are limited by their own cookie, never by address: a whole hall shares one NAT address.
# The per-address caps are far above what a hall sends and only stop a script that drops cookies.
# Shared limits count the JSON API and the no-JavaScript forms together.
# Staff typing in questions asked from the floor are not held to an attendee's pace.
limit_questions = [
    limiter.shared_limit(_setting("LIVE_LIMIT_QUESTIONS"), "questions", key_func=attendee_key,
                         exempt_when=_staff),
    limiter.shared_limit(_setting("LIVE_LIMIT_QUESTIONS_PER_ADDRESS"), "questions-address", key_func=address_key,
                         exempt_when=_staff),
]
limit_votes = [
    limiter.shared_limit(_setting("LIVE_LIMIT_VOTES"), "votes", key_func=attendee_key),
    limiter.shared_limit(_setting("LIVE_LIMIT_VOTES_PER_ADDRESS"), "votes-address", key_func=address_key),
]
limit_intake = [limiter.shared_limit(_setting("LIVE_LIMIT_INTAKE"), "intake", key_func=api_key_key)]


def _not_searching():
    return _staff() or not request.args.get("q", "").strip()


# Searches by anyone but staff (the moderator console searches as they type); plain listings are free.
limit_search = [limiter.shared_limit(_setting("LIVE_LIMIT_SEARCH"), "search", key_func=searcher_key,
                                     exempt_when=_not_searching)]

# Which views are limited, in one place.
LIMITS = {
    "api.submit": limit_questions, "pages.ask": limit_questions,
    "api.vote": limit_votes, "api.unvote": limit_votes, "pages.vote": limit_votes,
    "intake_api.receive": limit_intake,
    "api.list_questions": limit_search, "api.results": limit_search, "followup.results": limit_search,
}


def init_app(app):
    """Call after the blueprints are registered: it wraps their views with the limits."""
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # checked in refuse_cross_site, forms only
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the session: a console stays open for hours
    csrf.init_app(app)
    app.register_error_handler(CSRFError, _expired_form)
    limiter.init_app(app)
    for endpoint, decorators in LIMITS.items():
        view = app.view_functions[endpoint]
        for decorator in decorators:
            view = decorator(view)
        app.view_functions[endpoint] = view
    app.before_request(refuse_cross_site)
    app.after_request(add_headers)
    app.after_request(add_privacy_headers)
    app.json = BoundedJSONProvider(app)
