from streamlit.testing.v1 import AppTest

from cx import auth
from tests.conftest import ROOT


def test_hash_and_verify():
    h = auth.hash_password("s3cret", salt=b"0" * 16)
    assert h.startswith("scrypt$") and "s3cret" not in h
    assert auth.verify_password("s3cret", h)
    assert not auth.verify_password("s3cret ", h)
    assert not auth.verify_password("s3cret", "garbage")
    assert auth.hash_password("s3cret") != auth.hash_password("s3cret")  # salted


def test_password_required_only_beyond_localhost():
    assert not auth.password_required("127.0.0.1")
    assert not auth.password_required("localhost")
    assert not auth.password_required("::1")
    assert auth.password_required("0.0.0.0")
    assert auth.password_required("192.168.1.20")
    assert auth.password_required("127.0.0.1", require_setting=True)


def test_throttle_delays_after_repeated_failures():
    th = auth.LoginThrottle(free_attempts=2)
    for _ in range(2):
        th.record(False, now=100.0)
    assert th.wait_seconds(now=100.0) == 0
    th.record(False, now=100.0)
    assert th.wait_seconds(now=100.0) == 2.0
    th.record(False, now=100.0)
    assert th.wait_seconds(now=101.0) == 3.0
    th.record(True, now=200.0)
    assert th.wait_seconds(now=200.0) == 0


def _app(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"password_hash": auth.hash_password("open sesame"),
                          "require_password": True}
    return at


def test_login_gate_blocks_until_the_right_password(app_env):
    auth.THROTTLE.record(True)
    at = _app(app_env).run()
    assert not at.exception
    assert at.title[0].value in ("Sign in", "サインイン")
    assert len(at.metric) == 0  # nothing of the data shows
    at.text_input(key="login_password").input("wrong")
    at.button[0].click().run()
    assert any("not right" in e.value for e in at.error)
    assert len(at.metric) == 0
    at.text_input(key="login_password").input("open sesame")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["authenticated"]
    assert all(t.value != "Sign in" for t in at.title)


def test_network_without_a_password_refuses_to_serve(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"require_password": True}
    at.run()
    assert any("no access password is set" in e.value for e in at.error)
    assert len(at.metric) == 0
