"""The SSML renderer: well-formed SSML 1.1 that speaks exactly the speech plan.

Every output is parsed with lxml and checked against an allow-list written
from the SSML 1.1 Recommendation (elements, their attributes and what each
may contain); its spoken text (``sub`` aliases substituted, ``say-as
characters`` spelled) must be the plan's utterances, mark by mark. espeak-ng
must read it (``-m``) into real audio without complaint.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import a11yrender as ar
from a11yrender.builder import abbr, doc, em, p, span, strong
from a11yrender.errors import OptionError
from a11yrender.model import Document
from a11yrender.renderers import get_renderer
from a11yrender.renderers.ssml import SSML_NAMESPACE, SsmlRenderer, ssml_from_plan
from a11yrender.speech import Utterance, plan_speech
from tests.conftest import EXAMPLE
from tests.corpus import HOSTILE_STRINGS, corpus
from tests.strategies import documents

NS = "{" + SSML_NAMESPACE + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
PROFILES = ("full", "espeak", "minimal")

# --------------------------------------------------------------------------
# The allow-list, from SSML 1.1 (W3C Recommendation, 7 September 2010)
# --------------------------------------------------------------------------

#: Every SSML 1.1 element and the attributes the Recommendation gives it.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "speak": frozenset({"version", XML_LANG, XML_BASE, "onlangfailure"}),
    "lexicon": frozenset({"uri", XML_ID, "type", "fetchtimeout", "maxage", "maxstale"}),
    "lookup": frozenset({"ref"}),
    "meta": frozenset({"name", "http-equiv", "content"}),
    "metadata": frozenset(),
    "p": frozenset({XML_LANG, "onlangfailure"}),
    "s": frozenset({XML_LANG, "onlangfailure"}),
    "token": frozenset({XML_LANG, "onlangfailure", "role"}),
    "w": frozenset({XML_LANG, "onlangfailure", "role"}),
    "say-as": frozenset({"interpret-as", "format", "detail"}),
    "phoneme": frozenset({"ph", "alphabet"}),
    "sub": frozenset({"alias"}),
    "lang": frozenset({XML_LANG, "onlangfailure"}),
    "voice": frozenset({"gender", "age", "variant", "name", "languages", "required",
                        "ordering", "onvoicefailure"}),
    "emphasis": frozenset({"level"}),
    "break": frozenset({"strength", "time"}),
    "prosody": frozenset({"pitch", "contour", "range", "rate", "duration", "volume"}),
    "audio": frozenset({"src", "fetchtimeout", "fetchhint", "maxage", "maxstale", "clipBegin",
                        "clipEnd", "repeatCount", "repeatDur", "soundLevel", "speed"}),
    "mark": frozenset({"name"}),
    "desc": frozenset({XML_LANG}),
}
#: Attributes an element must have.
REQUIRED: dict[str, frozenset[str]] = {
    "speak": frozenset({"version", XML_LANG}),
    "lang": frozenset({XML_LANG}),
    "sub": frozenset({"alias"}),
    "say-as": frozenset({"interpret-as"}),
    "mark": frozenset({"name"}),
}
_INLINE = frozenset({"audio", "break", "emphasis", "lang", "lookup", "mark", "phoneme",
                     "prosody", "say-as", "sub", "token", "voice", "w"})
#: What each element may contain (``None``: text only; empty: nothing at all).
CHILDREN: dict[str, frozenset[str] | None] = {
    "speak": _INLINE | {"p", "s", "lexicon", "meta", "metadata"},
    "p": _INLINE | {"s"},
    "s": _INLINE,
    "emphasis": _INLINE,
    "lang": _INLINE | {"p", "s"},
    "voice": _INLINE | {"p", "s"},
    "prosody": _INLINE | {"p", "s"},
    "token": frozenset({"audio", "break", "emphasis", "mark", "phoneme", "prosody", "say-as",
                        "sub"}),
    "w": frozenset({"audio", "break", "emphasis", "mark", "phoneme", "prosody", "say-as",
                    "sub"}),
    "sub": None, "say-as": None, "phoneme": None,
    "break": frozenset(), "mark": frozenset(),
}
#: The elements each profile may use.
PROFILE_ELEMENTS: dict[str, frozenset[str]] = {
    "full": frozenset(ATTRIBUTES),
    "espeak": frozenset({"speak", "p", "s", "break", "emphasis", "sub", "mark", "prosody",
                         "say-as", "audio", "voice"}),
    "minimal": frozenset({"speak", "p", "s", "break"}),
}
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_TIME = re.compile(r"[0-9]+(?:\.[0-9]+)?m?s")


def parse(ssml: str) -> etree._Element:
    """Parse as XML (bytes: the text declares its encoding)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(ssml.encode("utf-8"), parser)


