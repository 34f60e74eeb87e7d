"""reportaudit: versioned store, section-aware diff and reuse detection for 预算绩效自评报告."""

__version__ = "0.1.0"
