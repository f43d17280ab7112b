from generator.model.slugs import SLUG_MAX_CHARS, base_slug, is_valid_slug, unique_slug


def test_slug_of_a_plain_title():
    assert base_slug("AdaMerging: Adaptive Model Merging for Multi-Task Learning") == \
        "adamerging-adaptive-model-merging-for-multi-task-learning"


def test_symbols_only_title_gets_a_stable_hash_slug():
    assert base_slug("∑∂ ⚡️") == base_slug("∑∂ ⚡️")
    assert base_slug("∑∂ ⚡️").startswith("paper-")
    assert base_slug("∑∂ ⚡️") != base_slug("⚡️⚡️")


def test_non_latin_and_very_long_titles_give_valid_slugs():
    for title in ["大规模语言模型的迁移学习", "Ünïcödé Título", "word " * 100]:
        slug = base_slug(title)
        assert is_valid_slug(slug) and len(slug) <= SLUG_MAX_CHARS, slug


def test_titles_that_slugify_alike_get_distinct_deterministic_slugs():
    taken = {"transfer-learning"}
    first = unique_slug("Transfer Learning!", taken)
    assert first != "transfer-learning" and is_valid_slug(first)
    assert unique_slug("Transfer Learning!", taken) == first
    assert unique_slug("Transfer learning?", taken) not in (first, "transfer-learning")


def test_invalid_slugs():
    for slug in ["Upper", "two--hyphens", "-lead", "trail-", "sp ace", "", "a" * 100]:
        assert not is_valid_slug(slug)


def test_a_suffixed_slug_cut_at_a_hyphen_stays_valid():
    title = "a" * 70 + " bcd efg hij"  # the cut for the suffix falls on a hyphen
    slug = unique_slug(title, {base_slug(title)})
    assert is_valid_slug(slug) and "--" not in slug
