"""Start the server: python run.py [--host H] [--port P] [--db PATH] [--demo]"""
import argparse
import os
import socket
import warnings


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Đối thoại Live server")
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve phones on the hall network")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--db", help="SQLite file (default: LIVE_DB or instance/live.db)")
    parser.add_argument("--demo", action="store_true", help="create the demo event if missing")
    return parser.parse_args(argv)


def lan_address():
    """The address other machines reach this one at (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def main(argv=None):
    args = parse_args(argv)
    if args.db:
        os.environ["LIVE_DB"] = args.db
    if os.environ.get("LIVE_ASYNC_MODE", "eventlet") == "eventlet":
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # as in create_app
        import eventlet
        eventlet.monkey_patch()
    elif os.environ.get("LIVE_ASYNC_MODE") == "gevent":
        from gevent import monkey
        monkey.patch_all()

    from live import create_app, demo, socketio

    app = create_app()
    if args.demo:
        with app.app_context():
            demo.ensure(app.extensions["live_store"])
    shown = lan_address() if args.host in ("0.0.0.0", "::") else args.host
    base = os.environ.get("LIVE_PUBLIC_URL", "").rstrip("/") or f"http://{shown}:{args.port}"
    print_banner(app, base, args.demo)
    socketio.run(app, host=args.host, port=args.port, allow_unsafe_werkzeug=True, log_output=False)


def print_banner(app, base, with_demo):
    password = app.config.get("LIVE_GENERATED_ADMIN_PASSWORD")
    if not password and app.config.get("LIVE_ADMIN_PASSWORD"):
        password = "(LIVE_ADMIN_PASSWORD)"
    lines = [f"Đối thoại Live: {base}/", f"  Quản trị, điều phối: {base}/staff"]
    if with_demo:
        from live import qr
        lines += [
            f"  Người tham dự:   {base}/e/demo",
            f"  Điều phối viên:  {base}/mod/demo",
            f"  Màn hình chiếu:  {base}/e/demo/screen",
            f"  Áp phích QR:     {base}/e/demo/poster",
        ]
    lines.append("  Đăng nhập: admin / " + (password or "(mật khẩu đã in ở lần chạy đầu; đổi bằng: "
                                                   "flask --app live users set-password admin)"))
    print("\n".join(lines), flush=True)
    if with_demo:
        print(qr.terminal(f"{base}/e/demo"), flush=True)


if __name__ == "__main__":
    main()
