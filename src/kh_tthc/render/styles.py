"""Names the templates and the renderer share: the styles of the short rules.

A rule is an empty paragraph of one of these styles whose bottom border is the line; the
renderer sets its indents after rendering so that its length follows the text above it
(Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.2, II.1 and II.5).
"""

from __future__ import annotations

__all__ = ["MOTTO_RULE_STYLE", "SHORT_RULE_RATIO", "SHORT_RULE_STYLE"]

#: Under the issuer and under the summary: 1/3 to 1/2 of the text's length.
SHORT_RULE_STYLE = "KH Rule"
#: Under the motto: as long as the motto.
MOTTO_RULE_STYLE = "KH Motto Rule"
#: The short rule's share of the text above it, inside the decree's 1/3–1/2.
SHORT_RULE_RATIO = 0.4
