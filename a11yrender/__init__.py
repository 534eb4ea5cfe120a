"""a11yrender: render news articles for people who listen to them or use
assistive technology.

One document model (:class:`Document`) is read from text, JSON or HTML and
rendered as semantic HTML, plain text in reading order, and more::

    import a11yrender as ar
    doc = ar.read("article.txt")
    html = ar.render(doc, "html")
    text = ar.render(doc, "text", width=72)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .a11y.audit import Finding, audit
from .a11y.screenreader import ScreenReader
from .errors import (
    A11yRenderError,
    EngineUnavailableError,
    InputTooLargeError,
    NoAudioDeviceError,
    NotAnArticleError,
    OptionError,
    ReadError,
    RenderError,
    RenderWarning,
    SpeechEngineError,
    UnknownFormatError,
    ValidationError,
)
from .model import (
    Abbreviation,
    Aside,
    Block,
    BlockQuote,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    List,
    ListItem,
    Media,
    Metadata,
    Paragraph,
    Quote,
    Region,
    Separator,
    Span,
    Strong,
    Table,
    TableCell,
    TableRow,
    Text,
    Time,
)
from .readers import READERS, read
from .readers.html import is_article, read_html
from .readers.json import read_json
from .readers.text import read_text
from .reading import Unit, reading_units
from .renderers import RENDERERS, render
from .speech import Utterance, plan_speech
from .speech.export import save_audio
from .speech.player import Player, speak

try:
    __version__ = version("a11yrender")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "READERS",
    "RENDERERS",
    "A11yRenderError",
    "Abbreviation",
    "Aside",
    "Block",
    "BlockQuote",
    "Code",
    "CodeBlock",
    "Document",
    "Emphasis",
    "EngineUnavailableError",
    "Figure",
    "Finding",
    "Heading",
    "Image",
    "Inline",
    "InputTooLargeError",
    "LineBreak",
    "Link",
    "List",
    "ListItem",
    "Media",
    "Metadata",
    "NoAudioDeviceError",
    "NotAnArticleError",
    "OptionError",
    "Paragraph",
    "Player",
    "Quote",
    "ReadError",
    "Region",
    "RenderError",
    "RenderWarning",
    "ScreenReader",
    "Separator",
    "Span",
    "SpeechEngineError",
    "Strong",
    "Table",
    "TableCell",
    "TableRow",
    "Text",
    "Time",
    "Unit",
    "UnknownFormatError",
    "Utterance",
    "ValidationError",
    "__version__",
    "audit",
    "is_article",
    "plan_speech",
    "read",
    "read_html",
    "read_json",
    "read_text",
    "reading_units",
    "render",
    "save_audio",
    "speak",
]
