"""Benchmark: ``reportaudit tui`` on a 10,000-report store, in a real terminal (tmux).

Why tmux and not the headless Pilot: the goal (open issue 5, "the first screen in under
1 second") is what a user sees after typing the command, which includes interpreter start,
every import, the terminal driver and the real screen writes. The Pilot benchmark
(tests/tui/bench_first_screen.py) only times the app once it is imported.

Run (builds nothing; make the store first with tests/tui/bench_first_screen.py)::

    /work/venv/bin/python benchmarks/bench_tui_first_screen.py [--store /tmp/bench10k.db]
        [--runs 7] [--marker 第00000号单位] [--command /work/venv/bin/reportaudit]

Each run types the command into a fresh shell in a private tmux server, then polls
``tmux capture-pane`` every 20 ms: "chrome" is the first poll showing the filter box,
"data" the first showing ``--marker`` (a unit name that only appears once the matrix holds
rows). The app is quit with ctrl+q and the shell prompt awaited before the next run. One
warm-up run (file cache, .pyc) is printed but left out of the median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

CHROME = "filter units"  # the filter box's placeholder: the corpus screen is composed
PROMPT = "BENCH-READY$"
POLL = 0.02


class Tmux:
    """A private tmux server (its own socket) with one shell of a fixed size."""

    def __init__(self, width: int, height: int) -> None:
        """Start the server and a bare shell whose prompt is ``PROMPT``."""
        self.socket = f"rabench-{uuid.uuid4().hex[:8]}"
        self._tmux(
            "new-session", "-d", "-s", "fs", "-x", str(width), "-y", str(height),
            "env", f"PS1={PROMPT} ", "TERM=xterm-256color", "bash", "--norc", "--noprofile",
        )  # fmt: skip
        self.wait_for(lambda screen: PROMPT in screen, timeout=10)

    def _tmux(self, *args: str) -> str:
        """Run one tmux command against this server."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        """What the pane shows now."""
        return self._tmux("capture-pane", "-p", "-t", "fs")

    def send(self, *keys: str) -> None:
        """Type keys (tmux key names, or literal text)."""
        self._tmux("send-keys", "-t", "fs", *keys)

    def wait_for(self, condition: Callable[[str], bool], timeout: float) -> float:
        """Poll until ``condition(screen)`` holds; the time it first held (perf_counter)."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if condition(self.screen()):
                return time.perf_counter()
            time.sleep(POLL)
        raise TimeoutError(f"not seen within {timeout} s:\n{self.screen()}")

    def close(self) -> None:
        """Stop this private server (and nothing else)."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)


def one_run(tmux: Tmux, command: str, marker: str) -> tuple[float, float]:
    """(seconds to the chrome, seconds to data) for one start of the app."""
    tmux.send("clear", "Enter")
    tmux.wait_for(lambda s: s.strip() == PROMPT, timeout=10)
    start = time.perf_counter()
    tmux.send(command, "Enter")
    chrome: float | None = None
    end = start + 30
    while time.perf_counter() < end:
        screen = tmux.screen()
        now = time.perf_counter()
        if chrome is None and CHROME in screen:
            chrome = now
        if marker in screen:
            data = now
            break
        time.sleep(POLL)
    else:
        raise TimeoutError(f"{marker!r} never shown:\n{tmux.screen()}")
    tmux.send("C-q")
    tmux.wait_for(lambda s: marker not in s and s.rstrip().endswith(PROMPT), timeout=10)
    return (chrome or data) - start, data - start


def main() -> None:
    """Warm up once, then time ``--runs`` starts and print each and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="/tmp/bench10k.db")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--marker", default="第00000号单位")
    parser.add_argument("--command", default=shutil.which("reportaudit") or "reportaudit")
    parser.add_argument("--size", default="120x40", help="terminal WIDTHxHEIGHT")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    width, height = (int(v) for v in args.size.split("x"))
    command = f"{args.command} tui --store {args.store}"
    tmux = Tmux(width, height)
    try:
        chrome, data = one_run(tmux, command, args.marker)
        print(f"warm-up: chrome {chrome * 1000:.0f} ms, data {data * 1000:.0f} ms")
        chromes, datas = [], []
        for i in range(args.runs):
            chrome, data = one_run(tmux, command, args.marker)
            chromes.append(chrome)
            datas.append(data)
            print(f"run {i + 1}: chrome {chrome * 1000:.0f} ms, data {data * 1000:.0f} ms")
    finally:
        tmux.close()
    print(
        f"median over {args.runs} runs ({command!r}, {args.size}): "
        f"chrome {statistics.median(chromes) * 1000:.0f} ms, "
        f"data {statistics.median(datas) * 1000:.0f} ms "
        f"(min {min(datas) * 1000:.0f}, max {max(datas) * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
