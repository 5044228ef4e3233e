"""Fixed political expressions (rules/political-terms.yaml) and listed formulas (kind ordered-list).

Every dictionary entry is checked to be reachable (no other entry shadows it),
every allowed context to stay clean, correct official wording to stay clean,
and the ordered-list kind to report exactly the span of the listed members.
"""
from __future__ import annotations

import re

import pytest

from helpers import LIST_RULE, REFERENCE, bundled_rules, lint_file, lint_text
from linter.document import Document
from linter.engine import Linter, Settings
from linter.errors import RuleFileError
from linter.fix import fix_document
from linter.kinds import ordered_list
from linter.model import Rule, Severity
from linter.ruleset import load_rules


def pol(text: str, lang: str = "zh"):
    return lint_text(text, select=["POL"], lang=lang)


def phrase_rules() -> list[Rule]:
    return [r for r in bundled_rules() if r.code.startswith("POL") and r.kind == "phrase"]


def list_rules() -> list[Rule]:
    return [r for r in bundled_rules() if r.code.startswith("POL") and r.kind == "ordered-list"]


def all_entries():
    for rule in phrase_rules():
        for i, e in enumerate(rule.options["entries"]):
            yield pytest.param(rule, e, id=f"{rule.code}-{i}-{e['wrong']}")


def test_codes_and_kinds():
    assert [r.code for r in phrase_rules()] == ["POL001", "POL002", "POL003", "POL004", "POL005"]
    assert [r.code for r in list_rules()] == [f"POL0{n}" for n in range(10, 18)]


# --- dictionary entries -------------------------------------------------------


@pytest.mark.parametrize("rule,entry", list(all_entries()))
def test_every_entry_is_found_alone_with_its_severity_and_fix(rule, entry):
    text = f"前文{entry['wrong']}后文。"
    (f,) = pol(text)
    assert (f.line, f.column, f.code, f.matched) == (1, 3, rule.code, entry["wrong"])
    sev = Severity.parse(entry["severity"]) if "severity" in entry else rule.severity
    assert f.severity == sev
    if entry.get("fix", True):
        assert f.replacement == entry["right"]
        assert f.fix_safe == (rule.fix == "safe")
    else:
        assert f.replacement is None and not f.fix_safe
    assert entry["right"] in f.message  # the right form is always named


@pytest.mark.parametrize(
    "rule,entry",
    [p for p in all_entries() if p.values[1].get("allow")],
)
def test_allowed_contexts_stay_clean(rule, entry):
    for context in entry["allow"]:
        assert [f.code for f in pol(f"前文{context}后文。") if f.code == rule.code] == [], context


CORRECT = """\
深入学习贯彻党的二十大和二十届三中全会精神，严格落实巡视工作方针。
认真贯彻党的二十大和二十届二中、三中全会精神，党的二十大精神，党的十八大以来。
增强“四个意识”，坚定“四个自信”，做到“两个维护”。
深刻领悟“两个确立”的决定性意义，坚定拥护“两个确立”、坚决做到“两个维护”。
在以习近平同志为核心的党中央坚强领导下；坚持在以习近平同志为核心的党中央领导下开展工作。
以习近平新时代中国特色社会主义思想为指导，学习习近平法治思想、习近平经济思想、习近平强军思想、习近平外交思想、习近平生态文明思想、习近平文化思想。
确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。
坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。
严格执行中央八项规定及其实施细则精神，锲而不舍落实中央八项规定精神，持之以恒纠治“四风”。
与深入贯彻中央八项规定精神学习教育相结合；学习贯彻习近平新时代中国特色社会主义思想主题教育；党纪学习教育。
坚决反对形式主义、官僚主义、享乐主义和奢靡之风；整治形式主义、官僚主义为基层减负。
落实全面从严治党主体责任和监督责任，履行“一岗双责”，全面从严管党治警。
一体推进不敢腐、不能腐、不想腐，一体推进不敢腐不能腐不想腐。
坚持发现问题、形成震慑，推动改革、促进发展的巡视工作方针；发现问题、形成震慑、推动改革、促进发展。
严守政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律；严明政治纪律和组织纪律，严肃政治纪律和政治规矩。
坚持创新、协调、绿色、开放、共享的新发展理念，推动绿色、开放发展。
积极践行社会主义核心价值观：富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善。
践行社会主义核心价值观，坚持严格、规范、公正、文明执法，推进民主法治建设。
做深做实巡察“后半篇文章”；截至目前已完成整改，建立整改台账；离目标更近一步，进一步压实责任；始终一贯切实履职。
推动“五位一体”总体布局和“四个全面”战略布局；坚持以人民为中心的发展思想；铸牢中华民族共同体意识；推动构建人类命运共同体；共建“一带一路”。
打铁必须自身硬；党风廉政建设和反腐败斗争；纪检监察机关；追责问责；“第一议题”制度；巡视反馈意见；党内政治生活。
中共中央总书记、国家主席、中央军委主席习近平；党总揽全局、协调各方的领导核心作用；“三重一大”事项集体决策；管党治党宽松软问题。
召开民主生活会，审定民主生活会议程；巡视巡察上下联动；市委巡察组；开展安全巡查整改；宿舍管理员每周巡查。
"""