def local(el: etree._Element) -> str:
    tag = el.tag
    assert isinstance(tag, str) and tag.startswith(NS), f"{tag!r} is not in the SSML namespace"
    return tag[len(NS):]


def check_markup(root: etree._Element, profile: str) -> None:
    """Only SSML 1.1 elements in the SSML namespace, with their own
    attributes and content models, and only the profile's elements."""
    assert local(root) == "speak"
    assert root.get("version") == "1.1"
    assert root.get(XML_LANG)
    marks: list[str] = []
    for el in root.iter():
        assert not isinstance(el, (etree._Comment, etree._ProcessingInstruction)), el
        name = local(el)
        assert name in ATTRIBUTES, f"<{name}> is not an SSML 1.1 element"
        assert name in PROFILE_ELEMENTS[profile], f"<{name}> is not in the {profile} profile"
        attrs = set(el.attrib)
        assert attrs <= ATTRIBUTES[name], f"<{name}> has {attrs - ATTRIBUTES[name]}"
        assert REQUIRED.get(name, frozenset()) <= attrs, f"<{name}> lacks an attribute"
        allowed = CHILDREN.get(name, frozenset(ATTRIBUTES))
        kids = [local(k) for k in el]
        if allowed is None:
            assert not kids, f"<{name}> holds elements {kids}"
        else:
            assert set(kids) <= allowed, f"<{name}> holds {set(kids) - allowed}"
        if name in ("break", "mark"):
            assert not (el.text or "").strip()
        if name == "break":
            assert _TIME.fullmatch(el.get("time", "")), el.get("time")
        if name == "mark":
            assert _NCNAME.fullmatch(el.get("name", "")), el.get("name")
            marks.append(el.get("name", ""))
        if name == "emphasis":
            assert el.get("level", "moderate") in ("strong", "moderate", "none", "reduced")
        if name == "s":
            assert not any(local(a) == "s" for a in el.iterancestors())
    assert len(marks) == len(set(marks)), "mark names repeat"


def _said(el: etree._Element) -> str:
    """What ``el`` says: sub aliases substituted, say-as characters spelled."""
    name = local(el)
    if name == "sub":
        return el.get("alias", "")
    if name == "say-as":
        assert el.get("interpret-as") == "characters"
        return " ".join(el.text or "")
    return (el.text or "") + "".join(_said(k) + (k.tail or "") for k in el)


_CONTAINERS = frozenset({"speak", "p", "s", "lang", "emphasis", "prosody", "voice"})


def segments(root: etree._Element, by_mark: bool) -> list[str]:
    """The spoken text per mark (``by_mark``) or per sentence, in order."""
    out: list[str] = []

    def add(text: str | None, in_s: bool) -> None:
        if in_s and text:
            assert out, f"text before the first mark: {text!r}"
            out[-1] += text
        else:
            assert not (text or "").strip(), f"text outside a sentence: {text!r}"

    def walk(el: etree._Element, in_s: bool) -> None:
        if local(el) == "s":
            if not by_mark:
                out.append(_said(el))
                return
            in_s = True
        add(el.text, in_s)
        for k in el:
            name = local(k)
            if name == "mark":
                out.append("")
            elif name in _CONTAINERS:
                walk(k, in_s)
            else:
                add(_said(k), in_s)
            add(k.tail, in_s)

    walk(root, False)
    return [s.strip() for s in out]


def check(d: Document, profile: str = "full", **options: object) -> str:
    """Render, check markup and that it speaks the plan; return the SSML."""
    plan_options = {k: v for k, v in options.items() if k in ("verbosity", "skip", "language")}
    plan = plan_speech(d, **plan_options)  # type: ignore[arg-type]
    ssml = ar.render(d, "ssml", profile=profile, **options)
    root = parse(ssml)
    check_markup(root, profile)
    if profile == "minimal":
        assert segments(root, by_mark=False) == [u.text for u in plan]
    else:
        assert segments(root, by_mark=True) == [u.text for u in plan]
        marks = [m.get("name") for m in root.iter(f"{NS}mark")]
        assert marks == [f"u{u.index}" for u in plan]
        if profile == "espeak":  # a sentence per utterance
            assert segments(root, by_mark=False) == [u.text for u in plan]
    breaks = [int(b.get("time", "")[:-2]) for b in root.iter(f"{NS}break")]
    assert breaks == [u.pause_ms for u in plan if u.pause_ms > 0]
    return ssml


