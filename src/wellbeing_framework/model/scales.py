"""The response scales the core library ships, which any pack may use by id."""

from __future__ import annotations

from types import MappingProxyType

from .content import ResponseScale, ScaleOption

__all__ = ["AGREE_5", "CORE_SCALES", "FREQUENCY_5", "YES_PARTLY_NO"]

YES_PARTLY_NO = ResponseScale(
    id="yes-partly-no",
    title="Yes, partly or no",
    options=(
        ScaleOption(value="yes", label="Yes", score=2),
        ScaleOption(value="partly", label="Partly", score=1),
        ScaleOption(value="no", label="No", score=0),
        ScaleOption(value="not-sure", label="Not sure"),
    ),
)

AGREE_5 = ResponseScale(
    id="agree-5",
    title="Strongly disagree to strongly agree",
    options=(
        ScaleOption(value="strongly-disagree", label="Strongly disagree", score=1),
        ScaleOption(value="disagree", label="Disagree", score=2),
        ScaleOption(value="neither", label="Neither agree nor disagree", score=3),
        ScaleOption(value="agree", label="Agree", score=4),
        ScaleOption(value="strongly-agree", label="Strongly agree", score=5),
    ),
)

FREQUENCY_5 = ResponseScale(
    id="frequency-5",
    title="Never to always",
    options=(
        ScaleOption(value="never", label="Never", score=1),
        ScaleOption(value="rarely", label="Rarely", score=2),
        ScaleOption(value="sometimes", label="Sometimes", score=3),
        ScaleOption(value="often", label="Often", score=4),
        ScaleOption(value="always", label="Always", score=5),
    ),
)

#: The core scales by id. Read-only: a pack's own scale may not reuse one of these ids.
CORE_SCALES = MappingProxyType({s.id: s for s in (YES_PARTLY_NO, AGREE_5, FREQUENCY_5)})
