"""Read models for the TUI: batched queries shaped for screens, always returning values.

Why a separate layer: a screen must show 10,000 reports in well under a second, so it
cannot call per-report store helpers in a loop; these functions ask the store once and hand
back frozen values that outlive the session.
"""
