from wijkpunt.workspace.textsearch import fold, is_number_term, split_terms


def test_fold_lowercases_and_strips_accents():
    assert fold("Koen Coördinator") == "koen coordinator"
    assert fold("ÇELİK Şahin Łukasz Dupré") == "celik sahin lukasz dupre"
    assert fold("Zoe\u0308") == "zoe"  # decomposed accent
    assert fold(None) == ""


def test_split_terms_drops_box_words_and_punctuation():
    assert split_terms("Lindenplein 1, bus 0.1") == ["lindenplein", "1", "0.1"]
    assert split_terms("  ") == []
    assert split_terms("Peeters peeters") == ["peeters"]


def test_number_terms():
    assert is_number_term("1")
    assert is_number_term("12a")
    assert is_number_term("8560")
    assert not is_number_term("0.1")
    assert not is_number_term("peeters")
