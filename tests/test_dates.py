"""Dates: finding them (linter/dates.py) and the DAT rules (invalid, weekday, zero padding).

Columns are counted here from the input string itself (``str.index`` of the
defect), never copied from the tool's output.
"""
from __future__ import annotations

from datetime import date

import pytest

from helpers import FIXTURES, REFERENCE, col, lint_file, lint_text
from linter.dates import DateMention, find_dates, ranges_of
from linter.fix import applicable, apply


def dat(text: str, lang: str = "zh"):
    return lint_text(text, select=["DAT"], lang=lang)


def found(text: str) -> list[tuple[str, int | None, int, int | None, str]]:
    return [(text[m.start : m.end], m.year, m.month, m.day, m.year_source) for m in find_dates(text)]


# ---- find_dates ---------------------------------------------------------------


def test_api_fields_are_stable():
    m = find_dates("2025年9月12日")[0]
    assert isinstance(m, DateMention)
    assert (m.start, m.end, m.year, m.month, m.day, m.explicit_year, m.valid, m.range_end_of) == (0, 10, 2025, 9, 12, True, True, None)
    assert m.as_date() == date(2025, 9, 12)


def test_range_end_takes_the_start_year():
    text = "2024年9月23日至12月20日"
    assert found(text) == [("2024年9月23日", 2024, 9, 23, "explicit"), ("12月20日", 2024, 12, 20, "range")]
    (r,) = ranges_of(find_dates(text))
    assert (r.first.as_date(), r.last.as_date()) == (date(2024, 9, 23), date(2024, 12, 20))


def test_bare_day_range_end():
    assert found("2025年9月12日至26日") == [("2025年9月12日", 2025, 9, 12, "explicit"), ("26日", 2025, 9, 26, "range")]


def test_month_after_a_full_date_inherits_its_year():
    assert found("2024年9月，召开会议。12月，开展检查。")[1] == ("12月", 2024, 12, None, "context")


def test_bare_year_sets_the_context():
    # without the bare year "2024年" the 2月29日 would take 2025 from the first date and look invalid
    text = "2025年1月10日反馈。2024年新招录民警培训班（2月29日开班）。"
    ms = find_dates(text)
    assert [(m.year, m.year_source, m.valid) for m in ms] == [(2025, "explicit", True), (2024, "context", True)]


def test_a_starting_point_is_not_the_context():
    # "2021年以来" names where a period starts, not the year of what follows
    ms = find_dates("2025年1月10日反馈。对2021年以来的项目开展排查，3月完成。")
    assert ms[-1].year == 2025


def test_range_crossing_the_year_end():
    assert found("2024年11月至2月") == [("2024年11月", 2024, 11, None, "explicit"), ("2月", 2025, 2, None, "range")]
    # a small step backwards stays in the same year, so a reversed period is still visible
    assert found("2025年9月26日至8月12日")[1] == ("8月12日", 2025, 8, 12, "range")


def test_relative_year_words():
    assert found("2024年12月20日至次年1月5日")[1] == ("次年1月5日", 2025, 1, 5, "relative")
    assert found("2024年3月开会。同年5月检查")[1] == ("同年5月", 2024, 5, None, "relative")


def test_weekday_between_a_date_and_the_range_mark():
    ms = find_dates("公开期限：2025年9月12日（星期五）至26日（星期五）。")
    (r,) = ranges_of(ms)
    assert (r.first.as_date(), r.last.as_date()) == (date(2025, 9, 12), date(2025, 9, 26))


def test_a_date_does_not_run_over_a_line_break():
    # the mention stays on its line; the year on the line before is only context
    assert found("2025年\n9月12日") == [("9月12日", 2025, 9, 12, "context")]


def test_no_year_anywhere():
    assert found("9月12日") == [("9月12日", None, 9, 12, "none")]


def test_find_dates_with_a_start_year():
    text = "xx公开期限：9月12日至26日"
    ms = find_dates(text, text.index("公开"), len(text), 2025)
    assert [m.as_date() for m in ms] == [date(2025, 9, 12), date(2025, 9, 26)]


