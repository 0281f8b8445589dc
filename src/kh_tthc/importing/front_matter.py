"""The document around the table: issuer, number, date line, title and signer.

Read from the paragraphs outside the task table, as Nghị định 30/2020/NĐ-CP, Phụ lục I
lays them out, and recased from capitals using the document's own running text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from kh_tthc.importing.headers import text_key as _key
from kh_tthc.model import Authority, DocumentNumber, IssueDate, Signer
from kh_tthc.vn import clean

__all__ = ["FrontMatter", "ordinary_case", "position_case", "read_front_matter"]


@frozen(kw_only=True)
class FrontMatter:
    """What the lines around the task table say about the plan; None where silent."""

    parent: str | None = None
    issuer: str | None = None
    number: DocumentNumber | None = None
    place: str | None = None
    issued: IssueDate | None = None
    type_name: str | None = None
    title: str | None = None
    appendix_title: str | None = None
    signer: Signer | None = None
    #: Fields written in capitals in the source whose ordinary case was guessed.
    guessed_case: tuple[tuple[str, str], ...] = ()
    #: (field, message): what was read but cannot be kept as written.
    notes: tuple[tuple[str, str], ...] = ()


_NUMBER_LINE = re.compile(r"^Số\s*:\s*(\d*\s*/\s*[^\s/]+-\S+)", re.IGNORECASE)
_ANNEX_NUMBER = re.compile(r"Kế hoạch\s+số\s*:?\s*(\d*\s*/\s*[^\s/]+-[^\s,;)]+)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?"
    r"\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
#: Capitals in the header that are not the issuer: the national motto, and the Party's
#: name that stands in its place on the right of a Party document (Hướng dẫn
#: 36-HD/VPTW, mục 1.3).
_NOT_ISSUER = (
    "cong hoa xa hoi chu nghia viet nam",
    "đoc lap tu do hanh phuc",
    "du thao",
    "đang cong san viet nam",
)
#: Longer names first: a title on one line takes the longest name it starts with
#: ("KẾ HOẠCH HÀNH ĐỘNG …" is a kế hoạch hành động, not a kế hoạch titled "Hành động …").
_TYPE_NAMES = (
    "ke hoach hanh đong",
    "chuong trinh hanh đong",
    "ke hoach",
    "chuong trinh",
    "nghi quyet",
    "quyet đinh",
    "chi thi",
    "bao cao",
    "đe an",
)
#: A Party document's number: "Số 402-CV/VPĐU", or blank in a draft, "Số: - CV/ĐU"
#: (Hướng dẫn 36-HD/VPTW, mục 1.4).
_PARTY_NUMBER = re.compile(r"^Số\s*:?\s*(\d*)\s*-\s*([A-ZĐ]{1,6})\s*/\s*(\S+)")
#: "V/v ...": the summary of a letter (công văn) in place of a title.
_SUBJECT = re.compile(r"^V/v\s*:?\s*(\S.*)$", re.IGNORECASE)
#: The authority line above "Căn cứ" ("BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ"), which
#: ends a title (Nghị định 30/2020/NĐ-CP, Phụ lục I).
_AUTHORITY_LINE = ("bo truong ", "chu tich ", "giam đoc ", "thu truong ", "thu tuong ")
_STOP_TITLE = re.compile(r"^(căn cứ|thực hiện|i\.|1\.|phần|-{3,}|_{3,})|:$", re.IGNORECASE)
# "KT. GIÁM ĐỐC"; the Party writes "T/M BAN THƯỜNG VỤ" (Hướng dẫn 36-HD/VPTW).
_SIGN = re.compile(r"^(?:(KT|TM|Q|TL|TUQ)\s*\.|(T/M|K/T|T/L))\s*(.+)$")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_KEEP_UPPER = {"ubnd", "hđnd", "kh&cn", "khcn", "cntt", "tthc", "mttq", "cntt&tt", "tn&mt"}
#: Words after which a place name follows: "tỉnh Thái Nguyên", "thành phố Hà Nội".
_PLACE_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "phố"}


def ordinary_case(text: str) -> str:
    """A name written in capitals, in ordinary case: "UBND TỈNH THÁI NGUYÊN" and so on.

    Place names after "tỉnh", "huyện"... are capitalised and known acronyms kept; other
    words are lower case, so a person should check names such as "Sở Khoa học và Công
    nghệ".

    >>> ordinary_case("UBND TỈNH THÁI NGUYÊN")
    'UBND tỉnh Thái Nguyên'
    >>> ordinary_case("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    'Sở khoa học và công nghệ'
    """
    words = clean(text).split(" ")
    out: list[str] = []
    in_place = False
    for i, word in enumerate(words):
        low = word.lower()
        if low in _KEEP_UPPER or any(ch.isdigit() for ch in word):
            out.append(word)
            continue
        out.append(low[:1].upper() + low[1:] if in_place or i == 0 else low)
        in_place = in_place or low in _PLACE_WORDS
    return " ".join(out)


def read_front_matter(lines: Iterable[str]) -> FrontMatter:
    """Read the issuer, number, date line, title and signer from a document's lines.

    The lines are the paragraphs (and cells of layout tables) outside the task table, in
    document order, as Nghị định 30/2020/NĐ-CP, Phụ lục I lays them out: the bodies in
    capitals, "Số: 05/KH-SKHCN", "Thái Nguyên, ngày 05 tháng 8 năm 2025", "KẾ HOẠCH"
    and the summary below it, and at the end the signature block.

    >>> fm = read_front_matter(["UBND TỈNH THÁI NGUYÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    ...     "Số: 05/KH-SKHCN", "Thái Nguyên, ngày 05 tháng 8 năm 2025", "KẾ HOẠCH",
    ...     "Kiểm soát thủ tục hành chính năm 2025", "Căn cứ ..."])
    >>> str(fm.number), str(fm.issued), fm.place, fm.title
    ('05/KH-SKHCN', '2025-08-05', 'Thái Nguyên', 'Kiểm soát thủ tục hành chính năm 2025')
    """
    text_lines = [clean(line) for line in lines]
    text_lines = [line for line in text_lines if line]
    values: dict[str, object] = {}
    capitals: list[str] = []
    notes: list[tuple[str, str]] = []
    party_number = ""
    header_done = False
    recipients_seen = False
    i = 0
    while i < len(text_lines):
        line = text_lines[i]
        key = _key(line)
        if "number" not in values and (m := _NUMBER_LINE.match(line)):
            with contextlib.suppress(ValueError):
                values["number"] = DocumentNumber.parse(m.group(1).replace(" ", ""))
            header_done = True
        elif not party_number and (m := _PARTY_NUMBER.match(line)):
            party_number = f"{m.group(1)}-{m.group(2)}/{m.group(3)}"
            notes.append(
                (
                    "number",
                    f"the Party's number {party_number!r} (number-type/issuer, Hướng dẫn "
                    "36-HD/VPTW) has no place in a plan file's State number; not kept",
                )
            )
            header_done = True
        elif "title" not in values and (m := _SUBJECT.match(line)):
            values["title"] = m.group(1)
        elif "issued" not in values and (m := _DATE_LINE.match(line)):
            try:
                values["issued"] = IssueDate(
                    year=int(m.group("year")),
                    month=int(m.group("month")) if m.group("month") else None,
                    day=int(m.group("day")) if m.group("day") and m.group("month") else None,
                )
                values["place"] = clean(m.group("place"))
            except ValueError:
                pass
            header_done = True
        elif key in _TYPE_NAMES and "title" not in values and _is_upper(line):
            values["type_name"] = line[:1] + line[1:].lower()
            title: list[str] = []
            j = i + 1
            while j < len(text_lines) and len(title) < 2:
                nxt = text_lines[j]
                if _STOP_TITLE.search(nxt) or _DATE_LINE.match(nxt):
                    break
                if _is_upper(nxt) and (
                    (capitals and _key(nxt) == _key(capitals[-1]))
                    or _key(nxt).startswith(_AUTHORITY_LINE)
                ):
                    break  # "CHÍNH PHỦ", "BỘ TRƯỞNG BỘ ...": who decides, above "Căn cứ"
                title.append(nxt)
                j += 1
            if title:
                values["title"] = clean(" ".join(title))
            header_done = True
            i = j
            continue
        elif (
            "title" not in values
            and _is_upper(line)
            and (kind := next((t for t in _TYPE_NAMES if key.startswith(t + " ")), None))
        ):
            # "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026" on one line, as a CSV title row has it.
            words = len(kind.split(" "))
            head, rest = " ".join(line.split(" ")[:words]), " ".join(line.split(" ")[words:])
            values["type_name"] = head[:1] + head[1:].lower()
            values["title"] = rest
            header_done = True
        elif key == "phu luc" or key.startswith("phu luc "):
            same_line = re.match(r"^phụ lục\s*[\w.]*\s*[:.]\s*(\S.*)$", line, re.IGNORECASE)
            if "appendix_title" not in values and same_line:
                values["appendix_title"] = same_line.group(1)  # "Phụ lục 1: DANH MỤC..."
            elif "appendix_title" not in values and i + 1 < len(text_lines):
                nxt = text_lines[i + 1]
                if not nxt.startswith("("):
                    values["appendix_title"] = nxt
                    i += 1  # the appendix title is not the issuer of a bare appendix
            header_done = True
        elif "signer" not in values and (m := _SIGN.match(line)) and _is_upper(line):
            following = text_lines[i + 1 : i + 4]
            if following and _SIGN.match(following[0]):
                # "TM. CHÍNH PHỦ" over "KT. THỦ TƯỚNG": a plan keeps one authority.
                notes.append(
                    (
                        "signer",
                        f"signed {line!r} above {following[0]!r}; a plan file keeps one "
                        "authority, the second; add the first by hand in a template",
                    )
                )
            else:
                authority = m.group(1) or m.group(2).replace("/", "")
                values["signer"] = _signer(authority, m.group(3), following)
        elif key.startswith("noi nhan"):
            recipients_seen = True
        elif (
            recipients_seen
            and "signer" not in values
            and _is_upper(line)
            and not line.startswith("-")
        ):
            # A head signing in their own name has no "KT." line: "GIÁM ĐỐC" / name.
            values["signer"] = _signer(None, line, text_lines[i + 1 : i + 3])
        elif not header_done and _is_upper(line) and key not in _NOT_ISSUER:
            if capitals and re.search(r"(\s(VÀ|CỦA)|[,-])$", capitals[-1]):
                capitals[-1] = f"{capitals[-1]} {line}"  # "BỘ KHOA HỌC VÀ" / "CÔNG NGHỆ"
            else:
                capitals.append(line)
        if "number" not in values and (m := _ANNEX_NUMBER.search(line)):
            with contextlib.suppress(ValueError):
                values["annex_number"] = DocumentNumber.parse(m.group(1).replace(" ", ""))
        i += 1
    if "number" not in values and "annex_number" in values:
        values["number"] = values["annex_number"]
    values.pop("annex_number", None)
    spelling = _Spelling(text_lines)
    guessed: list[tuple[str, str]] = []
    for field_name, text in (
        ("issuer", capitals[-1] if capitals else None),
        ("parent", capitals[-2] if len(capitals) > 1 else None),
        ("appendix_title", values.get("appendix_title")),
        ("title", values.get("title")),
    ):
        if isinstance(text, str):
            values[field_name], found = spelling.recase(text)
            if not found:
                guessed.append((field_name, text))
    return FrontMatter(
        **values,  # type: ignore[arg-type]
        guessed_case=tuple(guessed),
        notes=tuple(notes),
    )


class _Spelling:
    """Ordinary-case spellings of words, learnt from the document's own running text.

    A name printed in capitals in the header ("SỞ KHOA HỌC VÀ CÔNG NGHỆ") is usually
    written normally somewhere else ("... tại Sở Khoa học và Công nghệ").
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = [line for line in lines if not _is_upper(line)]
        self.words: dict[str, str] = {}
        lower: set[str] = set()
        for line in self.lines:
            words = line.split(" ")
            for k, word in enumerate(words[1:], start=1):
                near = words[k - 1 : k + 2]
                if _is_upper(word) and sum(_is_upper(w) or w.isupper() for w in near) > 1:
                    continue  # a run of capitals ("Phụ lục 1: DANH MỤC ..."), not a spelling
                if word[:1].isupper():
                    self.words.setdefault(word.casefold(), word)
                else:
                    lower.add(word.casefold())
        # "Chính" in "Chính phủ" but "chính" in "hành chính": learn only words that are
        # never written in lower case.
        for word in lower:
            self.words.pop(word, None)

    def recase(self, text: str) -> tuple[str, bool]:
        """``text`` in ordinary case, and whether it was found written so."""
        if not _is_upper(text):
            return text, True
        key = text.casefold()
        for line in self.lines:
            folded = line.casefold()
            at = folded.find(key)
            if at >= 0 and len(folded) == len(line) and not _is_upper(line[at : at + len(text)]):
                return line[at : at + len(text)], True
        words = ordinary_case(text).split(" ")
        return " ".join([words[0], *(self.words.get(w.casefold(), w) for w in words[1:])]), False


def position_case(text: str) -> str:
    """A position title written in capitals, in the case Decree 30 prescribes.

    Nghị định 30/2020/NĐ-CP, Phụ lục II, mục II.2: a position is written with its first
    letter capitalised, and "Phó" takes a capital together with the position after it.

    >>> position_case("PHÓ GIÁM ĐỐC"), position_case("GIÁM ĐỐC"), position_case("PHÓ CHỦ TỊCH")
    ('Phó Giám đốc', 'Giám đốc', 'Phó Chủ tịch')
    """
    words = ordinary_case(text).split(" ")
    if len(words) > 1 and words[0] == "Phó":
        words[1] = words[1][:1].upper() + words[1][1:]
    return " ".join(words)


def _signer(authority: str | None, head_line: str, following: Sequence[str]) -> Signer | None:
    # "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / (signature, "(Đã ký)") / "Nguyễn Thị Thuỷ",
    # or without an authority "GIÁM ĐỐC" / "Nguyễn Văn A".
    head = position_case(head_line)
    title: str | None = None
    for line in following:
        if _is_upper(line):
            if title is not None or authority is None:
                return None
            title = position_case(line)
        elif not line.startswith(("(", "[")) and not line.endswith(":"):
            if authority is None:
                return Signer(title=head, name=line)
            return Signer(
                authority=Authority.parse(authority),
                head_title=head,
                title=title or head,
                name=line,
            )
    return None
