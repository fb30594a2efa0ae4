"""The poll benchmark at the scale of a classroom (`python -m bench.polls`, a subprocess: the tests
never import bench): a hall answering one poll, some changing their answer, is counted once per
attendee; the projector and every phone end with the results; nothing unrevealed reaches them.
Its timings are the benchmark's to report, not asserted here."""
import json
import subprocess
import sys

import pytest

from .support import ROOT

pytestmark = pytest.mark.slow  # a real server, 40 Socket.IO phones and a worker process

PHONES = 40


def test_a_hall_answering_a_poll_is_counted_once_per_attendee(tmp_path):
    out = tmp_path / "polls.json"
    done = subprocess.run([sys.executable, "-m", "bench.polls", "--phones", str(PHONES), "--window", "1",
                           "--changes", "0.5", "--workers", "1", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    phases = json.loads(out.read_text())["runs"][0]["phases"]
    assert [phase["phase"] for phase in phases] == ["revealed", "hidden"]
    for phase in phases:
        assert phase["answers_ok"] == phase["counted_total"] == phase["stored_answers"] == PHONES
        assert phase["changes_ok"] == phase["changes_counted_as_changed"] > 0
        assert phase["counted"] == phase["expected"]["counts"]  # what each phone sent last
        assert phase["counts_exact"] and phase["screen_exact"]
        assert phase["phones_exact"] == PHONES and phase["leaked"] == 0 and phase["answers_not_on_screen"] == 0
    revealed, hidden = phases
    assert "options" in revealed["screen_last"] and set(hidden["screen_last"]) == {"poll", "total"}
