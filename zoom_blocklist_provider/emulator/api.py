"""The five blocked-list operations at Zoom's paths, with Zoom's status codes, shapes and quirks.

Routing, then one function per operation from the request's parts to a Reply. Authentication, rate
limits, faults and the socket are the server's job; this module never sees a token and never imports
outside emulator/.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from .config import (
    CLASSIC_READ_SCOPE,
    CLASSIC_WRITE_SCOPE,
    DELETE_SCOPE,
    READ_LIST_SCOPE,
    READ_SCOPE,
    UPDATE_SCOPE,
    WRITE_SCOPE,
)
from .fields import PATCH_ENUMS, Refused, check_body, validation_failed
from .reply import Reply, json_reply, no_content, zoom_error
from .state import Store

COLLECTION = "/v2/phone/blocked_list"
DEFAULT_PAGE_SIZE = 30
MAX_PAGE_SIZE = 100  # larger asks are clamped to it, as Zoom does, and the reply's page_size says so

Handler = Callable[[Store, str, dict[str, str], bytes], Reply]


@dataclass(frozen=True)
class Operation:
    """One API operation: its rate-limit label and the scopes that allow it (the granular one first)."""

    name: str
    category: str
    scopes: tuple[str, ...]
    run: Handler


def _json_body(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Refused(zoom_error(400, 300, "Request Body should be a valid JSON object.")) from None


def _page_size(query: dict[str, str]) -> int:
    raw = query.get("page_size", "")
    if raw == "":
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise validation_failed([("page_size", f"'{raw}' is not an integer")]) from None
    if size < 1:
        raise validation_failed([("page_size", "must be at least 1")])
    return min(size, MAX_PAGE_SIZE)


def list_entries(store: Store, _entry_id: str, query: dict[str, str], _body: bytes) -> Reply:
    size = _page_size(query)
    entries, next_token, total = store.page(size, query.get("next_page_token", ""))
    return json_reply(
        200,
        {
            "blocked_list": [entry.public() for entry in entries],
            "next_page_token": next_token,
            "page_size": size,
            "total_records": total,
        },
    )


def create_entry(store: Store, _entry_id: str, _query: dict[str, str], body: bytes) -> Reply:
    entry = store.create(check_body(_json_body(body)))
    return json_reply(201, {"id": entry.id})


def get_entry(store: Store, entry_id: str, _query: dict[str, str], _body: bytes) -> Reply:
    return json_reply(200, store.get(entry_id).public())


def update_entry(store: Store, entry_id: str, _query: dict[str, str], body: bytes) -> Reply:
    store.update(entry_id, check_body(_json_body(body), enums=PATCH_ENUMS, required=()))
    return no_content()


def delete_entry(store: Store, entry_id: str, _query: dict[str, str], _body: bytes) -> Reply:
    store.delete(entry_id)
    return no_content()


COLLECTION_OPERATIONS = {
    "GET": Operation("list", "Medium", (READ_LIST_SCOPE, CLASSIC_READ_SCOPE), list_entries),
    "POST": Operation("create", "Light", (WRITE_SCOPE, CLASSIC_WRITE_SCOPE), create_entry),
}
ITEM_OPERATIONS = {
    "GET": Operation("get", "Light", (READ_SCOPE, CLASSIC_READ_SCOPE), get_entry),
    "PATCH": Operation("update", "Light", (UPDATE_SCOPE, CLASSIC_WRITE_SCOPE), update_entry),
    "DELETE": Operation("delete", "Light", (DELETE_SCOPE, CLASSIC_WRITE_SCOPE), delete_entry),
}


def route(method: str, path: str) -> tuple[Operation, str] | Reply:
    """The operation and entry id a request names, or Zoom's 404 (unknown path) or 405 (known path)."""
    if path == COLLECTION:
        operations, entry_id = COLLECTION_OPERATIONS, ""
    elif path.startswith(COLLECTION + "/") and "/" not in path[len(COLLECTION) + 1 :]:
        operations, entry_id = ITEM_OPERATIONS, unquote(path[len(COLLECTION) + 1 :])
        if not entry_id:
            return not_found(path)
    else:
        return not_found(path)
    operation = operations.get(method)
    if operation is None:
        reply = zoom_error(405, 405, f"Method {method} is not allowed on {path}.")
        reply.headers["Allow"] = ", ".join(operations)
        return reply
    return operation, entry_id


def not_found(path: str) -> Reply:
    return zoom_error(404, 404, f"No API at {path}.")


def run(operation: Operation, store: Store, entry_id: str, query: dict[str, str], body: bytes) -> Reply:
    try:
        return operation.run(store, entry_id, query, body)
    except Refused as refused:
        return refused.reply
