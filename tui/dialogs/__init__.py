"""Modal dialogs: errors, notes, store verification."""
