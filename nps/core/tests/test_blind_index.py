from types import SimpleNamespace

from nps.core import blind_index


def test_words_are_normalised_across_scripts_and_case():
    assert blind_index.words("Will I FIND  love?") == ["will", "i", "find", "love"]
    # Arabic forms of Persian letters, diacritics and tatweel fold to one spelling.
    assert blind_index.words("علـيّ كريم") == blind_index.words("علی کریم")
    # A zero-width non-joiner separates the parts of a compound word.
    assert blind_index.words("می\u200cخواهم") == ["می", "خواهم"]


def test_a_query_matches_whole_words_and_prefixes_of_the_text():
    stored = blind_index.index_terms("Will the new job bring happiness?")
    assert blind_index.query_terms("job") <= stored
    assert blind_index.query_terms("HAPPI") <= stored
    assert blind_index.query_terms("happiness job") <= stored
    assert not blind_index.query_terms("sadness") <= stored
    # A short fragment is only found as a whole word, not inside one.
    assert not blind_index.query_terms("ne") <= stored
    assert blind_index.query_terms("new") <= stored


def test_persian_text_is_found_by_its_words():
    stored = blind_index.index_terms("آیا كار جديد خوب است؟")
    assert blind_index.query_terms("کار جدید") <= stored
    assert not blind_index.query_terms("خانه") <= stored


def test_terms_depend_on_the_key_and_reveal_no_word(settings):
    first = blind_index.index_terms("secret question")
    assert all("secret" not in term and len(term) == blind_index.TERM_LENGTH for term in first)
    settings.NPS_ENCRYPTION_KEY = "another-key-entirely-0123456789abcdef"
    assert blind_index.index_terms("secret question").isdisjoint(first)


def test_several_texts_share_one_term_set_and_empty_text_has_none():
    assert blind_index.index_terms(None, "") == set()
    combined = blind_index.index_terms("Sara", "سارا")
    assert blind_index.query_terms("sara") <= combined
    assert blind_index.query_terms("سارا") <= combined


def test_hashes_match_like_the_terms_and_fit_a_bigint(settings):
    stored = blind_index.index_hashes("Will the new job bring happiness?", "آیا كار جديد")
    assert all(-(2**63) <= number < 2**63 for number in stored)
    assert blind_index.query_hashes("HAPPI job") <= stored
    assert blind_index.query_hashes("کار") <= stored
    assert not blind_index.query_hashes("sadness") <= stored
    assert not blind_index.query_hashes("ne") <= stored
    settings.NPS_ENCRYPTION_KEY = "another-key-entirely-0123456789abcdef"
    assert blind_index.index_hashes("Will the new job bring happiness?").isdisjoint(stored)


def test_the_hashes_column_reads_back_what_it_stores_on_either_database():
    field = blind_index.TermHashesField()
    sqlite, postgresql = SimpleNamespace(vendor="sqlite"), SimpleNamespace(vendor="postgresql")
    hashes = {5, -(2**63), 2**63 - 1}
    text = field.get_db_prep_value(hashes, sqlite)
    assert text == f" {-(2**63)} 5 {2**63 - 1} "  # every number between spaces, for `instr`
    assert field.from_db_value(text, None, sqlite) == sorted(hashes)
    assert field.get_db_prep_value(hashes, postgresql) == f"{{{-(2**63)},5,{2**63 - 1}}}"
