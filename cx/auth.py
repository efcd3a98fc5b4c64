"""The access password for a dashboard opened to the shop's network.

The password is stored only as a salted scrypt hash in .streamlit/secrets.toml:

    [auth]
    password_hash = "scrypt$16384$8$1$<salt hex>$<hash hex>"
    # require_password = true   # ask for it even on localhost

`python -m cx hash-password` prints such a line. Comparison is constant-time. Failed attempts slow
down the client that made them (a lockout delay per browser session), and a process-wide ceiling
limits how many wrong guesses all clients together can make, so opening new sessions does not buy
more guesses and a stranger's failures never lock anyone else out for more than a moment.

An unset server address is not local: Streamlit then listens on every interface.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from collections import OrderedDict

LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1"}
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


def address_unset(address: str | None) -> bool:
    """server.address not set at all (no config found): Streamlit then binds every interface."""
    return not (address or "").strip().strip("[]")


def is_local_address(address: str | None) -> bool:
    """True only for an address that this machine alone can reach. None or "" is not local:
    Streamlit listens on every interface when server.address is unset."""
    address = (address or "").strip().strip("[]")
    if not address:
        return False
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
    """Lockout delays for the sign-in form.

    Per client (a browser session): the first `free_attempts` failures cost nothing, then that
    client waits 2, 4, 8 ... up to `max_delay` seconds before its next attempt. One client's
    failures never delay another client.

    Process-wide ceiling: every attempt takes a token from a bucket of `global_burst` tokens that
    refills at one token per `global_interval` seconds; a wrong password keeps its token, a right
    one gives it back. So all clients together get at most `global_burst` wrong guesses at once and
    then one every `global_interval` seconds (opening new sessions buys nothing), and a flood of
    wrong guesses delays everyone else by at most `global_interval` seconds per attempt.
    """

    def __init__(self, free_attempts: int = 3, max_delay: float = 60.0,
                 global_burst: int = 30, global_interval: float = 2.0,
                 max_clients: int = 10_000):
        self.free_attempts, self.max_delay = free_attempts, max_delay
        self.global_burst, self.global_interval = global_burst, global_interval
        self.max_clients = max_clients
        self._clients: OrderedDict[str, list] = OrderedDict()  # client -> [failures, not_before]
        self._tokens = float(global_burst)
        self._refilled_at: float | None = None
        self._lock = threading.Lock()

    # -- the process-wide bucket (call with the lock held) --------------------------------------
    def _refill(self, now: float) -> None:
        if self._refilled_at is not None and now > self._refilled_at:
            self._tokens = min(float(self.global_burst),
                               self._tokens + (now - self._refilled_at) / self.global_interval)
        self._refilled_at = now if self._refilled_at is None else max(self._refilled_at, now)

    def _global_wait(self) -> float:
        return 0.0 if self._tokens >= 1.0 else (1.0 - self._tokens) * self.global_interval

    def _client_wait(self, client: str, now: float) -> float:
        state = self._clients.get(client)
        return max(0.0, state[1] - now) if state else 0.0

    # -- public ---------------------------------------------------------------------------------
    def wait_seconds(self, now: float | None = None, client: str = "") -> float:
        """Seconds before `client` may try again (its own delay or the process-wide ceiling)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._refill(now)
            return max(self._client_wait(client, now), self._global_wait())

    def acquire(self, now: float | None = None, client: str = "") -> float:
        """Reserve an attempt for `client`: 0 when it may go ahead now (a token is taken), else
        the seconds to wait (nothing taken)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._refill(now)
            wait = max(self._client_wait(client, now), self._global_wait())
            if wait <= 0:
                self._tokens -= 1.0
            return wait

    def record(self, success: bool, now: float | None = None, client: str = "",
               acquired: bool = False) -> None:
        """The outcome of an attempt. `acquired`: the attempt took a token via acquire()."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._refill(now)
            if success:
                self._clients.pop(client, None)
                if acquired:
                    self._tokens = min(float(self.global_burst), self._tokens + 1.0)
                return
            if not acquired:
                self._tokens = max(0.0, self._tokens - 1.0)
            state = self._clients.pop(client, None) or [0, 0.0]
            state[0] += 1
            extra = state[0] - self.free_attempts
            if extra > 0:
                state[1] = now + min(self.max_delay, 2.0 ** extra)
            self._clients[client] = state  # most recent last
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)  # the ceiling still bounds evicted clients

    def reset(self) -> None:
        with self._lock:
            self._clients.clear()
            self._tokens, self._refilled_at = float(self.global_burst), None


THROTTLE = LoginThrottle()


def check_login(password: str, stored_hash: str, throttle: LoginThrottle = THROTTLE,
                client: str = "", now: float | None = None) -> str:
    """'ok', 'wrong' or 'locked' (this client, or every client together, failed too often:
    try again later). `client` identifies the browser session."""
    if throttle.acquire(now, client) > 0:
        return "locked"
    ok = verify_password(password, stored_hash)
    throttle.record(ok, now, client, acquired=True)
    return "ok" if ok else "wrong"
