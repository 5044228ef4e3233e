"""Which Chinese landline numbers libphonenumber accepts, without importing it.

The contact rule checks that a landline's local number has the length used
under its area code ("0760-8716145" has one digit too few for 中山). Importing
``phonenumbers`` costs 20-25 ms, a sixth of a whole run, for an answer that,
for the numbers this rule sees (area 010, 02X or 0XXX, a local number of 7
or 8 digits starting 2-9), depends only on the area code, the length and the
first three digits. This table holds that answer for every such number, valid
or not, generated from phonenumbers by ``python -m linter.landlines`` (all
800 three-digit starts of every area code and length; about 90 s; ``--check``
compares). So ``verdict`` answers both ways, and the same way in every
installation: phonenumbers is the table's source and the tests' reference
(tests/test_landlines.py compares the two over every area code, so CI fails
when a newer phonenumbers has other data and the table must be generated
again), and is asked at run time only for a number outside the table (an
area code such as 0101).

Format: ``N: areas`` lists the area codes under which every N-digit local
number is valid; ``N AREA except: starts`` lists, for an area code valid for
N digits, the 3-digit starts that are not.
"""
from __future__ import annotations

TABLE = """\
7: 0310 0312 0313 0314 0315 0316 0317 0318 0319 0335 0349 0350 0351 0352 0353 0354 0355 0356 0357
    0358 0359 0370 0372 0373 0374 0375 0376 0391 0392 0393 0394 0395 0396 0398 0400 0412 0415 0416
    0417 0418 0419 0421 0427 0429 0433 0434 0435 0436 0437 0438 0439 0452 0453 0454 0455 0456 0457
    0458 0459 0464 0467 0468 0469 0470 0471 0472 0473 0474 0475 0476 0477 0478 0479 0482 0483 0530
    0533 0534 0535 0536 0537 0538 0539 0543 0546 0550 0552 0553 0554 0555 0556 0557 0558 0559 0561
    0562 0563 0564 0566 0570 0572 0578 0580 0592 0593 0594 0596 0597 0598 0599 0631 0632 0633 0635
    0660 0662 0663 0668 0691 0692 0701 0710 0711 0712 0713 0714 0715 0716 0717 0718 0719 0722 0724
    0728 0730 0734 0735 0736 0737 0738 0739 0743 0744 0745 0746 0750 0751 0752 0753 0754 0756 0758
    0759 0762 0763 0766 0768 0770 0771 0772 0773 0774 0775 0776 0777 0778 0779 0790 0792 0793 0794
    0795 0796 0797 0798 0799 0800 0812 0813 0816 0817 0818 0825 0826 0827 0830 0831 0832 0833 0834
    0835 0836 0837 0838 0839 0851 0854 0855 0856 0857 0858 0859 0870 0872 0873 0874 0875 0876 0877
    0878 0879 0883 0886 0887 0888 0891 0892 0893 0894 0895 0896 0897 0901 0902 0903 0906 0908 0909
    0911 0912 0913 0914 0915 0916 0917 0919 0930 0931 0932 0933 0934 0935 0936 0937 0938 0939 0941
    0943 0950 0951 0952 0953 0954 0955 0970 0971 0972 0973 0974 0975 0976 0977 0978 0979 0990 0991
    0992 0993 0994 0995 0996 0997 0998 0999
8: 020 022 023 024 025 027 028 029 0311 0371 0377 0379 0411 0431 0432 0433 0435 0451 0510 0511 0512
    0513 0514 0515 0516 0517 0518 0519 0523 0527 0531 0532 0551 0571 0573 0574 0575 0576 0577 0579
    0591 0595 0731 0754 0755 0757 0760 0769 0791 0851 0871 0898 0950
8 010 except: 800
8 021 except: 800
"""


def _parse(table: str) -> tuple[dict[int, frozenset[str]], dict[tuple[int, str], frozenset[str]]]:
    full: dict[int, set[str]] = {}
    exceptions: dict[tuple[int, str], frozenset[str]] = {}
    for record in table.replace("\n    ", " ").splitlines():
        head, _, rest = record.partition(":")
        if head.endswith("except"):
            n, area, _ = head.split()
            exceptions[(int(n), area)] = frozenset(rest.split())
            full.setdefault(int(n), set()).add(area)
        else:
            full.setdefault(int(head), set()).update(rest.split())
    return {n: frozenset(a) for n, a in full.items()}, exceptions


def areas() -> list[str]:
    """Every area code the table covers (711)."""
    return ["010"] + [f"02{d}" for d in range(10)] + [f"0{a}{b}{c}" for a in range(3, 10) for b in range(10) for c in range(10)]


_FULL, _EXCEPTIONS = _parse(TABLE)
_AREAS = frozenset(areas())
_FIRST_DIGITS = frozenset("23456789")


def verdict(area: str, local: str) -> bool | None:
    """Whether libphonenumber accepts ``area + local`` (the area code with its 0); None for a number the
    table does not cover (an area code other than 010, 02X and 0XXX, a local number not of 7-8 digits
    starting 2-9)."""
    n = len(local)
    if n not in (7, 8) or local[:1] not in _FIRST_DIGITS or area not in _AREAS:
        return None
    return area in _FULL[n] and local[:3] not in _EXCEPTIONS.get((n, area), ())


# ---- generating the table (python -m linter.landlines) -------------------------------------------
# For every area code the contact rule accepts (010, 02X, 0XXX) and both local lengths,
# every 3-digit start of the local number (200-999) is tried with random tails; the table
# keeps the (area, length) pairs where libphonenumber accepts every start, and for the
# others the few starts it refuses.


def valid(area: str, local: str) -> bool:
    """libphonenumber's verdict (used only to generate and test the table)."""
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(area + local, "CN"))
    except phonenumbers.NumberParseException:
        return False


def build_table(tails: int = 3) -> dict[tuple[str, int], list[int]]:
    import random

    rng = random.Random(2025)
    out = {}
    for area in areas():
        for n in (7, 8):
            ok = []
            for start in range(200, 1000):
                verdicts = {valid(area, str(start) + "".join(rng.choice("0123456789") for _ in range(n - 3))) for _ in range(tails)}
                if len(verdicts) > 1:
                    raise SystemExit(f"{area} {n} {start}: validity depends on more than the first 3 digits")
                if True in verdicts:
                    ok.append(start)
            out[(area, n)] = ok
    return out


def render(t: dict[tuple[str, int], list[int]]) -> str:
    lines = []
    for n in (7, 8):
        full = sorted(a for (a, m), v in t.items() if m == n and len(v) == 800)
        lines.append(f"{n}: " + " ".join(full))
    for (a, m), v in sorted(t.items()):
        if 0 < len(v) < 800:
            missing = sorted(set(range(200, 1000)) - set(v))
            lines.append(f"{m} {a} except: " + " ".join(map(str, missing)))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    text = render(build_table())
    if "--check" in sys.argv:
        sys.exit(0 if _parse(TABLE) == _parse(text) else "the table in linter/landlines.py is out of date")
    print(text)
