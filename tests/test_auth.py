import pytest
from streamlit import config as st_config
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


def test_an_unset_address_is_every_interface():
    # Streamlit binds 0.0.0.0 when server.address is unset (no config.toml found)
    for unset in (None, "", "  "):
        assert not auth.is_local_address(unset)
        assert auth.password_required(unset)
        assert auth.address_unset(unset)
    assert not auth.address_unset("0.0.0.0") and not auth.address_unset("127.0.0.1")


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


def test_one_clients_failures_do_not_lock_out_another():
    th = auth.LoginThrottle()
    good = auth.hash_password("right")
    for _ in range(10):
        th.record(False, now=100.0, client="stranger")
    assert th.wait_seconds(now=100.0, client="stranger") == 60.0
    assert auth.check_login("right", good, th, client="stranger", now=100.0) == "locked"
    assert th.wait_seconds(now=100.0, client="owner") == 0
    assert auth.check_login("wrong", good, th, client="owner", now=100.0) == "wrong"
    assert auth.check_login("right", good, th, client="owner", now=100.0) == "ok"
    assert th.wait_seconds(now=100.0, client="stranger") == 60.0  # still locked itself


def test_a_process_wide_ceiling_bounds_guesses_from_many_sessions():
    th = auth.LoginThrottle(global_burst=5, global_interval=2.0)
    good = auth.hash_password("right")
    # a new session per guess dodges the per-client delay, not the ceiling
    outcomes = [auth.check_login("guess", good, th, client=f"s{i}", now=100.0) for i in range(8)]
    assert outcomes == ["wrong"] * 5 + ["locked"] * 3
    # everyone else waits, but only for the next token (never the 60 s lockout)
    assert 0 < th.wait_seconds(now=100.0, client="owner") <= 2.0
    assert auth.check_login("right", good, th, client="owner", now=102.0) == "ok"
    # a right password gives its token back; wrong ones keep theirs
    assert th.wait_seconds(now=102.0, client="owner2") == 0
    assert auth.check_login("guess", good, th, client="s9", now=102.0) == "wrong"
    assert th.wait_seconds(now=102.0, client="owner2") == 2.0


def test_the_client_table_stays_bounded():
    th = auth.LoginThrottle(max_clients=50)
    for i in range(500):
        th.record(False, now=100.0 + i, client=f"s{i}")
    assert len(th._clients) == 50


def _app(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"password_hash": auth.hash_password("open sesame"),
                          "require_password": True}
    return at


def test_login_gate_blocks_until_the_right_password(app_env):
    auth.THROTTLE.reset()
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


@pytest.fixture
def address_unset():
    """As if no config.toml was found: server.address unset, error details at Streamlit's 'full'."""
    saved = {k: st_config.get_option(k) for k in ("server.address", "client.showErrorDetails")}
    st_config.set_option("server.address", None)
    st_config.set_option("client.showErrorDetails", "full")
    yield
    for k, v in saved.items():
        st_config.set_option(k, v)


def test_started_without_settings_refuses_to_serve_and_says_how_to_start(app_env, address_unset):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "This dashboard was started without its settings, so it listens on every network "
        "interface with no access password set: start it with `make run` in its folder (or add "
        "--server.address 127.0.0.1), or set a password as described in docs/operations.md."]
    assert len(at.metric) == 0 and not at.sidebar.caption  # no data at all


def test_started_without_settings_asks_for_the_password_when_one_is_set(app_env, address_unset):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"password_hash": auth.hash_password("open sesame")}
    at.run()
    assert at.title[0].value == "Sign in" and len(at.metric) == 0


def test_the_app_turns_error_details_off_whatever_config_was_found(app_env, address_unset):
    import streamlit as st

    AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert st.get_option("client.showErrorDetails") == "none"