# --------------------------------------------------------------------------
# The example, the corpus and random documents
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Document:
    return ar.read(EXAMPLE)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("verbosity", ["none", "brief", "full"])
def test_example(example: Document, profile: str, verbosity: str) -> None:
    check(example, profile, verbosity=verbosity)


def test_example_says_north_korea_and_the_years(example: Document) -> None:
    ssml = ar.render(example, "ssml")
    assert '<sub alias="North Korea">N. Korea</sub>' in ssml
    assert '<sub alias="nineteen ten">1910</sub>' in ssml
    assert '<sub alias="nineteen forty-five">1945</sub>' in ssml
    assert ssml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<speak version="1.1" '
                           f'xmlns="{SSML_NAMESPACE}" xml:lang="en">')


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", sorted(corpus()))
def test_corpus(name: str, profile: str) -> None:
    check(corpus()[name], profile, verbosity="full")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(PROFILES), st.sampled_from(["none", "brief", "full"]))
def test_random_documents(d: Document, profile: str, verbosity: str) -> None:
    check(d, profile, verbosity=verbosity)


def test_hostile_strings_stay_text() -> None:
    d = corpus()["hostile-strings"]
    for profile in PROFILES:
        ssml = check(d, profile, verbosity="full")
        root = parse(ssml)
        assert {local(el) for el in root.iter()} <= PROFILE_ELEMENTS[profile]
        assert "<script" not in ssml and "<img" not in ssml and "<!--" not in ssml
        assert "]]>" not in ssml
    spoken = " ".join(segments(parse(ar.render(d, "ssml")), by_mark=True))
    for s in HOSTILE_STRINGS:
        if s.strip() and s not in ("&amp;", "javascript:alert(1)"):
            # Said as written or in words, never lost: its letters are all there.
            letters = re.sub(r"[^a-z]", "", s.lower())
            assert letters[:6] in re.sub(r"[^a-z]", "", spoken.lower())


# --------------------------------------------------------------------------
# The markup
# --------------------------------------------------------------------------


def _mixed() -> Document:
    return doc("Hi", p("We ", em("really ", strong("must"), " go"), " to the UK now. Il a dit ",
                       span("fr", "bonjour tout le monde"), " hier. ", strong("Stop"), "."),
               p("Visit the ", abbr("BBC", "British Broadcasting Corporation"), " in 1910."),
               p(span("de", "Guten Tag.")))


def test_full_markup() -> None:
    ssml = check(_mixed(), "full")
    assert ('We <emphasis>really <emphasis level="strong">must</emphasis> go</emphasis> to the '
            '<say-as interpret-as="characters">UK</say-as> now.') in ssml
    assert ('Il a dit <lang xml:lang="fr"><mark name="u3"/>bonjour tout le monde</lang> '
            '<mark name="u4"/>hier.') in ssml
    assert '<emphasis level="strong">Stop.</emphasis>' in ssml
    assert ('<sub alias="British Broadcasting Corporation">BBC</sub> in '
            '<sub alias="nineteen ten">1910</sub>.') in ssml
    # A paragraph wholly in another language says so on the paragraph.
    assert '<p xml:lang="de"><s><mark name="u7"/>Guten Tag.</s></p>' in ssml


def test_espeak_profile() -> None:
    ssml = check(_mixed(), "espeak")
    assert "<lang" not in ssml and "<say-as" not in ssml
    assert '<sub alias="U K">UK</sub>' in ssml
    assert ('<s><mark name="u2"/>Il a dit</s><s xml:lang="fr"><voice name="fr"><mark name="u3"/>'
            'bonjour tout le monde</voice></s><s><voice name="en"><mark name="u4"/>hier.</voice>'
            '</s>') in ssml
    # Before the first change of language espeak-ng's own voice stands.
    assert "<voice" not in ssml.split('<mark name="u2"/>')[0]
    assert "<emphasis>really" in ssml


