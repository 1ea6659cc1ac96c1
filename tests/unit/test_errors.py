"""The error tree: the status/code/message table, one-line messages, hints, and no secrets."""

from __future__ import annotations

import pytest

from zoom_blocklist_provider.core.errors import (
    TABLE,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PathNotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    Rule,
    ServerError,
    ZoomAPIError,
    ZoomError,
    api_error,
    error_class_for,
)


@pytest.mark.parametrize("rule", TABLE, ids=lambda rule: f"{rule.cls.__name__}-{rule.example}")
def test_every_table_row_is_the_first_match_for_its_example(rule: Rule) -> None:
    status, code = rule.statuses[0], min(rule.codes) if rule.codes else None
    assert next(row for row in TABLE if row.matches(status, code, rule.example)) is rule
    assert error_class_for(status, code, rule.example) is rule.cls


@pytest.mark.parametrize(
    ("status", "code", "message", "cls"),
    [
        (400, 300, "Invalid country.", InvalidRequestError),
        (409, None, "Blocked number already exists.", ConflictError),
        (400, 400, "Blocked number (Id: abc) does not exist.", NotFoundError),
        (400, 300, "Validation Failed. Blocked number (Id: abc) does not exist.", NotFoundError),
        (400, 404, "Blocked number (Id: abc) does not exist.", NotFoundError),
        (400, 301, "Blocked number (Id: abc) does not exist.", InvalidRequestError),
        (404, 404, "Blocked number (Id: abc) does not exist.", NotFoundError),
        (404, None, "", PathNotFoundError),
        (404, 404, "No API at /phone/blocked_list.", PathNotFoundError),
        (403, None, "Zoom Phone has not been enabled for this account", PermissionDeniedError),
        (401, 124, "Access token is expired.", AuthenticationError),
        (401, 124, "Invalid access token.", AuthenticationError),
        (
            400,
            4711,
            "Invalid access token, does not contain scopes:[phone:read:admin].",
            PermissionDeniedError,
        ),
        (
            401,
            4711,
            "Invalid access token, does not contain scopes:[phone:read:admin].",
            PermissionDeniedError,
        ),
        (400, 4702, "Invalid client_id or client_secret", AuthenticationError),
        (422, None, "Unprocessable", InvalidRequestError),
        (429, 429, "You have reached the maximum per-second rate limit", RateLimitedError),
        (502, None, "Bad Gateway", ServerError),
        (302, None, "Found", ZoomAPIError),
    ],
)
def test_api_md_situations_map_to_their_class(status: int, code: int | None, message: str, cls: type) -> None:
    assert error_class_for(status, code, message) is cls


def test_str_tells_the_whole_story_on_one_line() -> None:
    error = api_error(
        400,
        300,
        "Validation Failed.\nBlocked number (Id: abc) does not exist.",
        operation="delete blocked number",
        entry="abc",
        tracking_id="WEB_123",
    )
    assert isinstance(error, NotFoundError)
    assert str(error) == (
        "delete blocked number abc: HTTP 400, Zoom code 300: "
        "Validation Failed. Blocked number (Id: abc) does not exist. (tracking id WEB_123)"
    )


def test_str_omits_absent_parts() -> None:
    assert str(ZoomError("boom")) == "boom"
    assert str(ZoomError("boom", operation="list blocked numbers", hint="try later")) == (
        "list blocked numbers: boom. Try later"
    )


def test_missing_scope_hint_names_the_scope_from_the_message() -> None:
    error = api_error(
        400, 4711, "Invalid access token, does not contain scopes:[phone:write:blocked_list:admin].",
        operation="create blocked number", entry="+19075550100",
    )  # fmt: skip
    assert str(error) == (
        "create blocked number +19075550100: HTTP 400, Zoom code 4711: Invalid access token, does not "
        "contain scopes:[phone:write:blocked_list:admin]. Add the scope phone:write:blocked_list:admin "
        "to the Server-to-Server OAuth app in the Zoom App Marketplace"
    )


def test_missing_scope_hint_falls_back_to_the_scope_the_operation_needs() -> None:
    error = api_error(
        403, None, "Forbidden.", operation="delete blocked number", scope="phone:delete:blocked_list:admin"
    )
    assert error.hint == (
        "add the scope phone:delete:blocked_list:admin to the Server-to-Server OAuth app in the Zoom App Marketplace"
    )


def test_zoom_phone_not_enabled_says_what_to_enable() -> None:
    error = api_error(403, None, "Zoom Phone has not been enabled for this account", operation="list blocked numbers")
    assert str(error) == (
        "list blocked numbers: HTTP 403: Zoom Phone has not been enabled for this account. "
        "Assign Zoom Phone to the account (a Pro or higher plan with a Zoom Phone license)"
    )


def test_expired_token_after_refresh_names_the_credentials() -> None:
    error = api_error(401, 124, "Invalid access token.", operation="get blocked number", entry="abc")
    assert str(error) == (
        "get blocked number abc: HTTP 401, Zoom code 124: Invalid access token. A fresh access token was "
        "refused too: check the app is activated; check zoom:accountId / zoom:clientId / zoom:clientSecret "
        "in the stack config (or ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET in the environment)"
    )


def test_daily_limit_says_it_is_reached_and_when_it_resets() -> None:
    error = api_error(
        429, 429, "You have reached the maximum daily rate limit for this API.",
        operation="list blocked numbers", retry_after=30.0, limit_type="Daily-limit",
        reset_hint="it resets at 2020-05-31T00:00:00Z",
    )  # fmt: skip
    assert isinstance(error, RateLimitedError)
    assert (error.retry_after, error.limit_type) == (30.0, "Daily-limit")
    assert str(error) == (
        "list blocked numbers: HTTP 429, Zoom code 429: the account's daily rate limit is reached: "
        "You have reached the maximum daily rate limit for this API. It resets at 2020-05-31T00:00:00Z"
    )


def test_configuration_error_is_a_value_error() -> None:
    error = ConfigurationError("missing client_secret", operation="reading Zoom credentials")
    assert isinstance(error, ValueError)
    assert str(error) == "reading Zoom credentials: missing client_secret"


def test_repr_is_the_class_and_the_line() -> None:
    assert repr(ConflictError("Blocked number already exists.", status=409)) == (
        "ConflictError('HTTP 409: Blocked number already exists.')"
    )


def test_with_hint_returns_a_copy_with_the_new_hint() -> None:
    error = api_error(409, None, "Blocked number already exists.", operation="create blocked number")
    changed = error.with_hint("set adopt=True")
    assert type(changed) is ConflictError
    assert str(changed) == "create blocked number: HTTP 409: Blocked number already exists. Set adopt=True"
    assert error.hint == ""  # each operation says what fixes a 409 for it
