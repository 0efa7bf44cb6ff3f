"""How the microphone is named to ffmpeg on each platform (recording itself is tested with a real
PulseAudio source in tests/gui/test_workflows.py)."""

from __future__ import annotations

from broadcast import capture

DSHOW_LISTING = """\
[dshow @ 000001] "Integrated Camera" (video)
[dshow @ 000001]   Alternative name "@device_pnp_\\\\?\\usb#vid_04f2"
[dshow @ 000001] "Microphone (Realtek(R) Audio)" (audio)
[dshow @ 000001]   Alternative name "@device_cm_{33D9A762}\\wave_{A1B2}"
[dshow @ 000001] "Line In (USB Audio CODEC)" (audio)
dummy: Immediate exit requested
"""


def test_the_first_windows_microphone_is_chosen() -> None:
    assert capture.first_dshow_microphone(DSHOW_LISTING) == "Microphone (Realtek(R) Audio)"
    assert capture.first_dshow_microphone('[dshow @ 1] "Integrated Camera" (video)\n') is None


def test_inputs_per_platform() -> None:
    assert capture.microphone_input("ffmpeg", "linux") == ["-f", "pulse", "-i", "default"]
    assert capture.microphone_input("ffmpeg", "darwin") == ["-f", "avfoundation", "-i", ":0"]
