"""The command line, run as a user runs it: a real process, real files, real exit codes."""

import json
import subprocess
import sys

import pytest

NEWSWEAVE = [sys.executable, "-m", "newsweave.cli"]


def run(*args, cwd=None, input=None):
    return subprocess.run([*NEWSWEAVE, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          input=input, timeout=600)


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory, seed_paths):
    folder = tmp_path_factory.mktemp("messy")
    for path in seed_paths:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes(
        "Café owners in Zürich said on Monday that the naïve plan would fail, according to Müller.".encode("latin-1"))
    return folder


@pytest.fixture(scope="module")
def messy_run(messy_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return run("analyze", messy_folder, "--out", out), out


def test_bad_files_fail_alone_with_one_line_each(messy_run):
    proc, out = messy_run
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("skipped:")]
    assert len(lines) == 2
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("picture.png" in line and "PNG" in line for line in lines)
    analysis = json.loads((out / "analysis.json").read_text())
    assert len(analysis["documents"]) == 6
    latin = next(d for d in analysis["documents"] if d["source"].endswith("latin1.txt"))
    assert "Café owners in Zürich" in latin["text"] and "naïve" in latin["text"]
    assert {f["code"] for f in analysis["failures"]} == {"empty", "binary"}


def test_analysing_again_adds_no_duplicates(messy_run, messy_folder):
    _, out = messy_run
    before = json.loads((out / "analysis.json").read_text())
    again = run("analyze", messy_folder, "--out", out)
    after = json.loads((out / "analysis.json").read_text())
    assert again.returncode == 1
    assert len(after["documents"]) == len(before["documents"]) == 6
    assert len(after["mentions"]) == len(before["mentions"])
    assert len(after["entities"]) == len(before["entities"])
    stats = json.loads(run("stats", "--db", out / "newsweave.db", "--json").stdout)
    assert stats["documents"] == 6 and stats["runs"] == 2


def test_search_export_and_report_commands_work_on_the_store(messy_run, tmp_path):
    _, out = messy_run
    db = out / "newsweave.db"
    hits = json.loads(run("search", "Sudzha", "--db", db, "--json").stdout)
    assert hits and all("[Sudzha]" in h["snippet"] for h in hits)
    for fmt in ("json", "jsonl", "csv", "parquet"):
        proc = run("export", "--db", db, "--format", fmt, "--out", tmp_path / fmt)
        assert proc.returncode == 0 and (tmp_path / fmt).exists(), proc.stderr
    proc = run("report", "--db", db, "--out", tmp_path / "r.html")
    assert proc.returncode == 0 and (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_stdin_is_an_input(tmp_path):
    proc = run("analyze", "-", "--out", tmp_path, input="Officials in Kyiv said the talks in Geneva would resume.")
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "analysis.json").read_text())["documents"][0]["source"] == "-"


@pytest.mark.parametrize("args", [("export", "--format", "xml"), ("frobnicate",), ("eval", "nope", "--data", ".")])
def test_usage_errors_exit_2(args, tmp_path):
    (tmp_path / "newsweave.db").touch()
    assert run(*args, cwd=tmp_path).returncode == 2


def test_missing_store_says_what_to_do(tmp_path):
    proc = run("stats", "--db", tmp_path / "none.db")
    assert proc.returncode == 2 and "run 'newsweave analyze" in proc.stderr


def test_every_command_has_help():
    from typer.testing import CliRunner

    from newsweave.cli import app

    for command in ("analyze", "ingest", "export", "report", "search", "stats", "eval"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, command


def test_the_summary_splits_the_time_by_phase(messy_run):
    proc, _ = messy_run
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in proc.stdout.splitlines()
            if line.count("│") == 3}
    phases = [float(rows[p]) for p in ("articles and models", "across sources", "outputs")]
    assert sum(phases) <= float(rows["seconds"]) + 0.1
    assert int(rows["words/s (articles and models)"].replace(",", "")) > 0
