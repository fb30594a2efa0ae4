"""Settings: safe defaults, overridden by LIVE_* environment variables.

Every setting the app reads is listed here, so docs/config.md and the
tests can check that what is documented is what is used.
"""
import ipaddress
import os
import secrets
import socket
from pathlib import Path
from urllib.parse import urlsplit

from .errors import N_

DEFAULTS = {
    "LIVE_DB": "instance/live.db",
    "LIVE_ASYNC_MODE": "eventlet",
    "LIVE_MESSAGE_QUEUE": "",
    "LIVE_PUBLIC_URL": "",
    "LIVE_HOST": "127.0.0.1",
    "LIVE_PORT": "5000",
    "LIVE_SYNCHRONOUS": "NORMAL",
    "LIVE_VOTE_BROADCAST_INTERVAL": "0.1",
    "LIVE_HALL_BROADCAST_PHONES": "500",
    "LIVE_TIMEZONE": "Asia/Ho_Chi_Minh",
    "LIVE_WRITTEN_ANSWER_DAYS": "15",
    "LIVE_CONCLUSION_DAYS": "10",
    "LIVE_PLAN_NOTICE_DAYS": "30",
    "LIVE_LIMIT_QUESTIONS": "5 per minute",
    "LIVE_LIMIT_QUESTIONS_PER_ADDRESS": "600 per minute",
    "LIVE_LIMIT_VOTES": "10 per second",
    "LIVE_LIMIT_VOTES_PER_ADDRESS": "12000 per minute",
    "LIVE_LIMIT_LOGINS_PER_ADDRESS": "30 per 10 minutes",
    "LIVE_LIMIT_LOGINS_PER_ACCOUNT": "10 per 10 minutes",
    "LIVE_LIMIT_INTAKE": "300 per minute",
    "LIVE_LIMIT_SEARCH": "30 per minute",
    "LIVE_IMPORT_MAX_BYTES": "5242880",
    "LIVE_MAX_CONNECTIONS_PER_ADDRESS": "5000",
    "LIVE_HEADER_TIMEOUT": "20",
    "LIVE_PING_TIMEOUT": "60",
    "LIVE_SMTP_HOST": "",
    "LIVE_SMTP_PORT": "587",
    "LIVE_SMTP_USER": "",
    "LIVE_SMTP_PASSWORD": "",
    "LIVE_SMTP_FROM": "",
    "LIVE_SMTP_STARTTLS": "1",
}
INTEGERS = ("LIVE_PORT", "LIVE_WRITTEN_ANSWER_DAYS", "LIVE_CONCLUSION_DAYS", "LIVE_PLAN_NOTICE_DAYS", "LIVE_SMTP_PORT",
            "LIVE_IMPORT_MAX_BYTES", "LIVE_MAX_CONNECTIONS_PER_ADDRESS", "LIVE_HEADER_TIMEOUT",
            "LIVE_HALL_BROADCAST_PHONES", "LIVE_PING_TIMEOUT")


def from_environment(environ=None):
    """The LIVE_* settings as Flask config keys, environment over defaults."""
    environ = os.environ if environ is None else environ
    config = {key: environ.get(key, default) for key, default in DEFAULTS.items()}
    config["LIVE_VOTE_BROADCAST_INTERVAL"] = float(config["LIVE_VOTE_BROADCAST_INTERVAL"])
    for key in INTEGERS:
        config[key] = int(config[key])
    config["LIVE_SMTP_STARTTLS"] = config["LIVE_SMTP_STARTTLS"].strip().lower() in ("1", "true", "yes", "on")
    config["LIVE_ADMIN_PASSWORD"] = environ.get("LIVE_ADMIN_PASSWORD") or None
    config["LIVE_SECRET_KEY"] = environ.get("LIVE_SECRET_KEY") or None
    return config


# run.py --host for "every interface": phones then reach the machine at its LAN address
ALL_INTERFACES = ("0.0.0.0", "::")
# On the projector, the poster and the staff pages, and printed by run.py, when phones cannot reach the URL
UNREACHABLE_WARNING = N_("Điện thoại không mở được địa chỉ %(url)s: đó là địa chỉ của chính máy chủ, nên mã QR và "
                         "đường dẫn không dùng được. Cách sửa: chạy lại bằng make run HOST=0.0.0.0, hoặc đặt "
                         "LIVE_PUBLIC_URL là địa chỉ mà điện thoại trong hội trường mở được.")


def public_url(configured, host, port, lan_address=None):
    """The base URL phones open (QR codes, posters, links in mails), decided once at start, never from
    a request: LIVE_PUBLIC_URL when set; else the address the server listens on, its LAN address
    when it listens on every interface."""
    if configured:
        return configured.rstrip("/")
    if host in ALL_INTERFACES:
        host = (lan_address or local_network_address)()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def local_network_address():
    """The address other machines reach this one at (no packet is sent); 127.0.0.1 without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def is_loopback(url):
    """Whether `url` names this machine only (127.x, localhost, ::1): phones cannot open it."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secret_key(instance_path, configured=None):
    """The configured key, else one generated once and kept in instance/."""
    if configured:
        return configured
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
