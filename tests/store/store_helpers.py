"""Helpers shared by the store tests: building realistic imports through the public API.

Why a module (not conftest): tests and child processes import these by name.
"""

from __future__ import annotations

from typing import Any

from reportaudit.store import PreparedImport, import_revision, prepare_import


def doc_dict(text: str, parser_version: str = "test-1") -> dict[str, Any]:
    """A small Document.to_dict()-shaped dict: one root section spanning the text."""
    return {
        "parser_version": parser_version,
        "title": text.splitlines()[0] if text else "",
        "warnings": [],
        "sections": [
            {
                "index": 0,
                "parent": None,
                "depth": 0,
                "style": "root",
                "number": "",
                "value": None,
                "title": "",
                "path": [],
                "canonical": "preamble",
                "heading_start": 0,
                "heading_end": 0,
                "end": len(text),
                "marker_lost": False,
            }
        ],
        "paragraphs": [],
    }


def prep(
    content: str,
    *,
    unit: str = "新区党群工作部",
    year: int | None = 2021,
    kind: str = "部门整体支出",
    region: str | None = None,
    filename: str | None = None,
    actor: str = "tester",
    **extra: Any,
) -> PreparedImport:
    """``content`` (UTF-8 bytes, text = content) checked and ready to store."""
    return prepare_import(
        data=content.encode("utf-8"),
        filename=filename or f"{unit}-{year}.txt",
        fmt="txt",
        encoding="utf-8",
        text=content,
        document_dict=doc_dict(content),
        parser_version="test-1",
        unit=unit,
        year=year,
        kind=kind,
        region=region,
        actor=actor,
        **extra,
    )


def add(session: Any, content: str, **options: Any) -> Any:
    """Import ``content`` (UTF-8 bytes, text = content) through the public API; ``options``
    as ``prep`` takes them."""
    return import_revision(session, prep(content, **options))


OTHER_BODY = """
一、部门基本情况
（一）主要职能
负责全县畜牧兽医技术推广、动物疫病监测预警和兽药饲料质量抽检，指导乡镇畜牧站开展基层防疫。
（二）机构设置
内设办公室、防疫股、检测中心三个机构，下属乡镇畜牧兽医站十二个，年末在职人员四十八人。
二、绩效目标完成情况
春秋两季集中免疫覆盖全县所有规模养殖场，口蹄疫和高致病性禽流感免疫密度均达到任务要求。
检测中心全年完成血清学抽检样品三千二百份，抗体合格率高于省定标准，未发生区域性重大疫情。
三、存在问题
部分乡镇防疫员年龄偏大，冷链设备老化，边远村组疫苗运输时间偏长，影响免疫效果评估。
四、下一步措施
计划分批更新冷链运输箱，组织防疫员轮训，并把抗体检测结果纳入乡镇站年度考核。
"""
"""The body of an invented report that shares the genre's headings but not its text with
the qingchuan_agri fixtures: under their title it is a same-label file that is not kin."""


def add_at_0001(session: Any, content: str, *, unit: str = "新区党群工作部") -> int:
    """Import ``content`` the way schema 0001 did (its rows and event, no labels): for
    tests of stores written by older versions, which today's ``import_revision`` can't
    write to."""
    from sqlalchemy import text

    from reportaudit.store.events import append_event
    from reportaudit.store.hashing import canonical_json, iso_utc, sha256_hex, text_sha256
    from reportaudit.store.types import utcnow

    data, at = content.encode("utf-8"), utcnow()
    sha = sha256_hex(data)
    key = canonical_json([unit, 2021, "部门整体支出", None])
    session.execute(
        text(
            "INSERT INTO report (key, unit, year, kind, region, created_at) "
            "VALUES (:k, :u, 2021, '部门整体支出', NULL, :at)"
        ),
        {"k": key, "u": unit, "at": at},
    )
    report_id = session.execute(text("SELECT id FROM report WHERE key = :k"), {"k": key}).scalar()
    session.execute(
        text("INSERT INTO original (sha256, size, data, stored_at) VALUES (:s, :n, :d, :at)"),
        {"s": sha, "n": len(data), "d": data, "at": at},
    )
    session.execute(
        text(
            "INSERT INTO revision (report_id, number, parent_id, original_sha256, filename, "
            "format, encoding, actor, imported_at, note) "
            "VALUES (:r, 1, NULL, :s, 'a.txt', 'txt', 'utf-8', 'tester', :at, NULL)"
        ),
        {"r": report_id, "s": sha, "at": at},
    )
    rev_id = session.execute(
        text("SELECT id FROM revision WHERE original_sha256 = :s"), {"s": sha}
    ).scalar()
    doc = canonical_json(doc_dict(content))
    session.execute(
        text(
            "INSERT INTO derivation (revision_id, parser_version, text, text_sha256, "
            "document_json, document_sha256, created_at) "
            "VALUES (:r, 'test-1', :t, :ts, :d, :ds, :at)"
        ),
        {
            "r": rev_id,
            "t": content,
            "ts": text_sha256(content),
            "d": doc,
            "ds": text_sha256(doc),
            "at": at,
        },
    )
    append_event(
        session,
        actor="tester",
        action="import",
        subject=f"revision {rev_id}",
        details={
            "revision": rev_id,
            "report_id": report_id,
            "report": {"unit": unit, "year": 2021, "kind": "部门整体支出", "region": None},
            "number": 1,
            "parent": None,
            "sha256": sha,
            "size": len(data),
            "filename": "a.txt",
            "format": "txt",
            "encoding": "utf-8",
            "imported_at": iso_utc(at),
            "note": None,
            "parser_version": "test-1",
            "text_sha256": text_sha256(content),
            "document_sha256": text_sha256(doc),
        },
    )
    return int(rev_id)


def tamper(url: str, *statements: str, params: tuple[Any, ...] = ()) -> None:
    """Change the database behind the store's back, as an attacker with the file would:
    drop the append-only triggers first, then run ``statements`` and commit.

    SQLite goes through the stdlib ``sqlite3`` module on the file itself; PostgreSQL
    through a plain psycopg connection in the test's schema.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        con = sqlite3.connect(str(parsed.database))
        try:
            names = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
            ]
            for name in names:
                con.execute(f'DROP TRIGGER "{name}"')
            for sql in statements:
                con.execute(sql, params)
            con.commit()
        finally:
            con.close()
        return
    import psycopg

    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        conn.execute("DROP FUNCTION IF EXISTS reportaudit_append_only() CASCADE")
        for sql in statements:
            conn.execute(sql.replace("?", "%s"), params)
        conn.commit()


def import_many(
    url: str, label: str, count: int, barrier: Any, results: Any, pause: float = 0.0
) -> None:
    """Child-process body for the concurrency test: open the store (maybe creating it), wait
    for the sibling, then import ``count`` distinct files, one transaction each."""
    import time

    from reportaudit.store import open_store

    try:
        barrier.wait(timeout=60)
        store = open_store(url)
        ids = []
        for i in range(count):
            with store.transaction() as session:
                content = f"{label} 第{i}稿\n一、基本情况\n"
                result = add(session, content, unit=f"单位{label}", filename=f"{label}-{i}.txt")
                ids.append(result.revision.id)
            time.sleep(pause)  # like the CLI extracting the next file between transactions
        store.close()
        results.put((label, ids, None))
    except BaseException as exc:  # report any failure to the parent instead of hanging it
        results.put((label, [], f"{type(exc).__name__}: {exc}"))
