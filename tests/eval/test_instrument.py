"""The measuring instrument itself: scores, the importer adapter, the page walker."""

from __future__ import annotations

import datetime as dt
import time

from tests.eval import adapter
from tests.eval.adapter import import_files
from tests.eval.htmltext import squash, visible_lines
from tests.eval.metrics import Overlap, as_date, char_bag, norm_title, present, same_title


# ------------------------------------------------------------------ metrics

def test_char_bag_counts_letters_and_digits_only():
    assert char_bag("国务院，关于 2019年！\n（ABC）") == char_bag("国务院关于2019年ABC")
    assert char_bag("２０１９") == char_bag("2019")          # full-width digits are digits


def test_overlap_is_a_multiset_score():
    o = Overlap.of("甲乙乙丙", "甲乙丁")
    assert (o.common, o.got, o.want) == (2, 4, 3)
    assert o.precision == 0.5 and abs(o.recall - 2 / 3) < 1e-9
    total = o + Overlap.of("", "甲")
    assert (total.common, total.got, total.want) == (2, 4, 4)
    assert Overlap().f1 == 0.0


def test_titles_compare_without_punctuation_or_width():
    assert same_title('多地项目 狂奔的龙湖集团"暗伤"曝露?', "多地项目狂奔的龙湖集团“暗伤”曝露？")
    assert norm_title("国发〔2019〕5号") == norm_title("国发[2019]5号")
    assert not same_title("", "")


def test_dates_from_front_matter_or_text():
    assert as_date(dt.date(2019, 1, 27)) == as_date("2019年01月27日") == as_date("2019-01-27 08:00")
    assert as_date(None) is None and as_date("2019年13月40日") is None


def test_present_ignores_whitespace_and_width():
    assert present(["国务院 关于", "ＡＢＣ"], "国务院\n关于ABC") == [True, True]


# ------------------------------------------------------------------ htmltext

def test_visible_lines_like_inner_text():
    html = ("<html><head><title>t</title><style>p{}</style></head><body><div>菜单<a href=x>首页</a></div>"
            "<p>第一段&nbsp;文字<br>第二行</p><script>var a='不显示';</script><p>  多   空格 </p></body></html>")
    assert visible_lines(html) == ["菜单首页", "第一段 文字", "第二行", "多 空格"]
    assert squash("Ａ Ｂ\u3000c") == "ABc"


# ------------------------------------------------------------------ adapter

def test_adapter_imports_plain_text():
    text = "关于做好冬季供暖工作的通知\n各区人民政府：\n为做好今冬供暖工作，现通知如下。\n一、提前检修管网。\n"
    imp = import_files([("notice.txt", text.encode("gb18030"))])
    assert not imp.errors
    assert [d.source for d in imp.docs] == ["notice.txt"]
    doc = imp.docs[0]
    assert doc.path.startswith("documents/") and doc.meta["title"]
    assert "现通知如下" in doc.printed()


def test_adapter_records_failures_per_file(monkeypatch):
    import archivegen.ingest.run as run_mod

    real = run_mod.plan_import

    def flaky(named):
        if named[0][0] == "boom.txt":
            raise RuntimeError("kaput")
        if named[0][0] == "stuck.txt":
            while True:
                time.sleep(0.01)
        return real(named)

    monkeypatch.setattr(run_mod, "plan_import", flaky)
    good = "关于举办读书活动的通知\n各单位：\n为营造读书氛围，定于五月举办读书月活动。\n".encode("utf-8")
    imp = import_files([("boom.txt", good), ("empty.txt", b"  \n"), ("stuck.txt", good), ("ok.txt", good)],
                       time_limit=0.5)
    kinds = {e.source: e.kind for e in imp.errors}
    assert kinds == {"boom.txt": "crash", "empty.txt": "refused", "stuck.txt": "timeout"}
    assert "kaput" in imp.failed("boom.txt").message
    assert [d.source for d in imp.docs] == ["ok.txt"]
