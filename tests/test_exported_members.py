"""careerlib's public names: sorted, complete, and all importable."""

from __future__ import annotations

import careerlib


def test_all_is_sorted_and_unique() -> None:
    assert careerlib.__all__ == sorted(set(careerlib.__all__))


def test_every_public_name_is_exported() -> None:
    public = {
        name
        for name in vars(careerlib)
        if not name.startswith("_") and not isinstance(getattr(careerlib, name), type(careerlib))
    }
    public.discard("annotations")
    public.discard("import_module")
    public.discard("Any")
    public.discard("TYPE_CHECKING")
    assert public <= set(careerlib.__all__) | {"__version__"}


def test_every_exported_name_resolves() -> None:
    for name in careerlib.__all__:
        assert getattr(careerlib, name) is not None, name
    assert sorted(dir(careerlib)) == sorted(careerlib.__all__)
