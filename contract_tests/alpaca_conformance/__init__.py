"""The conformance suite: Schemathesis and client conformance against the mock or a real server."""
