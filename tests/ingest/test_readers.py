import json

from newsweave.config import Options
from newsweave.ingest.readers import expand, read_inputs
from newsweave.model import Document, Failure

ARTICLE = "Officials in Kyiv said on Tuesday that the talks would resume.\n\nThe ministry declined to comment.\n"


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Failure)]


def test_same_text_gets_the_same_content_hash_id(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    docs, _ = _split(read_inputs([tmp_path]))
    assert len(docs) == 2 and docs[0].id == docs[1].id


def test_sidecar_metadata_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"title": "Talks resume", "outlet": "Example Times", "published": "2024-08-06", "authors": "A. B, C. D"}))
    [doc], failures = _split(read_inputs([tmp_path]))
    assert not failures
    assert (doc.title, doc.outlet, doc.published.value, doc.authors) == (
        "Talks resume", "Example Times", "2024-08-06", ("A. B", "C. D"))
    assert doc.published.inferred is False


def test_folders_are_read_recursively_and_globs_expand(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(ARTICLE)
    (tmp_path / "y.md").write_text(ARTICLE + "More.")
    assert len(list(expand([tmp_path]))) == 2
    assert [p.endswith("y.md") for p in expand([str(tmp_path / "*.md")])] == [True]


def test_html_main_text_title_and_date_are_extracted(tmp_path):
    body = "".join(f"<p>Paragraph {i}: officials in Kyiv said the talks would resume next week, "
                   f"and the ministry declined to comment on the details.</p>" for i in range(6))
    html = (f"<html><head><title>Talks resume | Example Times</title>"
            f'<meta property="article:published_time" content="2024-08-06T10:00:00Z"></head>'
            f"<body><nav>Home · World · Subscribe</nav><article><h1>Talks resume</h1>{body}</article>"
            f"<footer>© Example Times</footer></body></html>")
    (tmp_path / "page.html").write_text(html)
    [doc], _ = _split(read_inputs([tmp_path]))
    assert "Paragraph 5" in doc.text and "Subscribe" not in doc.text
    assert doc.title.startswith("Talks resume")
    assert doc.published.value == "2024-08-06" and doc.published.source == "html"
    assert doc.media_type == "text/html"
    assert doc.original == html, "the decoded HTML is kept as it was read"


def test_jsonl_bad_lines_fail_alone(tmp_path):
    lines = [json.dumps({"text": ARTICLE, "title": "One", "outlet": "Wire", "published": "2020-01-02"}),
             "not json", json.dumps([1, 2]), json.dumps({"title": "no text"}),
             json.dumps({"text": ARTICLE + "Two."})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines))
    docs, failures = _split(read_inputs([tmp_path / "a.jsonl"]))
    assert [d.title for d in docs] == ["One", None]
    assert [f.source.rsplit(":", 1)[1] for f in failures] == ["2", "3", "4"]
    assert all("a.jsonl:" in f.error and ";" in f.error for f in failures)


def test_rss_feed_entries_become_articles(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>First</title><link>https://example.org/1</link><pubDate>Tue, 06 Aug 2024 10:00:00 GMT</pubDate>
    <description>Officials in Kyiv said the talks would resume.</description></item>
    <item><title>Second</title><link>https://example.org/2</link>
    <description>The ministry declined to comment on Wednesday.</description></item></channel></rss>"""
    (tmp_path / "wire.rss").write_text(feed)
    docs, failures = _split(read_inputs([tmp_path / "wire.rss"]))
    assert not failures
    assert [(d.title, d.outlet, d.url) for d in docs] == [
        ("First", "Wire", "https://example.org/1"), ("Second", "Wire", "https://example.org/2")]
    assert docs[0].published.value == "2024-08-06"


def test_missing_and_oversized_files_are_failures_not_exceptions(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100)
    docs, failures = _split(read_inputs([tmp_path / "nope.txt", tmp_path / "big.txt"], Options(max_bytes=50)))
    assert not docs
    assert [f.code for f in failures] == ["bad-input", "too-large"]