def test_minimal_profile() -> None:
    ssml = check(_mixed(), "minimal")
    assert "<s>We really must go to the U K now.</s>" in ssml
    assert "Visit the British Broadcasting Corporation in nineteen ten." in ssml
    assert '<s xml:lang="fr">bonjour tout le monde</s>' in ssml


def test_plan_options_pass_through(example: Document) -> None:
    quiet = ar.render(example, "ssml", verbosity="none")
    assert "Heading level" not in quiet
    assert "Heading level one" in ar.render(example, "ssml", verbosity="full")
    french = check(example, "full", language="fr")
    assert 'xml:lang="fr"' in french.splitlines()[1]
    skipped = ar.render(corpus()["photo-essay"], "ssml", skip=["figure"])
    assert "Image" not in skipped


def test_options() -> None:
    d = _mixed()
    assert "<mark" not in ar.render(d, "ssml", marks=False)
    assert not ar.render(d, "ssml", declaration=False).startswith("<?xml")
    with pytest.raises(OptionError, match="profile"):
        ar.render(d, "ssml", profile="polly")
    with pytest.raises(OptionError, match="marks"):
        ar.render(d, "ssml", marks="yes")
    with pytest.raises(OptionError, match="no option 'voice'"):
        ar.render(d, "ssml", voice="x")
    with pytest.raises(OptionError, match="verbosity"):
        ar.render(d, "ssml", verbosity="loud")


def test_registered() -> None:
    r = get_renderer("ssml")
    assert isinstance(r, SsmlRenderer)
    assert (r.name, r.media_type, r.suffix) == ("ssml", "application/ssml+xml", ".ssml")


def test_from_plan_without_inlines(example: Document) -> None:
    plan: tuple[Utterance, ...] = plan_speech(example)
    ssml = ssml_from_plan(plan, "en", profile="espeak")
    root = parse(ssml)
    check_markup(root, "espeak")
    assert segments(root, by_mark=True) == [u.text for u in plan]


def test_escaping_dodges_espeak_entity_bug() -> None:
    ssml = ar.render(doc("T", "A ]]> B & C < D"), "ssml", profile="minimal")
    assert "A ]&#93;&gt; B and C &lt; D" in ssml


# --------------------------------------------------------------------------
# espeak-ng reads it
# --------------------------------------------------------------------------

ESPEAK = shutil.which("espeak-ng")


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
@pytest.mark.parametrize("profile", ["espeak", "full"])
@pytest.mark.parametrize("name", ["example", "hostile-strings", "multilingual-signs",
                                  "kitchen-sink", "abbreviations-links"])
def test_espeak_reads_it(name: str, profile: str, tmp_path: Path) -> None:
    d = ar.read(EXAMPLE) if name == "example" else corpus()[name]
    ssml = ar.render(d, "ssml", profile=profile, verbosity="full")
    source = tmp_path / "in.ssml"
    source.write_text(ssml, encoding="utf-8")
    out = tmp_path / "out.wav"
    assert ESPEAK is not None
    done = subprocess.run([ESPEAK, "-m", "-w", str(out), "-f", str(source)],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"" and done.stdout == b""
    with wave.open(str(out)) as w:
        seconds = w.getnframes() / w.getframerate()
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
    words = sum(len(u.text.split()) for u in plan_speech(d, verbosity="full"))
    # espeak-ng speaks about 175 words a minute (0.34 s a word); a file much
    # shorter than the words imply has lost some of them.
    assert seconds > 0.15 * words, (seconds, words)


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
@pytest.mark.parametrize("other", ["fr", "he", "de"])
def test_espeak_switches_back_after_another_language(other: str, tmp_path: Path) -> None:
    # espeak-ng 1.51 keeps the other language's voice after </s xml:lang>;
    # the profile's <voice name> brings English back.
    words = {"fr": "bonjour tout le monde", "he": "שלום", "de": "guten Tag"}[other]
    d = doc("Hi", p("She said ", span(other, words), ". Hello again."))
    source = tmp_path / "in.ssml"
    source.write_text(ar.render(d, "ssml", profile="espeak"), encoding="utf-8")
    assert ESPEAK is not None
    said = subprocess.run([ESPEAK, "-m", "-x", "-q", "-f", str(source)], capture_output=True,
                          text=True, timeout=60, check=True).stdout.split()
    alone = subprocess.run([ESPEAK, "-v", "en", "-x", "-q", "Hello again."], capture_output=True,
                           text=True, timeout=60, check=True).stdout.split()
    assert said[-len(alone):] == alone, (said, alone)
