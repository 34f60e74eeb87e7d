"""Alembic migrations of the store (a package only so that wheels ship the files)."""
