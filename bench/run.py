"""`make bench`: the pages of issue 19 under load against gunicorn, on SQLite and PostgreSQL.

For each database: seed the large programme (bench/seed.py; `--scale 0.05` for a quick try),
count SQL statements and bytes per page in process, then start gunicorn, sign in as a learner,
a mentor and staff (their session cookies) and load each page with wrk at 32 concurrent
connections (Debian's wrk: `make bench` installs it).
Prints one table per database and writes bench/results/<date>-<database>.json; compare two
runs with `--compare a.json b.json`.

    .venv/bin/python bench/run.py --scale 0.05 --database sqlite
    .venv/bin/python bench/run.py --compare bench/results/a.json bench/results/b.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import time
from datetime import datetime
from pathlib import Path

from seed import ROOT, analyse, bench_app, organisation_with_staff, seed_programme, sign_in
from server import TRIVIAL, get, load, settle, start_server, worker_start, workers

RESULTS = Path(__file__).resolve().parent / "results"
FULL = {"learners": 20_000, "mentors": 1_000, "pairs": 10_000, "entries": 200_000}
FULL_ATTEMPTS = 60_000
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def scaled(scale: float) -> dict[str, int]:
    counts = {name: max(2, int(n * scale)) for name, n in FULL.items()}
    counts["attempts"] = max(2, int(FULL_ATTEMPTS * scale))
    return counts


# Seeding and the in-process pass --------------------------------------------------------------


def people_and_pages(app, organisation, staff) -> tuple[dict[str, object], dict[str, tuple]]:
    """(who signs in, {page: (who, path)}): a paired learner with progress, their mentor."""
    import sqlalchemy as sa

    from accounts.models import Membership, User
    from extensions import db
    from mentoring.models import Mentorship

    active = sa.select(Membership.user_id).where(
        Membership.organisation_id == organisation.id, Membership.deactivated_at.is_(None)
    )
    pair = db.session.scalars(
        sa.select(Mentorship)
        .where(Mentorship.state == "active", Mentorship.mentee_id.in_(active))
        .order_by(Mentorship.id)
    ).first()
    learner, mentor = db.session.get(User, pair.mentee_id), db.session.get(User, pair.mentor_id)
    for user in (learner, mentor):
        user.confirmed_at = user.confirmed_at or datetime.now()  # the seeder writes none
    db.session.commit()
    course = app.extensions["catalogue"].courses[0]
    module = course.modules[0]
    key = module.assignments("en").assignments[0].key
    client = app.test_client()
    sign_in(client, learner)
    with app.app_context():  # its own g, as each request has in a server
        begun = client.post(f"/courses/{course.slug}/{module.slug}/quiz")
    question = begun.headers.get("Location", f"/courses/{course.slug}/{module.slug}/quiz")
    org = f"/organisations/{organisation.slug}"
    pages = {
        "learner dashboard": ("learner", "/dashboard"),
        "module section": (
            "learner",
            f"/courses/{course.slug}/{module.slug}/{module.sections[0].slug}",
        ),
        "quiz question": ("learner", question.removeprefix("http://herstart.bench")),
        "logbook entry": ("learner", f"/logbook/{course.slug}/{key}"),
        "mentor inbox": ("mentor", "/mentor/"),
        "staff dashboard": ("staff", "/dashboard"),
        "members": ("staff", f"{org}/people"),
        "learners": ("staff", f"{org}/learners"),
        "programme overview": ("staff", f"{org}/programme"),
        "pairs": ("staff", f"{org}/programme/pairs"),
        "logbook overview": ("staff", f"/logbook/staff/{organisation.slug}/"),
        "reports": ("staff", f"{org}/reports"),
    }
    return {"learner": learner, "mentor": mentor, "staff": staff}, pages


class Counter:
    """Counts the statements SQLAlchemy sends while it listens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args) -> None:
        self.count += 1


def in_process(app, people, pages) -> dict[str, dict]:
    """Status, SQL statements and bytes of each page, one request each after a warm-up."""
    from sqlalchemy import event

    from extensions import db

    clients = {}
    for role, user in people.items():
        clients[role] = app.test_client()
        sign_in(clients[role], user)
    found = {}
    for page, (role, path) in pages.items():
        with app.app_context():  # its own g, as each request has in a server
            clients[role].get(path)  # warm-up: first-use costs are not the page's
        counting = Counter()
        event.listen(db.engine, "before_cursor_execute", counting)
        started = time.perf_counter()
        with app.app_context():
            response = clients[role].get(path)
        took = (time.perf_counter() - started) * 1000
        event.remove(db.engine, "before_cursor_execute", counting)
        found[page] = {
            "status": response.status_code,
            "statements": counting.count,
            "bytes": len(response.data),
            "in_process_ms": round(took, 1),
        }
    return found


def session_cookies(app, people, secret: str) -> dict[str, str]:
    """Each person's signed session cookie, as the server (with `secret`) will read it."""
    app.config["SECRET_KEY"] = secret
    cookies = {}
    for role, user in people.items():
        client = app.test_client()
        sign_in(client, user)
        name, domain = app.config["SESSION_COOKIE_NAME"], app.config["SERVER_NAME"]
        cookie = client.get_cookie(name, domain=domain or "localhost")
        cookies[role] = f"{cookie.key}={cookie.value}"
    return cookies


# One database, the table, the comparison ------------------------------------------------------


