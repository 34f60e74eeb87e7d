"""Benchmark: ``reportaudit tui`` on a 10,000-report store, in a real terminal (tmux).

Why tmux and not the headless Pilot: the goal (open issue 5, "the first screen in under
1 second") is what a user sees after typing the command, which includes interpreter start,
every import, the terminal driver and the real screen writes. The Pilot benchmark
(tests/tui/bench_first_screen.py) only times the app once it is imported.

Run (builds nothing; make the store first with tests/tui/bench_first_screen.py)::

    /work/venv/bin/python benchmarks/bench_tui_first_screen.py [--store /tmp/bench10k.db]
        [--runs 7] [--marker 第00000号单位] [--command /work/venv/bin/reportaudit ...]

Each run clears a bare shell in a private tmux server (its own socket, 120x40), types the
command, then polls ``tmux capture-pane`` every 20 ms: "chrome" is the first poll showing
the filter box, "data" the first showing ``--marker`` (a unit name that only appears once
the matrix holds rows; equal to "chrome" when the first frame displayed holds data). The app is quit with ctrl+q and the shell prompt awaited before the next run. One
warm-up run (file cache, .pyc) is printed but left out of the median.

Several ``--command`` values (e.g. ``"env PYTHONPATH=/tmp/old/tree reportaudit"`` for an
older checkout) are measured in turns, so a busy machine slows each of them alike; give as
many ``--store`` values to pair each with its own store (an older checkout cannot open a
store that a newer one has migrated).
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
from pathlib import Path

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
        self.socket_path = Path(self._tmux("display-message", "-p", "#{socket_path}").strip())
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
        """Stop this private server (and nothing else) and remove its socket file."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False)
        if self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)


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
    parser.add_argument(
        "--store", action="append", help="default /tmp/bench10k.db; one, or one per --command"
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--marker", default="第00000号单位")
    parser.add_argument(
        "--command",
        action="append",
        help="the reportaudit to start (repeat to compare; default: this Python's)",
    )
    parser.add_argument("--size", default="120x40", help="terminal WIDTHxHEIGHT")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is not installed")
    width, height = (int(v) for v in args.size.split("x"))
    beside = Path(sys.executable).with_name("reportaudit")  # this interpreter's venv
    programs = args.command or [str(beside) if beside.exists() else "reportaudit"]
    stores = args.store or ["/tmp/bench10k.db"]
    if len(stores) not in (1, len(programs)):
        sys.exit("give one --store, or one per --command")
    stores = stores * len(programs) if len(stores) == 1 else stores
    commands = [f"{p} tui --store {s}" for p, s in zip(programs, stores, strict=True)]
    chromes: dict[str, list[float]] = {c: [] for c in commands}
    datas: dict[str, list[float]] = {c: [] for c in commands}
    tmux = Tmux(width, height)
    try:
        for command in commands:
            chrome, data = one_run(tmux, command, args.marker)
            print(f"warm-up: chrome {chrome * 1000:.0f} ms, data {data * 1000:.0f} ms  {command}")
        for i in range(args.runs):
            for command in commands:
                chrome, data = one_run(tmux, command, args.marker)
                chromes[command].append(chrome)
                datas[command].append(data)
                print(
                    f"run {i + 1}: chrome {chrome * 1000:.0f} ms, data {data * 1000:.0f} ms"
                    f"  {command}"
                )
    finally:
        tmux.close()
    for command in commands:
        got = datas[command]
        print(
            f"median over {args.runs} runs ({command!r}, {args.size}): "
            f"chrome {statistics.median(chromes[command]) * 1000:.0f} ms, "
            f"data {statistics.median(got) * 1000:.0f} ms "
            f"(min {min(got) * 1000:.0f}, max {max(got) * 1000:.0f})"
        )


if __name__ == "__main__":
    main()
