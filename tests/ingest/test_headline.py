"""headline.key: the form two spellings of a headline share."""


def test_key_keeps_exactly_what_isalnum_keeps_for_every_character():
    """key() drops non-word characters with a regex ([\\W_]); it must keep what the
    character-by-character isalnum() filter it replaced kept, for every code point."""
    import unicodedata

    from archivegen.ingest.headline import key

    for c in range(0x110000):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        expected = "".join(x for x in unicodedata.normalize("NFKC", ch).lower() if x.isalnum())
        assert key(ch) == expected, hex(c)
    assert key("“暗伤” 2007 年_") == key("暗伤2007年") == "暗伤2007年"
