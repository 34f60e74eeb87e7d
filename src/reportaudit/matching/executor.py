"""Where a scan's sharded stages run: local worker processes (default) or a Dask cluster.

Why an interface: the candidate stage is a map over hash-range shards followed by a reduce
per bucket of segment pairs (``shards``). The same two calls run on forked local workers
(the default; workers inherit the index through fork, nothing is shipped) or on Dask
distributed (``reportaudit scan --cluster tcp://HOST:8786`` or ``--cluster local:N``), where
each shard's rows are shipped to a worker and the per-bucket runs stay in the workers'
memory until their reduce task takes them. Results come back in submission order, so the
answer does not depend on where or in how many places the tasks ran.

Dask is an optional extra (``pip install 'reportaudit[cluster]'``); it is imported only when
a cluster executor is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from reportaudit.matching.parallel import default_workers, map_ordered

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as tasks of a stage finish."""


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


class Executor(Protocol):
    """Runs the tasks of one stage and returns their results in input order."""

    name: str
    ships: bool
    """True when tasks run in other processes that did not fork from this one (their inputs
    must be built here and pickled); False when workers inherit this process's memory."""

    @property
    def progress(self) -> Progress:
        """Told ``(stage, done, total)`` as the stages advance."""
        ...

    def map(
        self,
        fn: Callable[..., Any],
        items: Iterable[Any],
        *,
        stage: str,
        total: int,
        shared: Any = None,
    ) -> list[Any]:
        """``[fn(x) for x in items]`` (``fn(shared, x)`` when ``shared`` is given), in order."""
        ...

    def reduce(
        self,
        fn: Callable[..., Any],
        parts: Sequence[Any],
        keys: Sequence[int],
        *,
        stage: str,
        shared: Any = None,
    ) -> list[Any]:
        """``[fn(shared, [part[k] for part in parts]) for k in keys]``, in order.

        ``parts`` are results of ``map_lazy`` (handles, on a cluster); each reduce task takes
        element ``k`` of every part, so a shuffle happens between the workers.
        """
        ...

    def map_lazy(
        self,
        fn: Callable[..., Any],
        items: Iterable[Any],
        *,
        stage: str,
        total: int,
        shared: Any = None,
    ) -> list[Any]:
        """Like ``map`` but results may stay where they were computed (cluster futures)."""
        ...

    def close(self) -> None:
        """Release workers and connections this executor started."""
        ...


def _apply(fn: Callable[..., Any], shared: Any, x: Any) -> Any:
    """``fn(x)``, or ``fn(shared, x)`` when a shared argument is given."""
    return fn(x) if shared is None else fn(shared, x)


@dataclass(slots=True)
class LocalExecutor:
    """Forked worker processes on this machine (what ``scan`` always did)."""

    workers: int = field(default_factory=default_workers)
    progress: Progress = _quiet
    name: str = "local"
    ships: bool = False

    def map(
        self,
        fn: Callable[..., Any],
        items: Iterable[Any],
        *,
        stage: str,
        total: int,
        shared: Any = None,
    ) -> list[Any]:
        """Chunks of ``items`` over forked workers; progress once the stage is done."""
        got = map_ordered(
            lambda x: _apply(fn, shared, x), list(items), workers=self.workers, min_items=2
        )
        self.progress(stage, len(got), total)
        return got

    map_lazy = map

    def reduce(
        self,
        fn: Callable[..., Any],
        parts: Sequence[Any],
        keys: Sequence[int],
        *,
        stage: str,
        shared: Any = None,
    ) -> list[Any]:
        """Each key's slice of every part, reduced in forked workers."""
        return self.map(
            lambda k: _apply(fn, shared, [p[k] for p in parts]),
            keys,
            stage=stage,
            total=len(keys),
        )

    def close(self) -> None:
        """Nothing to release (pools live for one call)."""


def _pick(part: Sequence[Any], k: int) -> Any:
    """Element ``k`` of a map result (a tiny task, so the shuffle stays on the workers)."""
    return part[k]