def run(database: str, args: argparse.Namespace) -> dict:
    if database == "postgresql":
        os.environ["BENCH_DATABASE_URL"] = args.postgres
    else:
        os.environ.pop("BENCH_DATABASE_URL", None)
    secret = secrets.token_urlsafe(48)
    with bench_app() as (app, _name):
        organisation, staff = organisation_with_staff()
        started = time.perf_counter()
        counts = seed_programme(organisation, **scaled(args.scale))
        analyse()
        seeded = time.perf_counter() - started
        print(
            f"{database}: seeded in {seeded:.0f} s: "
            + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        )
        people, pages = people_and_pages(app, organisation, staff)
        measured = in_process(app, people, pages)
        cookies = session_cookies(app, people, secret)
        url = str(app.config["SQLALCHEMY_DATABASE_URI"])
        process, port, first = start_server(url, secret, args.workers)
        try:
            for page, (role, path) in pages.items():
                try:  # each worker's first request is not the load's
                    get(port, path, cookies[role])
                except (OSError, http.client.HTTPException):
                    pass  # a timeout here is counted by the load that follows
                measured[page].update(
                    load(port, path, cookies[role], args.seconds, args.connections)
                )
                measured[page]["path"] = path
                settle(port)
                print(f"  {page}: p95 {measured[page]['p95_ms']} ms")
            trivial = load(port, TRIVIAL, None, args.seconds, args.connections)
            rss = sorted(workers(process.pid).values())
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        learner, module_page = cookies["learner"], pages["module section"][1]
        restart = worker_start(url, secret, module_page, learner)
    ratio = measured["module section"]["per_second"] / max(trivial["per_second"], 0.1)
    return {
        "database": database,
        "date": datetime.now().isoformat(timespec="seconds"),
        "scale": args.scale,
        "counts": counts,
        "seconds_to_seed": round(seeded, 1),
        "connections": args.connections,
        "seconds_per_page": args.seconds,
        "workers": args.workers,
        "load_average": os.getloadavg(),
        "start_to_first_200_s": round(first, 2),
        "worker_start_to_first_200_s": restart,
        "worker_rss_mib": rss,
        "trivial": trivial,
        "module_to_trivial_throughput": round(ratio, 3),
        "pages": measured,
    }


def statements_only(database: str, args: argparse.Namespace) -> None:
    """The in-process pass alone (no server, no load): statements, bytes and one request's time
    per page, to see quickly whether a page's statements grow with the data."""
    if database == "postgresql":
        os.environ["BENCH_DATABASE_URL"] = args.postgres
    else:
        os.environ.pop("BENCH_DATABASE_URL", None)
    with bench_app() as (app, _name):
        organisation, staff = organisation_with_staff()
        counts = seed_programme(organisation, **scaled(args.scale))
        analyse()
        people, pages = people_and_pages(app, organisation, staff)
        print(f"== {database}, scale {args.scale} ({counts['learners']:,} learners), in process ==")
        for page, r in in_process(app, people, pages).items():
            print(
                f"{page:20} {r['status']:4d} {r['statements']:5d} SQL {r['bytes'] / 1024:8.1f} KiB"
                f" {r['in_process_ms']:9.1f} ms"
            )


def table(result: dict) -> str:
    lines = [
        f"== {result['database']}, scale {result['scale']} ({result['counts']['learners']:,} "
        f"learners), {result['connections']} connections, {result['workers']} workers ==",
        f"{'page':20} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'SQL':>5} {'KiB':>8} {'errors':>6}",
    ]
    for page, r in result["pages"].items():
        lines.append(
            f"{page:20} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['per_second']:7.1f} "
            f"{r['statements']:5d} {r['bytes'] / 1024:8.1f} {r['errors']:6d}"
        )
    t = result["trivial"]
    lines += [
        f"{'trivial endpoint':20} {t['p50_ms']:8.1f} {t['p95_ms']:8.1f} {t['per_second']:7.1f}"
        f"  ({TRIVIAL})",
        f"gunicorn start to first 200: {result['start_to_first_200_s']} s; a new worker's start"
        f" to its first module page: {result.get('worker_start_to_first_200_s', '?')} s",
        f"worker RSS after the load: {', '.join(f'{m} MiB' for m in result['worker_rss_mib'])}",
        f"module page throughput / trivial endpoint: {result['module_to_trivial_throughput']:.0%}",
    ]
    return "\n".join(lines)


def compare(first: Path, second: Path) -> None:
    a, b = (json.loads(Path(p).read_text()) for p in (first, second))
    print(f"{'page':20} {'p95 a':>8} {'p95 b':>8} {'b/a':>6} {'SQL a':>6} {'SQL b':>6}")
    for page in a["pages"]:
        x, y = a["pages"][page], b["pages"].get(page)
        if y is None:
            continue
        ratio = y["p95_ms"] / x["p95_ms"] if x["p95_ms"] else float("nan")
        print(
            f"{page:20} {x['p95_ms']:8.1f} {y['p95_ms']:8.1f} {ratio:6.2f} "
            f"{x['statements']:6d} {y['statements']:6d}"
        )
    keys = ("start_to_first_200_s", "worker_start_to_first_200_s", "worker_rss_mib")
    for key in (*keys, "module_to_trivial_throughput"):
        print(f"{key}: {a.get(key)} -> {b.get(key)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="of the issue's data set (1.0)")
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL") or POSTGRES)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=10, help="of load per page (10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument(
        "--statements-only", action="store_true", help="the in-process pass alone, no server"
    )
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    databases = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    if args.statements_only:
        for database in databases:
            statements_only(database, args)
        return
    RESULTS.mkdir(exist_ok=True)
    for database in databases:
        result = run(database, args)
        path = RESULTS / f"{datetime.now():%Y-%m-%d-%H%M}-{database}.json"
        path.write_text(json.dumps(result, indent=2))
        print(table(result))
        print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
