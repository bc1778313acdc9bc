"""Hostile and malformed inputs, generated: the fuzz set of issue #12 (item 7) and its helpers.

Every case is a file an attacker or an unlucky user could hand the loader, with
what must happen to it: ``problem`` (a substring of the problem that names it; the
file is skipped or loaded with a caveat) or ``loads`` (it must load, its hostile
content kept as plain text). Each is paired with a good file that must still load.
Nothing here is random: the same cases, byte for byte, on every run.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from dataclasses import dataclass

import pandas as pd

from tests.pdf_fixture import make_pdf

LIMIT = 1_000_000  # the fuzz run's --max-mb 1, so the big cases stay quick


@dataclass(frozen=True)
class Case:
    name: str  # file name in the corpus
    data: bytes
    problem: str = ""  # a substring of the problem message that must name this file
    loads: str = ""  # or: a substring that must be in a loaded document's text or metadata


def compressed_pdf(page_text: str, n_pages: int, title: str = "") -> bytes:
    """A PDF whose page contents are Flate-compressed: small on disk, large once extracted."""
    return make_pdf([[page_text] * 400] * n_pages, title, compress=True)


def _pdf_page_text(text: str) -> bytes:
    return make_pdf([[text]], "Fine")


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf([["Secret NATO plans."]], "Secret"))).pages:
        writer.add_page(page)
    writer.encrypt("password", algorithm="RC4-40")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _deep_pdf() -> bytes:
    """A PDF whose page dictionary nests arrays 5,000 deep: parsers that recurse fall over."""
    pdf = make_pdf([["Deep."]], "Deep")
    return pdf.replace(b"/MediaBox [0 0 612 792]", b"/MediaBox " + b"[" * 5000 + b"0" + b"]" * 5000)


def _parquet(frame: pd.DataFrame, **kwargs) -> bytes:
    out = io.BytesIO()
    frame.to_parquet(out, **kwargs)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * 20_000_000)
    return out.getvalue()


WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
HOSTILE_NAME = (
    "![px](http://evil.example/px.png) [click](http://evil.example) <img src=x onerror=alert(1)> "
    ":material/home: $x^2$ **b** `c`"
)


def document_cases() -> list[Case]:
    """Files that reach the document and table readers; each must be named or loaded as plain text."""
    words = " ".join(WORDS[i % len(WORDS)] for i in range(150_000))  # ~0.9 MB, no sentence end
    text = "Le président turc a déclaré: « coopération » — Ankara et l'OTAN."
    pdf = make_pdf([["Russia invaded Ukraine in 2022."], ["NATO responded in 2023."]], "Report")
    return [
        Case("empty.txt", b"", problem="is empty"),
        Case("whitespace.txt", b" \n\t\r\n  ", problem="is empty"),
        Case("formfeeds.txt", b"\f\f\n\f", problem="is empty"),
        Case("nul-bytes.txt", b"Iran\x00" * 50 + bytes(range(256)), problem="binary"),
        Case("controls.txt", bytes(range(1, 9)) * 200, problem="binary"),
        Case("png-named.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, problem="binary"),
        Case("zip-named.txt", _zip_bomb(), problem="binary"),
        Case("gzip-named.csv", gzip.compress(b"text\nIran\n" * 1000), problem="binary"),
        Case("zip-bomb.zip", _zip_bomb(), problem="unsupported file type '.zip'"),
        Case("program.exe", b"MZ\x90\x00" * 100, problem="unsupported file type '.exe'"),
        Case("report.docx", b"PK\x03\x04" + b"\x00" * 100, problem="unsupported file type '.docx'"),
        Case("LICENSE", b"Permission is hereby granted.", problem="reads as a note about the corpus"),
        Case("oversize.txt", b"Iran and Turkey. " * (LIMIT // 17 + 100), problem="over the 1 MB limit"),
        Case("huge-line.txt", words.encode(), loads="consectetur adipiscing"),
        Case("long-token.txt", b"x" * 900_000, loads="xxxxxxxx"),
        Case(
            "mixed-encoding.txt",
            "Ankara says: « oui ».\n".encode() + "Café in Brüssel.".encode("cp1252"),
            problem="decoded as",
        ),  # fmt: skip
        Case("broken-bom-utf16.txt", b"\xff\xfe" + "Iran".encode("utf-16-le") + b"\x00", problem="not valid UTF-16"),
        Case("bom-then-garbage.txt", b"\xef\xbb\xbfIran \xff\xfe\xfd and Turkey.", problem="decoded as"),
        Case("utf16le-nobom.txt", text.encode("utf-16-le"), problem="utf-16-le without a byte-order mark"),
        Case("utf16be-nobom.txt", (text + " Bis.").encode("utf-16-be"), problem="utf-16-be without a byte-order mark"),
        Case("utf32.txt", "Iran and Turkey.".encode("utf-32-le"), problem="binary"),
        Case("crlf-old-mac.txt", b"Iran met Turkey.\rNATO met Israel.\r", loads="NATO met Israel"),
        Case("rtl-override.txt", "Iran \u202eecnaillA\u202c and NATO.".encode(), loads="\u202eecnaillA"),
        Case("zero-width.txt", "Ira\u200bn and Tur\u200dkey and NATO.".encode(), loads="Tur\u200dkey"),
        Case("emoji.txt", "Iran 🇮🇷 and Israel 🇮🇱 and NATO 🛡️.".encode(), loads="🛡️"),
        Case("yaml-bomb-in-text.txt", b'a: &a ["lol","lol"]\nb: &b [*a,*a]\n', loads="&a"),
        Case("hostile-title.md", f"# {HOSTILE_NAME}\n\nIran and Turkey met.".encode(), loads="onerror=alert(1)"),
        Case(
            "formula-text.txt",
            b'=HYPERLINK("http://evil.example","click") and +cmd|calc and @SUM(A1)',
            loads="=HYPERLINK(",
        ),  # fmt: skip
        Case("fake.pdf", b"This is not a PDF at all, only text.", problem="not a readable PDF"),
        Case("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", problem="PDF"),
        Case("truncated.pdf", pdf[: len(pdf) // 3], problem="PDF"),
        Case("no-text-layer.pdf", make_pdf([[""]], "Scan"), problem="without a text layer"),
        Case("encrypted.pdf", _encrypted_pdf(), problem="encrypted PDF"),
        Case(
            "flate-bomb.pdf", compressed_pdf("Iran and Turkey met in Ankara. " * 3, 120), problem="million characters"
        ),
        Case("deep.pdf", _deep_pdf(), problem="PDF"),
        Case(
            "script-only.html",
            b"<html><body><script>alert(1)</script><style>p{}</style></body></html>",
            problem="no text after extraction",
        ),  # fmt: skip
        Case("unclosed.html", b"<html><body><p>Iran <b>and <i>Turkey <div>met in Ankara", loads="Turkey met in Ankara"),
        Case("deep-nesting.html", b"<div>" * 20_000 + b"Deep inside NATO." + b"</div>" * 20_000, loads="Deep inside"),
        Case("many-elements.html", b"<p>Lorem ipsum dolor.</p>" * 30_000, loads="Lorem ipsum dolor."),
        Case(
            "hostile-meta.html",
            f"<html><head><title>{HOSTILE_NAME}</title><meta property='og:site_name' content='{HOSTILE_NAME}'>"
            "</head><body><p>Hamas attacked Israel.</p><img src=http://evil.example/x.png></body></html>".encode(),
            loads="Hamas attacked Israel.",
        ),  # fmt: skip
        Case("charset-lie.html", b"<meta charset='utf-16'><p>Caf\xc3\xa9 in Ankara.</p>", loads="Café in Ankara"),
        Case("entities.html", b"<p>" + b"&lt;&amp;&#x41;&#65;" * 20_000 + b"</p>", loads="<&AA"),
        Case("no-text-column.csv", b"title,comment\nA,B\n", problem="no 'text' column"),
        Case("semicolons.csv", b"text;source\nIran;Wire\n", problem="no 'text' column"),
        Case("header-only.csv", b"text,source\n", problem="has no rows"),
        Case(
            "bad-row.csv",
            b'text,source\n"Iran threatens shipping.",Wire\n"Turkey, again",Paper,extra\n',
            problem="3 fields where the header has 2",
        ),  # fmt: skip
        Case("unterminated.csv", b'text,source\n"Iran threatens,Wire\nTurkey,Paper\n', problem="cannot be read as CSV"),
        Case("empty-text.csv", b"text,source\n,Wire\n  ,Paper\n", problem="empty 'text' cell"),
        Case(
            "formula-cells.csv",
            b'text,source\n"=HYPERLINK(""http://evil.example"",""x"")",@evil\n',
            loads="=HYPERLINK(",
        ),
        Case("huge-field.csv", b"text\n" + b'"' + words[:800_000].encode() + b'"\n', loads="lorem ipsum"),
        Case(
            "many-columns.csv",
            (",".join(f"c{i}" for i in range(5000)) + ",text\n" + "," * 5000 + "NATO wide.\n").encode(),
            loads="NATO wide.",
        ),  # fmt: skip
        Case("nul.csv", b"text\nIran\x00\x00\x00\x00\n" * 20, problem="binary"),
        Case(
            "broken-line.jsonl",
            b'{"text": "Iran and Turkey."}\n{"text": "cut\n{"text": "NATO and Israel."}\n',
            problem="broken-line.jsonl line 2: is not valid JSON",
        ),  # fmt: skip
        Case("deep.jsonl", b"[" * 100_000 + b"\n" + b'{"text": "Deep NATO."}\n', problem="nested too deeply"),
        Case("not-objects.jsonl", b'[1, 2]\n3\n"text"\n', problem="not an object"),
        Case("text-null.jsonl", b'{"text": null}\n', problem="empty 'text' cell"),
        Case("text-number.jsonl", b'{"text": 12345, "source": {"nested": [1, 2]}}\n', loads="12345"),
        Case("huge-line.jsonl", json.dumps({"text": words[6:800_006]}).encode(), loads="dolor sit"),
        Case("corrupt.parquet", b"PAR1 this is not parquet PAR1", problem="not a readable parquet table"),
        Case(
            "bomb.parquet",
            _parquet(pd.DataFrame({"text": ["Iran " * 100_000] * 100}), compression="zstd"),
            problem="million characters",
        ),  # fmt: skip
        Case("no-text.parquet", _parquet(pd.DataFrame({"remark": ["Iran"]})), problem="no 'text' column"),
        Case(
            "nested.parquet", _parquet(pd.DataFrame({"text": ["NATO nested."], "tags": [[1, 2]]})), loads="NATO nested"
        ),
        Case("many-rows.parquet", _parquet(pd.DataFrame({"text": [""] * 2_000_001})), problem="row limit"),
        Case("dates.csv", b"text,published\nIran in Gaza.,9999-99-99\n", problem="9999-99-99"),
        Case(
            "zz-duplicate.txt", "Iran 🇮🇷 and Israel 🇮🇱 and NATO 🛡️.".encode(), problem="has the same text as emoji.txt"
        ),
    ]


def config_cases() -> list[Case]:
    """Configuration files a corpus folder may carry: each named with its line, the default used."""
    laughs = b"a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ndocuments: *c\n"
    return [
        Case("manifest.yaml", laughs, problem="line 1: defines an anchor"),
        Case("manifest.yaml", b"documents:\n" + b"  - " * 1 + b"[" * 100 + b"x" + b"]" * 100 + b"\n", problem="nested"),
        Case("manifest.yaml", b"documents: !!python/object/apply:os.system [id]\n", problem="uses the tag"),
        Case("manifest.yaml", b"documents:\n  - doc_id: \xff\xfe\n", problem="not UTF-8"),
        Case("manifest.yaml", b"documents:\n" + b"  - doc_id: x\n" * 200_000, problem="capped"),
        Case(
            "manifest.yaml",
            b"documents:\n  - doc_id: x\n    pubished: 2024\n",
            problem="line 3: documents[0] has an unknown key",
        ),
        Case("manifest.yaml", b"documents:\n  - title: no id\n", problem="needs one of 'doc_id' or 'file'"),
        Case(
            "actors.yaml",
            b"actors:\n  - type: state\n    aliases: [Ankara]\n",
            problem="line 2: actors[0] has no 'name'",
        ),
        Case("actors.yaml", b"actors:\n  - name: Iran\n    aliases: *x\n", problem="alias"),
        Case("actors.yaml", b'actors:\n  - name: Iran\n    aliases: [""]\n', problem="must be non-empty text"),
        Case("themes.yaml", b"themes:\n  iran: [Iran]\n", problem="must be a list"),
        Case("themes.yaml", b"themes:\n  - id: iran\n    min_hits: lots\n", problem="must be a whole number"),
        Case("themes.yaml", b"themes:\n  - id: a\n    id: b\n", problem="repeats the key 'id'"),
        Case("stance_cues.yaml", b"version: 2\nframing:\n  regime: strong\n", problem="must be a number"),
        Case("stance_cues.yaml", b"version: two\n", problem="must be a whole number"),
        Case(
            "propositions.yaml",
            b'propositions:\n  - id: p\n    cues: [""]\nsupport: [a]\noppose: [b]\n',
            problem="must be non-empty text",
        ),  # fmt: skip
        Case("propositions.yaml", b"propositions: []\noppose: [b]\n", problem="has no 'support'"),
        Case("themes.yaml", b"themes: [unclosed\n", problem="is not valid YAML"),
        Case("actors.yaml", b"", problem="is empty"),
        Case("stance_cues.yaml", b"\x00\x01binary", problem="NUL"),
    ]


def good_file(i: int) -> tuple[str, bytes]:
    """The good file beside case ``i``: a distinct text that names actors, so it is analysed fully."""
    return f"good_{i:02d}.txt", f"Good file {i:02d} about Turkey and NATO. Iran backs Hezbollah in {2000 + i}.".encode()


# --- a corpus with hostile names in every field, for the escaping tests (issue #12, item 2) --------

EVIL = "evil.example"  # every payload points here; nothing may reach it or be drawn from it
PAYLOADS = {
    "image": f"![px](http://{EVIL}/img.png)",
    "link": f"[click](http://{EVIL}/link)",
    "html": f"<img src=http://{EVIL}/raw.png>",
    "anchor": f'<a href="http://{EVIL}/a">a</a>',
    "icon": ":material/home: :smile:",
    "math": "$x^2$",
    "emphasis": "**bold** _em_ `code`",
    "autolink": f"http://{EVIL}/auto www.{EVIL} WWW.{EVIL}/x mail@{EVIL}",
}


def hostile(field: str, *kinds: str) -> str:
    """A name for ``field`` made of the payloads ``kinds`` (all of them by default)."""
    chosen = kinds or tuple(PAYLOADS)
    return f"{field} " + " ".join(PAYLOADS[k] for k in chosen)


HOSTILE_SOURCES = (hostile("SrcA", "image", "icon", "math", "autolink"), hostile("SrcB", "link", "html", "emphasis"))
HOSTILE_ACTOR = hostile("Actor", "anchor", "image")
HOSTILE_THEME = hostile("Theme", "html", "icon", "link")
HOSTILE_SECTION = hostile("Section", "emphasis", "anchor", "autolink")
HOSTILE_TITLE = hostile("Title", "image", "link", "math")
# An event's label is the clause around its date, cut at ( ) ; : dashes and ", ": these payloads
# use none of them, so they reach the label whole (a protocol-relative image, emphasis, math, a bare domain).
HOSTILE_EVENT = f"Mediterranean Dialogue <img src=//{EVIL}/ev.png> **bold** $x^2$ www.{EVIL}"
HOSTILE_ALIAS = f"Evil ![a](http://{EVIL}/alias.png) Corp"
HOSTILE_NOTE = hostile("Note", "image", "html")


def hostile_corpus(folder) -> None:
    """Two sources telling one event at dates that disagree (1994, 1995), a hostile actor and alias,
    theme, section heading, title, kind, date note and source, and enough passages for topics:
    every field the pages show."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    body = [
        f"NATO launched the {HOSTILE_EVENT} with Israel in {{year}}.",
        f"{HOSTILE_ALIAS} condemned Iran, and Turkey blocked the exercises in Ankara.",
        "Iran backs Hezbollah and the Houthis; Israel sees a threat to shipping.",
        "Russia invaded Ukraine in 2022, and NATO strengthened the eastern flank.",
        f"{HOSTILE_ALIAS} is a reliable partner of NATO and a valued ally of Israel.",
        "Hamas attacked Israel in 2023, and the war in Gaza followed.",
        "Turkey and Greece disagree over the Aegean; Ankara threatens Athens.",
    ]
    for n, year in enumerate((1994, 1995)):
        paragraphs = [p.replace("{year}", str(year)) for p in body]
        text = f"{HOSTILE_TITLE}\n\n" + f"## {HOSTILE_SECTION}\n\n" + "\n\n".join(paragraphs * 2)
        (folder / f"doc{n}.md").write_text(text, encoding="utf-8")
    docs = "\n".join(
        f"  - doc_id: doc{n}\n    source: {json.dumps(source)}\n    title: {json.dumps(HOSTILE_TITLE)}\n"
        f'    published: "{2020 + n}"\n    kind: {json.dumps(hostile("Kind", "link"))}\n'
        f"    date_note: {json.dumps(HOSTILE_NOTE)}"
        for n, source in enumerate(HOSTILE_SOURCES)
    )
    (folder / "manifest.yaml").write_text(f"documents:\n{docs}\n", encoding="utf-8")
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    actors = (seeds / "actors.yaml").read_text(encoding="utf-8")
    actors += (
        f"  - name: {json.dumps(HOSTILE_ACTOR)}\n    type: organisation\n    aliases: [{json.dumps(HOSTILE_ALIAS)}]\n"
    )
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    themes = (seeds / "themes.yaml").read_text(encoding="utf-8")
    themes += f"  - id: evil\n    label: {json.dumps(HOSTILE_THEME)}\n    cues: [Ankara, Aegean]\n"
    (folder / "themes.yaml").write_text(themes, encoding="utf-8")