@pytest.mark.parametrize("line", CORRECT.splitlines())
def test_correct_official_wording_stays_clean(line):
    assert [(f.code, f.matched) for f in pol(line)] == []


def test_reference_notice_as_published_has_no_political_findings():
    if not REFERENCE.exists():
        pytest.skip(f"the shared reference notice is not at {REFERENCE}")
    assert [(f.line, f.code, f.matched) for f in lint_file(REFERENCE, select=["POL"])] == []


def test_longest_leftmost_entry_wins_over_a_shorter_one_inside_it():
    # 中央八项规定精神学习教育 (POL002) contains 八项规定精神 (POL002 too): one finding, the longer one
    (f,) = pol("开展中央八项规定精神学习教育。")
    assert (f.column, f.matched) == (3, "中央八项规定精神学习教育")
    assert pol("开展深入贯彻中央八项规定精神学习教育。") == []


def test_collocation_matches_whatever_the_quotes():
    for text in ("坚定“四个意识”", '坚定"四个意识"', "坚定‘四个意识’", "坚定四个意识"):
        (f,) = pol(text)
        assert (f.code, f.column, f.matched) == ("POL005", 1, text)


def test_safe_fixes_apply_and_unsafe_ones_do_not():
    text = "对整改作出布署，近一步压实责任，以习近平总书记为核心的党中央。"
    linter = Linter([r for r in bundled_rules() if r.code.startswith("POL")], Settings())
    fixed, applied, remaining = fix_document(Document.from_string(text, "t.txt"), linter.lint)
    assert fixed.text == "对整改作出部署，进一步压实责任，以习近平总书记为核心的党中央。"
    assert sorted(f.matched for f in applied) == ["布署", "近一步"]
    assert [(f.code, f.replacement) for f in remaining] == [("POL001", "以习近平同志为核心的党中央")]


def test_english_messages():
    (f,) = pol("对整改作出布署。", lang="en")
    assert f.message == "misspelling: 布署 should be 部署"
    (f,) = pol("增强政治意识、大局意识、看齐意识、核心意识", lang="en")
    assert f.message == "“四个意识” listed wrongly: members out of order. Canonical: 政治意识、大局意识、核心意识、看齐意识"


# --- ordered lists ------------------------------------------------------------


def test_wrong_order_reports_the_listed_span_and_offers_the_reordering():
    (f,) = pol("践行富强、民主、和谐、文明，自由、平等、公正、法治的社会主义核心价值观")
    assert (f.code, f.column, f.end_column) == ("POL013", 3, 3 + len("富强、民主、和谐、文明，自由、平等、公正、法治"))
    assert f.matched == "富强、民主、和谐、文明，自由、平等、公正、法治"
    assert f.replacement == "富强、民主、文明、和谐，自由、平等、公正、法治"  # separators stay where they were
    assert f.severity == Severity.ERROR and not f.fix_safe
    assert "顺序有误" in f.message


