"""Đối thoại Live: live Q&A for public dialogues between leaders and citizens."""
import sys
import warnings
from pathlib import Path

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_socketio import SocketIO

from . import config, storage, web
from .dialogue import users

ROOT = Path(__file__).resolve().parent.parent

socketio = SocketIO()
babel = Babel()
compress = Compress()


def create_app(test_config=None):
    app = Flask(__name__, instance_path=str(ROOT / "instance"), static_folder=str(ROOT / "static"),
                template_folder=str(ROOT / "templates"))
    app.config.from_mapping(
        SESSION_COOKIE_NAME="live_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024,
        BABEL_DEFAULT_LOCALE="vi",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "live" / "translations"),
        COMPRESS_MIMETYPES=["text/html", "text/css", "application/javascript", "text/javascript",
                            "application/json", "image/svg+xml"],
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip", "deflate"],  # static files stream
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        JSON_AS_ASCII=False,
    )
    app.config.update(config.from_environment())
    if test_config:
        app.config.update(test_config)
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["LIVE_TIMEZONE"]
    app.config["PUBLIC_URL"] = config.public_url(app.config["LIVE_PUBLIC_URL"], app.config["LIVE_HOST"],
                                                 app.config["LIVE_PORT"])
    # served over HTTPS (behind a proxy that terminates TLS): cookies only travel encrypted
    app.config["SESSION_COOKIE_SECURE"] = app.config["LIVE_PUBLIC_URL"].startswith("https://")
    app.secret_key = config.secret_key(app.instance_path, app.config["LIVE_SECRET_KEY"])

    store = storage.connect(app.config["LIVE_DB"], app.config["LIVE_SYNCHRONOUS"])
    app.extensions["live_store"] = store
    generated = users.ensure_admin(store, app.config["LIVE_ADMIN_PASSWORD"])
    if generated:
        app.config["LIVE_GENERATED_ADMIN_PASSWORD"] = generated
        print(f"Tài khoản quản trị: admin / {generated} (chỉ in một lần)", file=sys.stderr, flush=True)

    from .web import i18n  # here, so that `python -m live.web.i18n` runs it fresh as its main module
    i18n.init_app(app, babel)
    compress.init_app(app)
    # eventlet announces its deprecation at import; known, pinned, and behind this one setting
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    socketio.init_app(app, async_mode=app.config["LIVE_ASYNC_MODE"],
                      message_queue=app.config["LIVE_MESSAGE_QUEUE"] or None,
                      ping_timeout=app.config["LIVE_PING_TIMEOUT"])

    web.init_app(app, socketio, store)
    return app
