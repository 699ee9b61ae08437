"""The seeded demo school that `make demo` serves."""