def test_wrong_member_with_and_without_a_known_right_member():
    (f,) = pol("反对形式主义、官僚主义、享乐主义和奢侈之风。")
    assert (f.code, f.column, f.matched) == ("POL014", 3, "形式主义、官僚主义、享乐主义和奢侈之风")
    assert f.replacement == "形式主义、官僚主义、享乐主义和奢靡之风"
    assert "“奢侈之风”应为“奢靡之风”" in f.message
    (f,) = pol("坚定政治自信、经济自信、文化自信、制度自信")
    assert f.code == "POL011" and f.replacement is None
    assert "“政治自信”不属于该表述" in f.message and "“经济自信”不属于该表述" in f.message


def test_a_known_wrong_member_counts_even_in_a_short_listing():
    (f,) = pol("杜绝享乐主义和奢侈之风")
    assert (f.code, f.matched) == ("POL014", "享乐主义和奢侈之风")
    assert pol("刹住奢侈之风") == []  # alone it is ordinary language


def test_short_partial_listing_without_the_label_is_not_judged():
    assert pol("整治官僚主义、形式主义问题") == []  # two of four, no label: not the list
    assert pol("推动绿色、开放、共享发展") == []  # three of five, below min_members


def test_label_nearby_makes_a_short_listing_count():
    (f,) = pol("增强“四个意识”，尤其是大局意识、政治意识")
    assert (f.code, f.matched) == ("POL010", "大局意识、政治意识")
    edge = "增强“四个意识”" + "，" * 59 + "大局意识、政治意识"  # label ends 60 characters before
    assert [f.code for f in pol(edge)] == ["POL010"]
    far = "增强“四个意识”" + "，" * 60 + "大局意识、政治意识"
    assert pol(far) == []  # label more than 60 characters away
    (f,) = pol("大局意识、政治意识都属于“四个意识”")  # label after the listing
    assert (f.column, f.matched) == (1, "大局意识、政治意识")
    assert pol("增强“四个意识”\n大局意识、政治意识") == []  # label on another line


def test_one_missing_member_next_to_the_label_is_a_warning():
    (f,) = pol("树牢“四个意识”（政治意识、大局意识、核心意识）")
    assert (f.code, f.column, f.severity) == ("POL010", 10, Severity.WARNING)
    assert f.replacement is None
    assert "缺少“看齐意识”" in f.message
    assert pol("政治意识、大局意识、核心意识是基本要求") == []  # no label: a partial listing is fine


def test_repeated_member():
    (f,) = pol("政治意识、大局意识、大局意识、看齐意识")
    assert "“大局意识”重复" in f.message and f.replacement is None


def test_members_written_together_and_both_guideline_forms():
    (f,) = pol("一体推进不敢腐不想腐不能腐")
    assert (f.code, f.matched, f.replacement) == ("POL016", "不敢腐不想腐不能腐", "不敢腐不能腐不想腐")
    assert pol("发现问题、形成震慑，推动改革、促进发展") == []
    assert pol("发现问题、形成震慑、推动改革、促进发展") == []
    (f,) = pol("发现问题、形成威慑，推动改革、促进发展")
    assert f.code == "POL017" and f.replacement == "发现问题、形成震慑，推动改革、促进发展"


def test_a_listing_never_crosses_a_line_or_a_foreign_separator():
    assert pol("政治意识、大局意识\n看齐意识、核心意识") == []
    assert pol("政治意识；大局意识；看齐意识；核心意识") == []


