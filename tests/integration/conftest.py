"""Fixtures of the integration tests that live beside their helpers in tests/support/."""

from tests.support.live_audio import microphone  # noqa: F401 - PulseAudio's sine source as the microphone
