"""The adapter to the province's source information system (HTTTN): client, outbox sender,
bulletin puller and a simulator of the province (see docs/httn.md)."""
