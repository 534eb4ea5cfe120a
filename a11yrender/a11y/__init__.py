"""Accessibility of HTML pages and documents: the accessibility tree.

``build_tree(html_or_document)`` gives the tree a screen reader walks (roles,
names, states, levels, positions), computed in Python per HTML-AAM, WAI-ARIA
1.2 and accname 1.2; see ``docs/a11y-tree.md``. ``audit(html_or_document)``
lists accessibility problems, each tied to a WCAG 2.2 success criterion; see
``docs/audit.md``.
"""

from __future__ import annotations

from .audit import RULES, Finding, audit
from .tree import LANDMARK_ROLES, AXNode, build_tree, css_path, format_tree

__all__ = ["LANDMARK_ROLES", "AXNode", "build_tree", "css_path", "format_tree"]
__all__ += ["RULES", "Finding", "audit"]
