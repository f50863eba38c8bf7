"""Every rule in the URL map has an inventory row, and every refusal in the inventory holds."""

import importlib
import pkgutil

import pytest

import tests.routes as inventory
from tests.routes import LOGIN, OK, ROLES, build_world


def all_routes():
    rows = []
    for info in pkgutil.iter_modules(inventory.__path__):
        module = importlib.import_module(f"tests.routes.{info.name}")
        rows.extend(module.ROUTES)
    return rows


ROUTES = all_routes()


def test_every_rule_has_an_inventory_row(app):
    listed = {(r.endpoint, r.method) for r in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (rule.endpoint, method) not in listed:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert not missing, "routes without an inventory row:\n" + "\n".join(sorted(missing))


def test_every_inventory_row_names_a_real_rule(app):
    real = {(r.endpoint, m) for r in app.url_map.iter_rules() for m in r.methods}
    assert [f"{r.method} {r.endpoint}" for r in ROUTES if (r.endpoint, r.method) not in real] == []


def _outcome(response) -> object:
    if response.status_code in (301, 302, 303) and "/login" in response.headers["Location"]:
        return LOGIN
    if response.status_code < 400:
        return OK
    return response.status_code


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_access(app, make, route):
    world = build_world(make)
    if route.setup:
        route.setup(world, make)
    wrong = []
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            with client.session_transaction() as session:
                session["_user_id"] = world.people[role].get_id()
                session["_fresh"] = True
        data = route.data(world) if route.data else {}
        response = client.open(route.url(world), method=route.method, data=data)
        got, expected = _outcome(response), route.expect[role]
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got} ({response.status_code})")
    assert not wrong, f"{route.method} {route.url(world)}\n" + "\n".join(wrong)
