"""Stalled-interval detection, one module per cause, the ranking and the report (numpy only)."""

from tb_plateau.analysis.causes import CAUSE_IDS, CAUSES
from tb_plateau.analysis.intervals import stalled_intervals
from tb_plateau.analysis.report import REPORT_VERSION, analyze, empty_report, failed_report

__all__ = ["analyze", "stalled_intervals", "CAUSE_IDS", "CAUSES", "REPORT_VERSION",
           "empty_report", "failed_report"]
