"""Turning the plan into sound at endpoints: the audio pipeline, the engine, the outputs.
No Qt here (see docs/architecture.md)."""
