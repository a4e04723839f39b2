from archivegen.ingest.edits import OffsetMap, Pass, apply_edits, edit, replay


def test_apply_and_replay_round_trip():
    text = "人(ren)民城市，习大大总书记"
    e1 = edit(text, 1, 6, "", "pinyin")
    step1 = apply_edits(text, [e1])
    assert step1 == "人民城市，习大大总书记"
    e2 = edit(step1, 5, 8, "习近平", "substitution")
    passes = (Pass("pinyin", "拼音", "删除", (e1,)), Pass("sub", "替换", "恢复", (e2,)))
    assert replay(text, passes) == "人民城市，习近平总书记"


def test_apply_rejects_overlaps_and_stale_edits():
    text = "abcdef"
    import pytest

    with pytest.raises(ValueError):
        apply_edits(text, [edit(text, 0, 3, "", "x"), edit(text, 2, 4, "", "y")])
    stale = edit("zzzzzz", 0, 2, "", "x")
    with pytest.raises(ValueError):
        apply_edits(text, [stale])


def test_offset_map_forward_and_backward():
    text = "0123456789"
    edits = (edit(text, 2, 4, "", "del"), edit(text, 6, 7, "XYZ", "rep"))
    out = apply_edits(text, edits)
    assert out == "0145XYZ789"
    m = OffsetMap(edits)
    assert m.forward(0) == 0 and m.forward(5) == 3 and m.forward(8) == 8
    assert out[m.forward(9)] == "9"
    for pos in (0, 1, 2, 3, 7, 8, 9):
        assert text[m.backward(pos)] == out[pos] or out[pos] in "XYZ"
