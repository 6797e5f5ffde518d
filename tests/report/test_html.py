"""The HTML report: self-contained, escaped, and rendered by a real headless Chromium."""

import re
import shutil
import subprocess

import pytest

from newsweave.analysis import analyze_into

HOSTILE_TITLE = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
HOSTILE_TEXT = (
    "Officials in Kyiv said <script>window.pwned=1;document.body.innerHTML='PWNED'</script> the talks "
    "would resume. <a href=\"javascript:alert(1)\">click</a> <img src=x onerror=\"document.title='pwned'\">\n"
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.jsonl").write_text(__import__("json").dumps(
        {"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "url": "javascript:alert(1)"}))
    out = folder / "out"
    analyze_into([folder / "a.jsonl"], out)
    return out / "report.html"


def test_report_is_self_contained(seed_run):
    _, out = seed_run
    html = (out / "report.html").read_text()
    assert not re.search(r"""src=["']?(https?:)?//""", html), "the report must not load anything"
    assert "Content-Security-Policy" in html
    assert "<style>" in html


def test_article_markup_is_escaped_not_rendered(hostile_report):
    html = hostile_report.read_text()
    assert "<script>window.pwned" not in html and "<script>document.title" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html and "onerror=\"document" not in html


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run_chromium(*args, tmp_path):
    if not _chromium():
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root)")
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--enable-logging=stderr", "--v=0", f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_report_renders_in_headless_chromium_without_console_errors(seed_run, tmp_path):
    _, out = seed_run
    shot = out / "report.png"
    run = _run_chromium(f"--screenshot={shot}", "--window-size=1280,1600", (out / "report.html").as_uri(),
                        tmp_path=tmp_path)
    assert shot.exists() and shot.stat().st_size > 10_000, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert not console, console


def test_hostile_article_runs_no_script_in_the_browser(hostile_report, tmp_path):
    run = _run_chromium("--dump-dom", hostile_report.as_uri(), tmp_path=tmp_path)
    dom = run.stdout
    assert "<title>newsweave report" in dom and "pwned" not in re.sub(r"&lt;.*?&gt;|title=\"[^\"]*\"", "", dom.split("<body>")[0])
    assert "PWNED" not in dom.replace("innerHTML='PWNED'", ""), "injected script ran"
    assert "&lt;script&gt;window.pwned" in dom


def test_sources_beyond_the_paged_articles_link_only_to_web_addresses(tmp_path, monkeypatch):
    import json

    from newsweave.report import html as report_html

    monkeypatch.setattr(report_html, "FULL_ARTICLES", 1)
    monkeypatch.setattr(report_html, "PAGED_ARTICLES", 0)
    rows = [{"text": f"Officials in Kyiv met on day {i} to discuss the talks in Geneva.\n", "title": f"Talks {i}",
             "url": url} for i, url in enumerate(["https://example.org/a", "javascript:alert(1)", "https://example.org/c"])]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    analyze_into([tmp_path / "a.jsonl"], tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text()
    links = re.findall(r'href="(https?://[^"]+)"', page)
    # one article is shown in full (linked inside the page); the others link out, if http(s)
    assert links and set(links) <= {"https://example.org/a", "https://example.org/c"}
    assert "javascript:alert" not in page.replace("&#34;", "")


def test_header_dates_span_only_the_narrowly_dated_sources():
    from newsweave.report.html import publication_span

    values = ["2025-03-12/2025-03-13", "2025-03-16", "2019-08-01/2025-11-30", "2024-08", "2019"]
    assert publication_span(values) == ("2024-08-01", "2025-03-16", 2)
    assert publication_span(["2021-06-01/2024-10-31"]) is None
    assert publication_span([]) is None


def test_report_header_names_the_roughly_dated_sources(seed_run):
    html = (seed_run[1] / "report.html").read_text(encoding="utf-8")
    header = html[html.index("<header>"):html.index("</header>")]
    assert "dated only roughly" in header and "2019-08-01/2025-11-30" not in header


def test_quotes_are_grouped_by_the_speakers_entity_and_unresolved_pronouns_are_unattributed():
    from newsweave.report.html import _speakers

    def quote(doc, speaker, start):
        return {"doc": doc, "speaker": speaker, "start": start, "text": "x said", "content_spans": []}

    entities = [{"name": "Vladimir Putin", "type": "person", "aliases": {"Putin": 5, "Vladimir V. Putin": 1}},
                {"name": "Kyiv", "type": "place", "aliases": {"Kyiv": 4, "Kiev": 3}}]
    analysis = {"quotes": [quote("a", "Vladimir V. Putin", 0), quote("b", "Vladimir Putin", 0),
                           quote("a", "Kiev", 10), quote("b", "Kyiv", 10), quote("a", "It", 20),
                           quote("b", "most of which", 20), quote("a", "US", 30)]}
    groups = {g["name"]: g["count"] for g in _speakers(analysis, {"a": "1", "b": "2"}, entities)}
    assert groups == {"Vladimir Putin": 2, "Kyiv": 2, "unattributed": 2, "US": 1}


def test_a_quote_other_sources_also_carry_names_them_and_speakers_group_by_entity_id():
    from newsweave.report.html import _speakers

    def quote(qid, doc, speaker, entity):
        return {"id": qid, "doc": doc, "speaker": speaker, "speaker_entity": entity, "start": 0,
                "text": "x said", "content_spans": []}

    entities = [{"id": "e1", "name": "Maria Lopez", "type": "person", "aliases": {"Lopez": 2}}]
    analysis = {"quotes": [quote("q1", "a", "Maria Lopez", "e1"), quote("q2", "b", "the mayor", "e1"),
                           quote("q3", "c", "Pedro Alvarez", None)],
                "shared_quotes": [{"quotes": [{"id": "q1", "doc": "a"}, {"id": "q2", "doc": "b"}],
                                   "documents": ["a", "b"]}]}
    groups = {g["name"]: g for g in _speakers(analysis, {"a": "1", "b": "2", "c": "3"}, entities)}
    assert groups["Maria Lopez"]["count"] == 2
    also = {q["id"]: q["also"] for q in groups["Maria Lopez"]["quotes"]}
    assert also == {"q1": ["b"], "q2": ["a"]} and groups["Pedro Alvarez"]["quotes"][0]["also"] == []


def test_the_sources_table_says_which_dates_the_story_gave(seed_run):
    import json

    _, out = seed_run
    documents = json.loads((out / "analysis.json").read_text(encoding="utf-8"))["documents"]
    html = (out / "report.html").read_text(encoding="utf-8")
    table = html[html.index('<section id="sources"'):html.index('<section id="summary"')]
    story = [d["published"]["value"] for d in documents if (d["published"] or {}).get("source") == "story"]
    assert story  # the example story dates a source ("Earlier this month, ... crossed")
    for value in story:
        assert f"{value} (from the story)" in table
    assert table.count("(from the story)") == len(story)


def test_less_certain_attributions_are_counted_not_listed():
    from newsweave.report.html import QUOTE_SHOWN, _less_certain_quotes, _speakers

    def quote(doc, speaker, confidence):
        return {"doc": doc, "speaker": speaker, "start": 0, "text": "x said", "content_spans": [],
                "confidence": confidence}

    analysis = {"quotes": [quote("a", "Kyiv", 0.8), quote("a", "Ukraine", QUOTE_SHOWN - 0.05),
                           quote("b", "Ukraine", QUOTE_SHOWN)]}
    groups = {g["name"]: g["count"] for g in _speakers(analysis, {"a": "1", "b": "2"}, [])}
    assert groups == {"Kyiv": 1, "Ukraine": 1}
    assert _less_certain_quotes(analysis, {"a": "1", "b": "2"}) == 1


def test_each_number_of_a_series_is_listed_in_time_order_with_the_words_around_it(seed_run):
    import json

    _, out = seed_run
    analysis = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    html = (out / "report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="quantities"'):]
    section = section[:section.index("</section>")]
    rows = re.findall(r"<tr><td>(.*?)</td>\s*<td>.*?</td><td>(.*?)</td></tr>", section, re.S)
    assert len(rows) >= 3
    texts = {q["text"] for q in analysis["quantities"]}
    for when, words in rows:
        assert re.search(r"<b>([^<]+)</b>", words).group(1) in texts
    dates = [re.sub(r"<[^>]+>", "", when).strip() for when, _ in rows]
    assert dates == sorted(dates)  # ISO dates: text order is time order
