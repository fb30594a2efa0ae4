"""Start the server: python run.py [--host H] [--port P] [--db PATH] [--demo] [--demo-proposals]"""
import argparse
import collections
import gc
import os
import socket
import sys
import warnings

# One process holds every phone's WebSocket for the whole session. The servers' own defaults are
# below a big hall: eventlet's pool stops accepting at 1,024 connections (wsgi max_size) and
# socketio.run listens with a backlog of 50 (eventlet) or 128 (gevent), so a hall connecting at once
# gets refused. Open files are raised to what the hard limit allows (each connection is one).
MAX_CONNECTIONS = 10_000
BACKLOG = 2048
# On eventlet, a connection silent this long while the server waits to read from it (a request's
# body, a WebSocket) or to write to it is closed: far above Engine.IO's heartbeat (a ping every
# 25 s, answered at once), so a live phone never comes near it. The request head has its own,
# shorter deadline (LIVE_HEADER_TIMEOUT).
SOCKET_TIMEOUT = 60
# Python's default collector thresholds (700, 10, 10) run full collections over every object again
# and again once a hall is connected (each connection is hundreds of objects): in a benchmark run
# with 2,000 phones and a vote storm (bench/baseline_server.py, which shares these settings) the
# collector took 5 s of 40 s, with pauses of up to 0.4 s. Young collections every 50,000
# allocations and rare full ones took it to 0.3 s.
GC_THRESHOLDS = (50_000, 20, 100)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Đối thoại Live server")
    parser.add_argument("--host", default=os.environ.get("LIVE_HOST", "127.0.0.1"),
                        help="0.0.0.0 to serve phones on the hall network (default: LIVE_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIVE_PORT", "5000")))
    parser.add_argument("--db", help="SQLite file (default: LIVE_DB or instance/live.db)")
    parser.add_argument("--demo", action="store_true", help="create the demo event if missing")
    parser.add_argument("--demo-proposals", action="store_true",
                        help="import docs/samples/de-xuat-thanh-nien.csv into the demo event (once)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.db:
        os.environ["LIVE_DB"] = args.db
    # the app decides its public URL (QR codes, posters) from where it listens: config.public_url
    os.environ["LIVE_HOST"], os.environ["LIVE_PORT"] = args.host, str(args.port)
    if os.environ.get("LIVE_ASYNC_MODE", "eventlet") == "eventlet":
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # as in create_app
        import eventlet
        eventlet.monkey_patch()
    elif os.environ.get("LIVE_ASYNC_MODE") == "gevent":
        from gevent import monkey
        monkey.patch_all()

    from live import create_app, socketio
    from live.dialogue import demo

    app = create_app()
    if args.demo:
        from live.web.cli import ensure_demo
        with app.app_context():
            ensure_demo()
    if args.demo_proposals:
        import_demo_proposals(app, demo)
    print_banner(app, args.demo)
    raise_open_files_limit(MAX_CONNECTIONS + 256)
    tune_gc()
    serve(app, socketio, args.host, args.port)


def raise_open_files_limit(wanted):
    """Raise the soft limit on open files towards `wanted`, within the hard limit; the limit in force."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def tune_gc():
    """Leave what start-up made out of collections (gc.freeze), collect the young rarely."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def serve(app, socketio, host, port):
    """socketio.run, with a listen backlog and a connection cap sized for a hall; on eventlet also a
    cap per address and deadlines, so that no one client can hold the server's connections."""
    mode = socketio.server.eio.async_mode
    if mode == "eventlet":
        import eventlet
        import eventlet.wsgi
        from live import config
        settings = config.from_environment()
        address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = eventlet.listen(address[4], address[0], backlog=BACKLOG)
        if settings["LIVE_MAX_CONNECTIONS_PER_ADDRESS"]:
            listener = CappedListener(listener, settings["LIVE_MAX_CONNECTIONS_PER_ADDRESS"])
        head = settings["LIVE_HEADER_TIMEOUT"]
        # keepalive=head also tells clients (Keep-Alive: timeout=...) when an idle connection closes
        eventlet.wsgi.server(listener, app, log_output=False, max_size=MAX_CONNECTIONS, keepalive=head,
                             socket_timeout=SOCKET_TIMEOUT, protocol=head_deadline(eventlet, head))
    elif mode == "gevent":  # pywsgi spawns a greenlet per connection, with no cap
        socketio.run(app, host=host, port=port, log_output=False, backlog=BACKLOG)
    else:
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False)


class CappedListener:
    """The listening socket, closing at once a new connection from an address that already holds
    `cap` of them, before a byte is read: one address cannot take every connection of the server."""

    def __init__(self, sock, cap):
        self.sock = sock
        self.cap = cap
        self.held = collections.Counter()

    def accept(self):
        while True:
            conn, address = self.sock.accept()
            if self.held[address[0]] < self.cap:
                self.held[address[0]] += 1
                return CountedConnection(conn, self, address[0]), address
            conn.close()

    def release(self, host):
        self.held[host] -= 1
        if not self.held[host]:
            del self.held[host]

    def __getattr__(self, name):
        return getattr(self.sock, name)


