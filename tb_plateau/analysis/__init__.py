"""Stalled-interval detection, one detector per cause, and the report (numpy only)."""

from tb_plateau.analysis.detectors import CAUSE_IDS, DETECTORS
from tb_plateau.analysis.intervals import stalled_intervals
from tb_plateau.analysis.report import REPORT_VERSION, analyze

__all__ = ["analyze", "stalled_intervals", "CAUSE_IDS", "DETECTORS", "REPORT_VERSION"]
