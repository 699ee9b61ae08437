"""The next= of a POST only ever leads to a path on this site."""

from __future__ import annotations

import pytest

from learnloop.core.redirects import safe_next


@pytest.mark.parametrize("value", ["/goals/", "/learn/standards/3/?tab=help"])
def test_paths_on_this_site_are_kept(value: str) -> None:
    assert safe_next(value, "home") == value


@pytest.mark.parametrize(
    "value", ["", "goals/", "//evil.example/", "/\\evil.example", "https://evil.example/", "/\t/x"]
)
def test_anything_else_falls_back(value: str) -> None:
    assert safe_next(value, "home") == "home"
