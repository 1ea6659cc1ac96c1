"""The admin path under /_emulator/: what tests and benchmarks use to inspect and steer the emulator.

These requests are never logged, never faulted, never rate limited and need no token: they are the test's
hands, not Zoom's API. Out-of-band entry edits go through Zoom's own field checks, as the web portal's do.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote

from .app import App
from .faults import parse_chaos, parse_fault
from .fields import Refused, check_body
from .reply import Reply, json_reply, no_content, zoom_error

PREFIX = "/_emulator"
ENTRIES = f"{PREFIX}/entries"
IDS = f"{PREFIX}/ids"


def handle(app: App, method: str, path: str, body: bytes) -> Reply:
    try:
        return _dispatch(app, method, path, body)
    except Refused as refused:
        return refused.reply


def _dispatch(app: App, method: str, path: str, body: bytes) -> Reply:
    simple = {
        ("GET", f"{PREFIX}/requests"): lambda: json_reply(200, app.log.snapshot()),
        ("DELETE", f"{PREFIX}/requests"): lambda: _done(app.log.clear),
        ("POST", f"{PREFIX}/reset"): lambda: _done(app.reset),
        ("POST", f"{PREFIX}/expire-tokens"): lambda: _done(app.authority.expire_all),
        ("POST", f"{PREFIX}/faults"): lambda: _add_fault(app, body),
        ("GET", f"{PREFIX}/faults"): lambda: json_reply(200, {"pending": app.faults.pending()}),
        ("POST", f"{PREFIX}/chaos"): lambda: _set_chaos(app, body),
        ("GET", f"{PREFIX}/tokens"): lambda: json_reply(200, app.authority.issued()),
        ("GET", ENTRIES): lambda: json_reply(200, [entry.full() for entry in app.store.all()]),
        ("POST", ENTRIES): lambda: _add_entry(app, _json(body)),
        ("GET", IDS): lambda: json_reply(200, app.store.queued_ids()),
        ("POST", IDS): lambda: _issue_ids(app, _json(body)),
    }
    action = simple.get((method, path))
    if action is not None:
        return action()
    if path.startswith(ENTRIES + "/") and method in ("PATCH", "DELETE"):
        entry_id = unquote(path[len(ENTRIES) + 1 :])
        if method == "PATCH":
            app.store.update(entry_id, check_body(_json(body), required=()))
        else:
            app.store.delete(entry_id)
        return no_content()
    return zoom_error(404, 404, f"No admin action {method} {path}.")


def _done(action: Callable[[], None]) -> Reply:
    action()
    return no_content()


def _add_entry(app: App, fields: object) -> Reply:
    # "id" is the admin's own field (Zoom's POST takes none): the entry gets exactly that id.
    entry_id = fields.get("id") if isinstance(fields, dict) else None
    created = app.store.create(check_body(fields), entry_id=None if entry_id is None else str(entry_id))
    return json_reply(201, {"id": created.id})


def _issue_ids(app: App, payload: object) -> Reply:
    ids = payload.get("ids") if isinstance(payload, dict) else None
    if not isinstance(ids, list) or not all(isinstance(entry_id, str) for entry_id in ids):
        return zoom_error(400, 300, 'Invalid ids: the body is {"ids": [<id>, ...]}.')
    app.store.issue(ids)
    return no_content()


def _add_fault(app: App, body: bytes) -> Reply:
    try:
        app.faults.add(parse_fault(_json(body)))
    except ValueError as problem:
        return zoom_error(400, 300, f"Invalid fault: {problem}")
    return no_content()


def _set_chaos(app: App, body: bytes) -> Reply:
    try:
        app.faults.set_chaos(parse_chaos(_json(body)))
    except ValueError as problem:
        return zoom_error(400, 300, f"Invalid chaos: {problem}")
    return no_content()


def _json(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        raise Refused(zoom_error(400, 300, "Request Body should be a valid JSON object.")) from None
