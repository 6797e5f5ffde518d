"""The story report on the seeds: sources, summary, claims, positions, map, charts; in headless Chromium."""

import json
import re
import shutil
import subprocess

import pytest

import newsweave.pipeline as pipeline
from newsweave.analysis import analyze_into
from newsweave.model import Document
from newsweave.report import html as report_html
from newsweave.store.sqlite import Store

STORY_STAGES = ("newsweave.extract.claims", "newsweave.extract.genre")


@pytest.fixture(scope="module")
def story_run(tmp_path_factory, seed_paths):
    """The seeds analysed with the statements and genre stages (until the default pipeline lists them)."""
    mp = pytest.MonkeyPatch()
    modules = pipeline.DEFAULT_STAGE_MODULES
    mp.setattr(pipeline, "DEFAULT_STAGE_MODULES", modules + tuple(m for m in STORY_STAGES if m not in modules))
    out = tmp_path_factory.mktemp("story")
    analyze_into([str(p) for p in seed_paths], out)
    mp.undo()
    return out


def test_story_report_shows_sources_genres_contradiction_and_recommendations(story_run):
    html = (story_run / "report.html").read_text()
    assert html.count('<tr id="src-') == 5
    assert len(re.findall(r'<span class="tag (?:opinion|report|analysis)"', html)) >= 5
    assert 'id="summary"' in html and 'class="cite"' in html
    contradictions = html.split("<h3>Contradictions</h3>")[1].split("<h3>")[0]
    assert "encircle" in contradictions.lower() and "disputes" in contradictions
    assert 'id="positions"' in html and "who should act" in html
    assert "<svg class=\"map\"" in html and "<svg class=\"chart\"" in html


def test_story_report_cites_real_spans(story_run):
    with Store(story_run / "newsweave.db") as store:
        context = report_html.build_context(store)
        texts = {d["id"]: d["text"] for d in store.documents()}
    for s in context["summary"]:
        assert texts[s["doc"]][s["start"]:s["end"]] == s["text"]
    for claim in context["claims"]:
        for m in claim["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
    quotes = [q for sp in context["speakers"] for q in sp["quotes"]]
    assert quotes
    for q in quotes:  # what was said is set apart from who said it, in the article's own words
        said = [part for part, is_content in q["parts"] if is_content]
        assert said
        if len(q["text"]) <= 300:  # longer ones show only their content, cut
            assert "".join(part for part, _ in q["parts"]) == q["text"]
            assert all(part in texts[q["doc"]] for part in said)


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_story_report_renders_without_console_errors(story_run, tmp_path):
    if not _chromium():
        pytest.skip("Debian's chromium is not installed")
    shot = story_run / "story-report.png"
    run = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", "--window-size=1280,3000", (story_run / "report.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000, run.stderr[-2000:]
    assert not [line for line in run.stderr.splitlines() if "CONSOLE" in line]


def test_large_corpus_pages_the_articles_and_escapes_titles(tmp_path, monkeypatch):
    monkeypatch.setattr(report_html, "FULL_ARTICLES", 5)
    monkeypatch.setattr(report_html, "PAGE_SIZE", 20)
    with Store(tmp_path / "n.db") as store:
        for i in range(60):
            store.add_document(Document(
                id=f"d{i:03d}", source=f"s{i}.txt", title=f'<img src=x onerror="alert({i})"> Story {i}',
                text=f"Article {i}: officials met in Geneva. <script>alert({i})</script>\n"))
        path = report_html.write_report(store, tmp_path / "report.html")
    html = path.read_text()
    pages = sorted((tmp_path / "report_articles").glob("page-*.html"))
    assert len(pages) == 3 and html.count('<article class="doc"') == 5
    assert "report_articles/page-1.html" in html
    for text in [html] + [p.read_text() for p in pages]:
        assert "<script>alert" not in text and '<img src=x' not in text and "&lt;script&gt;" in text
    assert json.dumps(html)  # a plain string
