"""Personal data before publication (PII rules).

Valid ID numbers are made here with the GB 11643 weights (ISO 7064 MOD 11-2),
written out independently of python-stdnum, which the linter uses.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import FIXTURES, REFERENCE, lint_file, lint_text
from linter.kinds.privacy import mask
from linter.model import Severity

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def with_check(body17: str) -> str:
    return body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, WEIGHTS)) % 11]


def wrong_check(body17: str) -> str:
    right = with_check(body17)[-1]
    return body17 + ("1" if right != "1" else "2")


def luhn_complete(body: str) -> str:
    """Append the Luhn check digit (ISO/IEC 7812-1), written out here on purpose."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


def pii(text: str, **kw):
    return [(f.code, f.column, f.matched) for f in lint_text(text, select=["PII"], **kw)]


def test_reference_and_clean_fixtures_carry_no_personal_data():
    assert lint_file(REFERENCE, select=["PII"]) == []
    for p in sorted((FIXTURES / "clean").iterdir()):
        if p.suffix in (".txt", ".md"):
            assert lint_file(p, select=["PII"]) == [], p.name


def test_the_stdnum_test_vector_is_a_valid_id_and_the_message_masks_it():
    assert with_check("36042619910101007") == "360426199101010071"
    (f,) = lint_text("民警张某（身份证号360426199101010071）违规。", select=["PII"])
    assert (f.code, f.column, f.end_column, f.severity) == ("PII001", 10, 28, Severity.ERROR)
    assert "3604**********0071" in f.message and "360426199101010071" not in f.message
    (e,) = lint_text("身份证号360426199101010071", select=["PII"], lang="en")
    assert "3604**********0071" in e.message and "360426199101010071" not in e.message


@pytest.mark.parametrize("body", ["11010519491231002", "44200019800101123", "51010120000229456", "65010219991231001"])
def test_valid_and_mistyped_ids(body):
    good, bad = with_check(body), wrong_check(body)
    assert pii(f"身份证号{good}。") == [("PII001", 5, good)]
    assert pii(f"身份证号{bad}。") == [("PII002", 5, bad)]
    (f,) = lint_text(f"身份证号{bad}。", select=["PII"])
    assert f.severity == Severity.WARNING and "校验码不符" in f.message and bad not in f.message


def test_check_character_x_in_either_case():
    body = next(b for b in (f"11010519900101{n:03d}" for n in range(1000)) if with_check(b).endswith("X"))
    number = with_check(body)
    assert pii(f"号码{number}") == [("PII001", 3, number)]
    assert pii(f"号码{number.lower()}") == [("PII001", 3, number.lower())]


def test_full_width_digits_are_read_as_digits():
    full = "３６０４２６１９９１０１０１００７１"
    assert pii(f"证件号码{full}。") == [("PII001", 5, full)]


def test_old_fifteen_digit_id():
    (f,) = lint_text("旧证号码440101800101001已注销。", select=["PII"])
    assert (f.code, f.column, f.severity) == ("PII002", 5, Severity.WARNING)
    assert "15位" in f.message and "4401*******1001" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "系统流水号440101201399990001。",  # 18 digits, no real birth date
        "编号991234199001011234。",  # no province 99
        f"身份证号{with_check('11010520990101001')}。",  # born in the future
        "统一社会信用代码：91110000600037341L。",
        "累计处理工单12345件，12389热线，2158笔，933间，电话0760-87161456，邮编528400。",
        "流水号123456789012345。",  # 15 digits, province 12 but month 90
    ],
)
def test_numbers_that_are_not_ids(text):
    assert pii(text) == []


def test_mobile_in_the_body_but_not_in_the_closing_block():
    text = (
        "关于巡察整改进展情况的通报\n\n"
        "根据市委统一部署，巡察组开展巡察。现将整改进展情况予以公布。\n"
        "一、整改情况\n"
        "由民警张某（手机13812345678）负责，联络员139-1234-5678，+86 150 1234 5678。\n"
        "欢迎广大干部群众监督。联系电话：0760-87161456、13912345678。\n"
    )
    got = [(f.line, f.column, f.matched) for f in lint_text(text, select=["PII003"])]
    assert got == [(5, 9, "13812345678"), (5, 27, "139-1234-5678"), (5, 41, "+86 150 1234 5678")]
    (f,) = lint_text("手机13812345678", select=["PII003"])
    assert "138****5678" in f.message and "13812345678" not in f.message


def test_eleven_digit_amounts_are_not_mobiles():
    assert pii("共投入资金13800000000元，处理15012345678件。") == []


def test_bank_cards():
    visa = "4111111111111111"
    unionpay = luhn_complete("622202020011223344")
    assert pii(f"退还至其银行卡（卡号{visa}）。") == [("PII004", 11, visa)]
    assert pii(f"退还至{unionpay}。") == [("PII004", 4, unionpay)]
    assert pii("卡号4111 1111 1111 1111。") == [("PII004", 3, "4111 1111 1111 1111")]
    (f,) = lint_text(f"卡号{visa}", select=["PII"])
    assert "4111********1111" in f.message and visa not in f.message


def test_bank_card_near_misses():
    visa = "4111111111111111"
    assert pii(f"系统编号{visa}已归档。") == []  # Luhn passes, but no card word and no 62
    assert pii(f"账号{unionpay_bad()}已核对。") == []  # card word and 62, but Luhn fails
    assert pii(f"电话{visa}") == []  # after a phone word


def unionpay_bad() -> str:
    good = luhn_complete("622202020011223344")
    return good[:-1] + str((int(good[-1]) + 1) % 10)


def test_a_valid_id_next_to_a_card_word_is_reported_once_as_an_id():
    number = "360426199101010071"
    assert pii(f"银行卡号{number}") == [("PII001", 5, number)]


def test_the_card_word_must_be_within_15_characters():
    visa = "4111111111111111"
    far = "卡号" + "。" * 20 + visa
    assert pii(far) == []
    assert pii("卡号" + "。" * 10 + visa) == [("PII004", 13, visa)]


def test_card_word_distance_is_an_option(tmp_path):
    user = tmp_path / "org.yaml"
    user.write_text(
        "rules:\n"
        "  - {code: ORG401, name: far-card, kind: privacy, severity: error, summary: x, message: 'card {masked}',\n"
        "     options: {check: bank-card, context_chars: 30}}\n",
        encoding="utf-8",
    )
    text = "卡号" + "。" * 20 + "4111111111111111"
    found = lint_text(text, select=["PII004", "ORG401"], extra_rules=[str(user)])
    assert [(f.code, f.column, f.message) for f in found] == [("ORG401", 23, "card 4111********1111")]


def test_stdnum_is_not_imported_until_a_document_is_checked():
    code = "import sys, linter.kinds.privacy, linter.cli; print('stdnum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_mask():
    assert mask("360426199101010071") == "3604**********0071"
    assert mask("4111 1111 1111 1111") == "4111********1111"
    assert mask("13812345678", 3, 4) == "138****5678"
    assert mask("1234") == "****"
