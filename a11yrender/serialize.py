"""The model as plain data: ``to_dict``/``from_dict`` and JSON, without loss.

Every node becomes ``{"type": "<name>", field: value, ...}``; fields equal to
their default are left out, so dumps stay short enough to review as golden
files. The document carries ``format_version`` so later versions can read old
dumps (pandoc's ``pandoc-api-version``).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .errors import ValidationError
from .model import NODE_TYPES, Document, _Node

__all__ = ["FORMAT_VERSION", "from_dict", "from_json", "node_from_dict", "to_dict", "to_json"]

FORMAT_VERSION = Document.FORMAT_VERSION


def node_to_dict(node: _Node) -> dict[str, Any]:
    """One node (and everything under it) as plain data."""
    out: dict[str, Any] = {"type": node.TYPE}
    for spec in node._specs():
        value = getattr(node, spec.name)
        if spec.default is not dataclasses.MISSING and value == spec.default:
            continue
        if spec.kind == "node":
            out[spec.name] = node_to_dict(value)
        elif spec.kind == "nodes":
            out[spec.name] = [node_to_dict(v) for v in value]
        elif spec.kind == "strings":
            out[spec.name] = list(value)
        else:
            out[spec.name] = value
    return out


def to_dict(doc: Document) -> dict[str, Any]:
    """The document as plain data, with ``format_version``."""
    return {"format_version": FORMAT_VERSION, **node_to_dict(doc)}


def node_from_dict(data: Any, path: tuple[str | int, ...] = ()) -> _Node:
    """Rebuild one node from :func:`node_to_dict` output, validating it."""
    if not isinstance(data, dict):
        raise ValidationError("node", f"expected an object, got {type(data).__name__}", path)
    type_name = data.get("type")
    cls = NODE_TYPES.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        known = ", ".join(sorted(NODE_TYPES))
        raise ValidationError("node", f"unknown node type {type_name!r}; known: {known}", path)
    specs = {spec.name: spec for spec in cls._specs()}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("type", "format_version"):
            continue
        spec = specs.get(key)
        if spec is None:
            raise ValidationError(cls.TYPE, f"unknown field {key!r}", path)
        if spec.kind == "node" and value is not None:
            kwargs[key] = node_from_dict(value, (*path, key))
        elif spec.kind in ("nodes", "strings"):
            if not isinstance(value, list):
                raise ValidationError(cls.TYPE, f"{key} must be a list", path)
            if spec.kind == "nodes":
                value = [node_from_dict(v, (*path, key, i)) for i, v in enumerate(value)]
            kwargs[key] = tuple(value)
        else:
            kwargs[key] = value
    try:
        return cls(**kwargs)
    except ValidationError as err:
        raise err.under(*path) from None
    except TypeError as err:
        # Missing required fields surface as TypeError from the dataclass.
        raise ValidationError(cls.TYPE, str(err).split(".", 1)[-1].strip(), path) from None


def from_dict(data: Any) -> Document:
    """A :class:`Document` from :func:`to_dict` output."""
    if not isinstance(data, dict):
        raise ValidationError("document", f"expected an object, got {type(data).__name__}")
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ValidationError(
            "document",
            f"format_version {version!r} is not supported (this is version {FORMAT_VERSION})",
        )
    if data.get("type", "document") != "document":
        raise ValidationError("document", f"expected type 'document', got {data.get('type')!r}")
    node = node_from_dict({**data, "type": "document"})
    assert isinstance(node, Document)
    return node


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    """The document as JSON text (UTF-8 safe, keys in field order)."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent) + "\n"


def from_json(text: str | bytes) -> Document:
    """Read a document from JSON text."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise ValidationError("document", f"not valid JSON: {err}") from None
    return from_dict(data)