def _reduce_on_worker(fn: Callable[..., Any], shared: Any, *picked: Any) -> Any:
    """Run a reduce function on a worker with the picked parts as one list."""
    return _apply(fn, shared, list(picked))


@dataclass(slots=True)
class DaskExecutor:
    """A Dask distributed cluster: a scheduler address, or a LocalCluster of N workers."""

    client: Any
    cluster: Any = None
    progress: Progress = _quiet
    name: str = "dask"
    ships: bool = True
    in_flight: int = 0
    """Tasks submitted ahead of those finished (0: twice the workers); bounds the shard
    payloads built here and not yet taken by a worker."""

    def _limit(self) -> int:
        if self.in_flight:
            return self.in_flight
        n = len(self.client.scheduler_info().get("workers", {})) or 1
        return 2 * n

    def map_lazy(
        self,
        fn: Callable[..., Any],
        items: Iterable[Any],
        *,
        stage: str,
        total: int,
        shared: Any = None,
    ) -> list[Any]:
        """Submit one task per item, at most ``in_flight`` ahead; return their futures."""
        from distributed import wait

        shared_f = self.client.scatter(shared, broadcast=True) if shared is not None else None
        futures: list[Any] = []
        done = 0
        for x in items:
            futures.append(self.client.submit(_apply, fn, shared_f, x, pure=False))
            while len(futures) - done > self._limit():
                wait(futures[done : done + 1])
                done += 1
                self.progress(stage, done, total)
        wait(futures)
        self.progress(stage, len(futures), total)
        return futures

    def map(
        self,
        fn: Callable[..., Any],
        items: Iterable[Any],
        *,
        stage: str,
        total: int,
        shared: Any = None,
    ) -> list[Any]:
        """``map_lazy``, gathered here in order."""
        futures = self.map_lazy(fn, items, stage=stage, total=total, shared=shared)
        return list(self.client.gather(futures))

    def reduce(
        self,
        fn: Callable[..., Any],
        parts: Sequence[Any],
        keys: Sequence[int],
        *,
        stage: str,
        shared: Any = None,
    ) -> list[Any]:
        """One task per key; its inputs are picked from the parts on the workers."""
        from distributed import as_completed

        shared_f = self.client.scatter(shared, broadcast=True) if shared is not None else None
        futures = []
        for k in keys:
            picked = [self.client.submit(_pick, p, k, pure=False) for p in parts]
            futures.append(self.client.submit(_reduce_on_worker, fn, shared_f, *picked, pure=False))
        for done, _ in enumerate(as_completed(futures), start=1):
            self.progress(stage, done, len(futures))
        return list(self.client.gather(futures))

    def close(self) -> None:
        """Close the client, and the LocalCluster if this executor started it."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class ClusterUnavailable(RuntimeError):
    """``--cluster`` cannot be used: the ``cluster`` extra is missing, the spec is not
    ``local:N`` or an address, or the scheduler does not answer."""


def make_executor(
    cluster: str | None = None, *, workers: int | None = None, progress: Progress = _quiet
) -> Executor:
    """The executor for ``--cluster``: None -> local workers; ``local:N`` -> a Dask
    LocalCluster of N single-threaded worker processes; anything else -> a scheduler address
    (``tcp://HOST:8786``)."""
    if not cluster:
        return LocalExecutor(default_workers() if workers is None else workers, progress)
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ClusterUnavailable(
            "--cluster needs Dask: pip install 'reportaudit[cluster]' (dask, distributed)"
        ) from e
    if cluster.startswith("local:"):
        try:
            n = int(cluster.removeprefix("local:"))
        except ValueError:
            raise ClusterUnavailable(
                f"--cluster {cluster!r}: expected local:N (a number)"
            ) from None
        if n < 1:
            raise ClusterUnavailable(f"--cluster {cluster!r}: needs at least one worker")
        lc = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return DaskExecutor(Client(lc), lc, progress)
    try:
        client = Client(cluster, timeout="20s")
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterUnavailable(f"--cluster {cluster}: no Dask scheduler answers ({e})") from e
    return DaskExecutor(client, None, progress)
