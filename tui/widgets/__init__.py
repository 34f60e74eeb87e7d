"""Reusable widgets: corpus matrix, detail pane, outline, diff view, passages."""
