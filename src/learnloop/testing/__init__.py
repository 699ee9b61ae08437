"""Test helpers shared by every app's tests: a small school built with the real services."""