# ---- DAT001 date-invalid --------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,offset",
    [
        ("2025年2月29日召开会议", "2025年2月29日", 0),  # not a leap year
        ("2023年2月29日", "2023年2月29日", 0),
        ("2025年2月30日", "2025年2月30日", 0),
        ("公开期限：2025年9月12日至31日。", "31日", 0),  # September has 30 days
        ("2025年4月31日", "2025年4月31日", 0),
        ("2025年13月", "2025年13月", 0),
        ("2025年1月10日反馈。2月29日召开会议。", "2月29日", 0),  # inherits 2025
        ("2025年2月28日至29日", "29日", 0),
    ],
)
def test_invalid_dates(text, anchor, offset):
    assert [(f.line, f.column, f.code) for f in dat(text)] == [(1, col(text, anchor, offset), "DAT001")]


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月29日召开会议",  # leap year
        "2000年2月29日",  # divisible by 400
        "2月29日召开会议",  # no year anywhere: not judged
        "2024年2月28日至29日",
        "2025年10月1日至31日",  # October has 31 days
        "2025年12月31日",
        "对2021年以来的项目开展排查，2月29日前完成。",  # a starting point gives no year
    ],
)
def test_valid_dates(text):
    assert dat(text) == []


def test_invalid_message_names_the_inherited_year():
    (f,) = dat("公开期限：2025年9月12日至31日。")
    assert f.message == "日期“2025年9月31日”不存在"
    (f,) = dat("公开期限：2025年9月12日至31日。", lang="en")
    assert f.message == "'2025年9月31日' is not a real date"


# ---- DAT002 weekday-mismatch ------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor",
    [
        ("公开期限：2025年9月12日（星期四）至26日。", "2025年9月12日（星期四）"),
        ("2025年9月12日(周四)", "2025年9月12日(周四)"),
        ("2025年9月12日星期日", "2025年9月12日星期日"),
        ("2025年1月10日反馈。9月12日（星期四）开始公开。", "9月12日（星期四）"),  # inherited year
        ("公开期限：2025年9月12日（星期五）至26日（星期四）。", "26日（星期四）"),
    ],
)
def test_weekday_mismatch(text, anchor):
    assert [(f.line, f.column, f.code) for f in dat(text)] == [(1, col(text, anchor), "DAT002")]


@pytest.mark.parametrize(
    "text",
    [
        "2025年9月12日（星期五）",
        "2025年9月12日（周五）",
        "2025年9月14日（星期日）",
        "2025年9月14日（周天）",
        "9月12日（星期四）",  # no year: not judged
        "2025年9月12日，周四召开会议",  # not attached to the date
        "2025年9月12日周边",
    ],
)
def test_weekday_clean(text):
    assert dat(text) == []


def test_weekday_message():
    (f,) = dat("2025年9月12日（星期四）")
    assert f.message == "2025年9月12日是星期五，不是星期四"
    (f,) = dat("2025年9月12日（星期四）", lang="en")
    assert f.message == "2025-09-12 is a Friday, not 星期四"


# ---- DAT003 date-zero-padded -------------------------------------------------------


@pytest.mark.parametrize(
    "text,anchor,replacement",
    [
        ("2025年09月02日", "2025年09月02日", "2025年9月2日"),
        ("2025年9月02日", "2025年9月02日", "2025年9月2日"),
        ("2025年01月", "2025年01月", "2025年1月"),
        ("公开期限：2025年9月2日至09日。", "09日", "9日"),
    ],
)
def test_zero_padded(text, anchor, replacement):
    (f,) = dat(text)
    assert (f.line, f.column, f.code, f.replacement, f.fix_safe) == (1, col(text, anchor), "DAT003", replacement, True)


@pytest.mark.parametrize("text", ["2010年10月10日", "2025年10月20日", "2025年9月2日", "2020年1月1日"])
def test_not_zero_padded(text):
    assert dat(text) == []


def test_zero_padding_fix_touches_only_the_date():
    text = "根据部署，2025年09月02日召开会议。"
    out = apply(text, applicable(dat(text)))
    assert out == "根据部署，2025年9月2日召开会议。"


# ---- the real notice ----------------------------------------------------------------


def test_reference_notices_have_no_date_findings():
    assert dat((FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")) == []
    if not REFERENCE.exists():
        pytest.skip(f"the real notice is not at {REFERENCE}")
    assert [f for f in lint_file(REFERENCE) if f.code.startswith("DAT")] == []


def test_disclosure_period_with_weekdays_is_still_read():
    """The lead and disclosure kinds share find_dates: a weekday must not hide the period."""
    text = (FIXTURES / "clean" / "reference-clean.txt").read_text(encoding="utf-8")
    text = text.replace("公开期限：2025年9月12日至26日。", "公开期限：2025年9月12日（星期五）至26日（星期五）。")
    assert lint_text(text) == []