class CountedConnection:
    """An accepted connection that gives its place back to its address when it is closed."""

    def __init__(self, conn, listener, host):
        self.conn = conn
        self.listener = listener
        self.host = host
        self.counted = True

    def close(self):
        if self.counted:
            self.counted = False
            self.listener.release(self.host)
        self.conn.close()

    def __getattr__(self, name):
        return getattr(self.conn, name)


def head_deadline(eventlet, seconds):
    """eventlet's HTTP protocol with a deadline on each request's head: a connection that has not
    sent a whole request line and its headers within `seconds` of opening (or of its previous
    answer, when kept alive) is closed, however slowly it trickles bytes. The deadline ends with
    the head: a long poll or a WebSocket then lasts as long as it needs."""
    class Protocol(eventlet.wsgi.HttpProtocol):
        def handle_one_request(self):
            self.deadline = eventlet.Timeout(seconds, socket.timeout("request head not sent in time"))
            try:
                super().handle_one_request()
            finally:
                self.deadline.cancel()

        def parse_request(self):
            try:
                return super().parse_request()
            finally:
                self.deadline.cancel()
    return Protocol


def import_demo_proposals(app, demo):
    from live.errors import DomainError
    try:
        done = demo.import_proposals(app.extensions["live_store"])
    except DomainError as error:  # the organizer closed the demo event, say: start anyway
        print(f"Không nhập đề xuất mẫu: {error.message % error.params}", file=sys.stderr, flush=True)
        return
    if done["added"]:
        print(f"Đã nhập {len(done['added'])} đề xuất mẫu chờ duyệt (docs/samples/de-xuat-thanh-nien.csv).",
              flush=True)


# The demo event's pages the banner prints, in README.md's order (tests/test_docs.py compares them).
DEMO_PAGES = [
    ("Người tham dự (điện thoại)", "/e/demo"),
    ("Điều phối viên (máy tính bảng)", "/mod/demo"),
    ("Màn hình chiếu", "/e/demo/screen"),
    ("Áp phích QR để in", "/e/demo/poster"),
    ("Bàn Chủ tọa", "/chair/demo"),
    ("Người dẫn chương trình (điện thoại)", "/mc/demo"),
    ("Biên bản trực tiếp", "/admin/events/demo/minutes"),
    ("Thông báo kết luận (DOCX, PDF, XLSX)", "/admin/events/demo/conclusion"),
    ("Theo dõi trả lời bằng văn bản, công bố", "/admin/events/demo/followup"),
    ("Trang của cơ quan", "/agency/demo"),
    ("Kết quả đã công bố", "/e/demo/results"),
    ("Quản trị (sự kiện, tài khoản)", "/staff"),
    ("Tổng quan các cấp (đối thoại, hạn luật định)", "/admin/overview"),
    ("Nhập đề xuất (XLSX, CSV)", "/admin/events/demo/import"),
    ("Khóa API của các kênh", "/admin/events/demo/intake-keys"),
    ("Chương trình (sửa, nhập từ bảng tính)", "/admin/events/demo/programme"),
    ("Tổng hợp ý kiến (DOCX)", "/briefing/demo"),
]


def print_banner(app, with_demo):
    base = app.config["PUBLIC_URL"]
    password = app.config.get("LIVE_GENERATED_ADMIN_PASSWORD")
    if not password and app.config.get("LIVE_ADMIN_PASSWORD"):
        password = "(LIVE_ADMIN_PASSWORD)"
    pages = DEMO_PAGES if with_demo else [("Quản trị (sự kiện, tài khoản)", "/staff")]
    width = max(len(label) for label, _ in pages) + 1
    lines = [f"Đối thoại Live: {base}/"] + [f"  {label + ':':<{width}} {base}{path}" for label, path in pages]
    lines.append("  Đăng nhập: admin / " + (password or "(mật khẩu đã in ở lần chạy đầu; đổi bằng: "
                                                   "flask --app live users set-password admin)"))
    print("\n".join(lines), flush=True)
    if with_demo:
        from live.documents import qr
        print(qr.terminal(f"{base}/e/demo"), flush=True)
    for text in unreachable_warnings(app):  # last, so the QR code does not scroll it away
        print(f"!! {text}", flush=True)


def unreachable_warnings(app):
    """The pages' warning that phones cannot open the public URL, in Vietnamese then English; [] when they can."""
    from flask_babel import force_locale
    from live.web.pages import unreachable_warning
    texts = []
    with app.test_request_context():
        for language in ("vi", "en"):
            with force_locale(language):
                texts.append(unreachable_warning())
    return [text for text in texts if text]


if __name__ == "__main__":
    main()
