"""gunicorn's settings, read from the folder it starts in (the README's Production command).

The app is loaded once, in the master, and every worker is a fork of it: a worker that starts
(at first, after a crash, after `max_requests`, or one more asked for with TTIN) answers at once
instead of importing the app and loading the course for a second or more, and the workers share
the loaded code's memory pages until they write to them. Nothing opened before the fork is used
after it: each worker drops the database connections it inherited (the app opens none while
loading) and opens its own. Because the app is preloaded, HUP reloads gunicorn's settings but
not the app: restart gunicorn after changing code, content or the environment.
"""

import gc

preload_app = True


def when_ready(server):
    """The master has loaded the app: what it allocated so far stays where it is, so the
    workers' garbage collector never touches (and so never copies) those shared pages."""
    gc.freeze()


def post_fork(server, worker):
    from extensions import db

    app = server.app.wsgi()  # the app the master loaded
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)  # the parent's connections stay the parent's
