"""The deployment settings that protect a shared dashboard: each is checked where it is set."""
import subprocess
import tomllib

from cx.ingest.reading import MAX_FILE_MB
from tests.conftest import ROOT


def streamlit_config() -> dict:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as f:
        return tomllib.load(f)


def test_config_listens_on_localhost_and_hides_error_details():
    cfg = streamlit_config()
    assert cfg["server"]["address"] == "127.0.0.1"
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["browser"]["gatherUsageStats"] is False


def test_upload_limit_is_the_importers_limit():
    # the browser refuses bigger files before they are sent; the importer refuses the same size
    assert streamlit_config()["server"]["maxUploadSize"] == MAX_FILE_MB


def make_dry_run(*args: str) -> str:
    proc = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return [line for line in proc.stdout.splitlines() if "streamlit run" in line][-1]


def test_make_run_listens_on_localhost_unless_told_otherwise():
    assert "--server.address 127.0.0.1 " in make_dry_run()
    assert "--server.address 0.0.0.0 " in make_dry_run("ADDRESS=0.0.0.0")
