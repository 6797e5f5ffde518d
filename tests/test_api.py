import newsweave


def test_analyze_accepts_texts_and_paths(seed_paths):
    analysis = newsweave.analyze([seed_paths[0], "Officials in Kyiv said on Monday the talks in Geneva would resume.\n"])
    assert len(analysis.documents) == 2
    names = {e["name"] for e in analysis.entities}
    assert {"Kyiv", "Geneva"} <= names
    assert analysis.search("Geneva")[0]["source"] == "<text 0>"
    assert set(analysis.to_dict()) >= {"documents", "entities", "mentions"}
