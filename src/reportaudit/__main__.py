"""``python -m reportaudit`` is the ``reportaudit`` command."""

from reportaudit.cli.main import run

if __name__ == "__main__":
    run()
