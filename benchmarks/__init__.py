"""Benchmarks and the synthetic corpus generator for reuse detection (not in the test run)."""
