"""DiffConfig as the engine receives it: a changed setting is a change, one that moves the entries replaces."""

from __future__ import annotations

from typing import Any

from pulumi.runtime import proto

from tests.conftest import ACCOUNT_ID, CLIENT_SECRET
from tests.native.harness import PROVIDER_URN, NativeServer, secret, to_struct

OLD = {"accountId": ACCOUNT_ID, "clientId": "client-1", "clientSecret": secret(CLIENT_SECRET), "rateLimit": 40.0}


def diff_config(plugin: NativeServer, news: dict[str, Any], olds: dict[str, Any] = OLD) -> Any:
    request = proto.DiffRequest(
        urn=PROVIDER_URN.format(name="default_0_1_0"), id="provider-id", olds=to_struct(olds), news=to_struct(news)
    )
    return plugin.call("DiffConfig", request)


def detailed(reply: Any) -> dict[str, int]:
    return {key: diff.kind for key, diff in reply.detailedDiff.items()}


def test_the_same_settings_are_no_change(plugin: NativeServer) -> None:
    reply = diff_config(plugin, dict(OLD))
    assert reply.changes == proto.DiffResponse.DIFF_NONE
    assert (list(reply.replaces), detailed(reply)) == ([], {})


def test_a_rotated_secret_is_a_change_that_replaces_nothing(plugin: NativeServer) -> None:
    reply = diff_config(plugin, {**OLD, "clientSecret": secret("rotated-secret-value")})
    assert reply.changes == proto.DiffResponse.DIFF_SOME
    assert list(reply.replaces) == []
    assert detailed(reply) == {"clientSecret": proto.PropertyDiff.UPDATE}
    assert CLIENT_SECRET not in str(reply)
    assert "rotated-secret-value" not in str(reply)


def test_a_corrected_url_and_rate_are_changes_in_place(plugin: NativeServer) -> None:
    reply = diff_config(plugin, {**OLD, "apiUrl": "http://127.0.0.1:9/v2", "rateLimit": 20.0})
    assert reply.changes == proto.DiffResponse.DIFF_SOME
    assert list(reply.replaces) == []
    assert detailed(reply) == {"apiUrl": proto.PropertyDiff.UPDATE, "rateLimit": proto.PropertyDiff.UPDATE}


def test_another_account_replaces_every_resource_of_the_provider(plugin: NativeServer) -> None:
    reply = diff_config(plugin, {**OLD, "accountId": "another-account"})
    assert reply.changes == proto.DiffResponse.DIFF_SOME
    assert list(reply.replaces) == ["accountId"]
    assert reply.deleteBeforeReplace is False
    assert detailed(reply) == {"accountId": proto.PropertyDiff.UPDATE_REPLACE}


def test_another_cloud_replaces_and_naming_the_default_cloud_does_not(plugin: NativeServer) -> None:
    assert diff_config(plugin, {**OLD, "cloud": "commercial"}).changes == proto.DiffResponse.DIFF_NONE
    reply = diff_config(plugin, {**OLD, "cloud": "gov"})
    assert (reply.changes, list(reply.replaces)) == (proto.DiffResponse.DIFF_SOME, ["cloud"])


def test_a_setting_removed_or_left_empty_is_the_same_as_absent(plugin: NativeServer) -> None:
    assert diff_config(plugin, {**OLD, "apiUrl": ""}).changes == proto.DiffResponse.DIFF_NONE
    news = {key: value for key, value in OLD.items() if key != "rateLimit"}
    assert detailed(diff_config(plugin, news)) == {"rateLimit": proto.PropertyDiff.UPDATE}
