"""The access password for a dashboard opened to the shop's network.

The password is stored only as a salted scrypt hash in .streamlit/secrets.toml:

    [auth]
    password_hash = "scrypt$16384$8$1$<salt hex>$<hash hex>"
    # require_password = true   # ask for it even on localhost

`python -m cx hash-password` prints such a line. Comparison is constant-time, and failed attempts
slow down every following attempt in this server process (a lockout delay).
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time

LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1", ""}
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    if not password:
        raise ValueError("The password must not be empty.")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n),
                                r=int(r), p=int(p), dklen=len(digest_hex) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def is_local_address(address: str | None) -> bool:
    address = (address or "").strip().strip("[]")
    if address in LOCAL_ADDRESSES:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def password_required(server_address: str | None, require_setting: bool = False) -> bool:
    """A password is needed once the server listens beyond this machine (or when asked for)."""
    return require_setting or not is_local_address(server_address)


class LoginThrottle:
    """Failed attempts make the next attempt wait: 0 s for the first 3, then 2, 4, 8 ... 60 s."""

    def __init__(self, free_attempts: int = 3, max_delay: float = 60.0):
        self.free_attempts, self.max_delay = free_attempts, max_delay
        self._failures = 0
        self._not_before = 0.0
        self._lock = threading.Lock()

    def wait_seconds(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            return max(0.0, self._not_before - now)

    def record(self, success: bool, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if success:
                self._failures, self._not_before = 0, 0.0
                return
            self._failures += 1
            extra = self._failures - self.free_attempts
            if extra > 0:
                self._not_before = now + min(self.max_delay, 2.0 ** extra)


THROTTLE = LoginThrottle()


def check_login(password: str, stored_hash: str, throttle: LoginThrottle = THROTTLE) -> str:
    """'ok', 'wrong' or 'locked' (too many failures: try again later)."""
    if throttle.wait_seconds() > 0:
        return "locked"
    ok = verify_password(password, stored_hash)
    throttle.record(ok)
    return "ok" if ok else "wrong"
