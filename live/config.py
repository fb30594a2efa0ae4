"""Settings: safe defaults, overridden by LIVE_* environment variables.

Every setting the app reads is listed here, so docs/config.md and the
tests can check that what is documented is what is used.
"""
import os
import secrets
from pathlib import Path

DEFAULTS = {
    "LIVE_DB": "instance/live.db",
    "LIVE_ASYNC_MODE": "eventlet",
    "LIVE_MESSAGE_QUEUE": "",
    "LIVE_PUBLIC_URL": "",
    "LIVE_SYNCHRONOUS": "NORMAL",
    "LIVE_VOTE_BROADCAST_INTERVAL": "0.1",
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
    "LIVE_IMPORT_MAX_BYTES": "5242880",
    "LIVE_MAX_CONNECTIONS_PER_ADDRESS": "5000",
    "LIVE_HEADER_TIMEOUT": "20",
    "LIVE_SMTP_HOST": "",
    "LIVE_SMTP_PORT": "587",
    "LIVE_SMTP_USER": "",
    "LIVE_SMTP_PASSWORD": "",
    "LIVE_SMTP_FROM": "",
    "LIVE_SMTP_STARTTLS": "1",
}
INTEGERS = ("LIVE_WRITTEN_ANSWER_DAYS", "LIVE_CONCLUSION_DAYS", "LIVE_PLAN_NOTICE_DAYS", "LIVE_SMTP_PORT",
            "LIVE_IMPORT_MAX_BYTES", "LIVE_MAX_CONNECTIONS_PER_ADDRESS", "LIVE_HEADER_TIMEOUT")


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
