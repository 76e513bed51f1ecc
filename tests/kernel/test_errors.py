"""The error tree: drawn in full in its docstring, each class with its status and exit code."""

from __future__ import annotations

import re

from cyberpol.kernel import errors


def test_the_drawn_tree_names_every_class_with_its_status_and_exit_code() -> None:
    drawn = {
        m.group(1): (int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"(\w+)\s+.*?\((\d{3}), exit (\d+)\)", errors.__doc__ or "")
    }
    classes = errors.error_classes()
    assert set(drawn) == {c.__name__ for c in classes}
    for cls in classes:
        assert drawn[cls.__name__] == (cls.status, cls.exit_code), cls.__name__


def test_every_code_has_a_title_and_unknown_codes_fall_back() -> None:
    for cls in errors.error_classes():
        assert errors.title_for(cls.code) == cls.title
    assert errors.title_for("no_such_code") == errors.CyberPolError.title