def test_all_lists_share_one_regex_scan_per_document():
    rules = list_rules()
    state = ordered_list.prepare(rules)
    assert isinstance(state.regex, re.Pattern) and len(state.specs) == 8

    real = state.regex

    class Counting:
        calls = 0
        spans: list[tuple[int, ...]] = []

        def finditer(self, text, *span):
            Counting.calls += 1
            Counting.spans.append(span)
            return real.finditer(text, *span)

    state.regex = Counting()
    from linter.engine import Context

    doc = Document.from_string("政治意识、大局意识、看齐意识、核心意识；创新、绿色、协调、开放、共享", "t.txt")
    hits = list(ordered_list.check(Context(doc, Settings()), state))
    assert Counting.calls == 1
    assert sorted(r.code for r, _ in hits) == ["POL010", "POL012"]

    # Only the lines that can hold a finding are scanned, each once for all lists:
    # a member alone ("增强政治意识") or a foreign separator cannot be reported.
    Counting.calls, Counting.spans = 0, []
    lines = ["增强政治意识，树牢大局意识", "政治意识、大局意识、看齐意识、核心意识", "创新发展；协调发展", "绿色、开放"]
    doc = Document.from_string("\n".join(lines), "t.txt")
    hits = list(ordered_list.check(Context(doc, Settings()), state))
    state.regex = real
    second, fourth = doc.line_offset(2), doc.line_offset(4)
    assert Counting.spans == [(second, second + len(lines[1])), (fourth, fourth + len(lines[3]))]
    assert [r.code for r, _ in hits] == ["POL010"]


@pytest.mark.parametrize(
    "text",
    ["", "、、、", "\n\n", "政治意识", "和和和" * 1000, "政治意识、" * 5000, "形式主义和" * 3000 + "奢侈之风"],
)
def test_odd_input_never_crashes(text):
    pol(text)




@pytest.mark.parametrize(
    "options,fragment",
    [
        ("      members: [甲, 乙, 甲]", "listed twice"),
        ("      members: [甲, 乙]\n      wrong_members: {乙: 甲}", "also a member"),
        ("      members: [甲, 乙]\n      wrong_members: {丙: 丁}", "not a member"),
        ("      members: [甲, 乙]\n      min_members: 3", "min_members"),
        ("      members: [甲]", "too short"),
        ("      members: [甲, 乙]\n      windows: 3", "windows"),
        # members are searched line by line: one holding a line break could never match
        ('      members: ["甲\\n乙", 丙]', "line break"),
        ('      members: [甲, 乙]\n      wrong_members: {"丙\\n": 甲}', "line break"),
        ('      members: [甲, 乙]\n      wrong_members: {"": 甲}', "cannot be empty"),
    ],
)
def test_invalid_list_options_name_the_file_and_line(tmp_path, options, fragment):
    p = tmp_path / "org.yaml"
    p.write_text(LIST_RULE.format(options=options), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules([str(p)], include_bundled=False)
    assert err.value.path == str(p) and err.value.line is not None and 8 <= err.value.line <= 10
    assert fragment in err.value.message


def test_user_ordered_list(tmp_path):
    p = tmp_path / "org.yaml"
    p.write_text(LIST_RULE.format(options="      label: 三抓\n      members: [抓班子, 抓队伍, 抓作风]"), encoding="utf-8")
    rules = load_rules([str(p)], include_bundled=False)
    (f,) = Linter(rules).lint(Document.from_string("坚持抓队伍、抓班子、抓作风。", "t.txt"))
    assert (f.code, f.column, f.matched, f.message) == ("ORG101", 3, "抓队伍、抓班子、抓作风", "顺序有误")


def test_wrong_member_threshold_keeps_ordinary_language_clean():
    assert pol("增强纪律意识、服从意识、大局意识") == []  # 2 list items only; min_members_with_wrong is 3
    (f,) = pol("增强政治意识、服从意识、大局意识")
    assert (f.code, f.matched) == ("POL010", "政治意识、服从意识、大局意识")
    assert "“服从意识”应为“看齐意识”" in f.message


def test_descriptive_uses_of_party_leadership_are_allowed():
    assert pol("在党中央正确领导下，在党中央的统一领导下") == []
    assert [f.matched for f in pol("坚持党中央正确领导")] == ["党中央正确领导"]
