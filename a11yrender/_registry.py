"""A registry of named plug-ins: built-ins first, then entry points, one path.

Built-in renderers are declared in ``pyproject.toml`` under the same
entry-point group third-party packages use, and are also registered here by
name so a source checkout works without being installed. Names are checked
when they are registered (Sphinx ``add_builder``), and an unknown name lists
the available ones (pandoc ``PandocUnknownWriterError``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, TypeVar

from .errors import UnknownFormatError

T = TypeVar("T")

__all__ = ["Registry"]


class Registry(Generic[T]):
    """Named factories of ``T``, found by name or through an entry-point group."""

    def __init__(self, group: str, kind: str) -> None:
        self.group = group
        self.kind = kind
        self._factories: dict[str, Callable[[], T]] = {}
        self._lazy: dict[str, str] = {}
        self._broken: dict[str, str] = {}

    def register(self, name: str, factory: Callable[[], T] | str, *,
                 override: bool = False) -> None:
        """Add ``factory`` under ``name``; a string is a lazy ``"module:attr"`` reference."""
        if not isinstance(name, str) or not name.strip() or name != name.strip().lower():
            raise ValueError(f"{self.kind} name must be a non-empty lower-case word, got {name!r}")
        if not override and (name in self._factories or name in self._lazy):
            raise ValueError(f"a {self.kind} named {name!r} is already registered")
        self._factories.pop(name, None)
        self._lazy.pop(name, None)
        if isinstance(factory, str):
            self._lazy[name] = factory
        else:
            self._factories[name] = factory

    def _entry_points(self) -> dict[str, EntryPoint]:
        return {ep.name: ep for ep in entry_points(group=self.group)}

    def names(self) -> list[str]:
        """Every name: built-ins and installed entry points, sorted."""
        return sorted({*self._factories, *self._lazy, *self._entry_points()})

    def status(self) -> dict[str, str | None]:
        """Each name with ``None`` when it loads, else why it cannot be used."""
        out: dict[str, str | None] = {}
        for name in self.names():
            try:
                self.get(name)
                out[name] = None
            except UnknownFormatError as err:
                out[name] = str(err)
        return out

    def get(self, name: str) -> T:
        """A new instance of the plug-in called ``name``."""
        factory = self._factories.get(name)
        if factory is None and name in self._lazy:
            factory = self._load(name, self._lazy[name])
        if factory is None:
            ep = self._entry_points().get(name)
            if ep is not None:
                factory = self._load(name, ep.value)
        if factory is None:
            available = ", ".join(self.names()) or "none"
            raise UnknownFormatError(f"no {self.kind} named {name!r}; available: {available}")
        try:
            return factory()
        except Exception as err:  # a third-party constructor failing
            raise UnknownFormatError(
                f"{self.kind} {name!r} is unavailable: {type(err).__name__}: {err}"
            ) from err

    def _load(self, name: str, ref: str) -> Callable[[], T]:
        module_name, _, attr = ref.partition(":")
        try:
            obj: object = importlib.import_module(module_name.strip())
            for part in attr.strip().split(".") if attr else ():
                obj = getattr(obj, part)
        except Exception as err:
            raise UnknownFormatError(
                f"{self.kind} {name!r} is unavailable: cannot load {ref!r} "
                f"({type(err).__name__}: {err})"
            ) from err
        if not callable(obj):
            raise UnknownFormatError(f"{self.kind} {name!r} at {ref!r} is not callable")
        return obj
