"""The `zoom` provider: configuration, then each engine call handed to its resource on a worker thread.

One plugin process serves one provider instance (the default one, from the stack's `zoom:*` config, or an explicit
`zoom.Provider("emea", ...)`, from its inputs), so one process holds one `Account`: its token, limiter and caches
are its own. The experimental server runs every handler on one asyncio loop; the blocking work (HTTP, the rate
limiter's waits) goes to a thread pool sized for the account's rate limit, so calls are served concurrently up to
what the limiter allows, whatever `--parallel` the engine uses. Warnings, the reason of a replacement and each
take-over of an entry go to the engine's log, beside the resource they concern.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from typing import Any, TypeVar

from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import (
    CheckFailure,
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    ConfigureResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    GetSchemaRequest,
    GetSchemaResponse,
    PropertyDiff,
    PropertyDiffKind,
    Provider,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)

from ..core.errors import ConfigurationError
from ..core.settings import ACCOUNT_ID, CLOUD, DEFAULT_CLOUD, KEYS, ZoomSettings, provider_settings, text_of
from ..operations.accounts import MAX_WORKERS, Account
from ..operations.ownership import begin
from .engine_log import EngineLog, current_urn
from .resources import BlockedNumberResource, BlocklistResource
from .schema import BLOCKED_NUMBER, BLOCKLIST, schema
from .values import plain

T = TypeVar("T")
RESOURCES: dict[str, BlockedNumberResource | BlocklistResource] = {
    BLOCKED_NUMBER: BlockedNumberResource(),
    BLOCKLIST: BlocklistResource(),
}
# The settings that say which account holds the entries: changing one replaces every resource of the provider.
MOVING_KEYS = (ACCOUNT_ID, CLOUD)
MOVING_INPUTS = tuple(key.input for key in MOVING_KEYS)
# Threads for blocking work beyond what one account's rate fills: checks, reads and a few set workers.
SPARE_THREADS = 8


class ZoomProvider(Provider):
    def __init__(self, log: EngineLog) -> None:
        self.log = log
        self.instance: str | None = None  # the explicit provider's name; None for the default provider
        self.settings: ZoomSettings = provider_settings({}, None)
        self.account = Account(self.settings)
        self.debug = False  # zoom:debug: an error shows its traceback instead of one line
        self.said: set[str] = set()  # warnings of diff_config already sent
        self.pool = ThreadPoolExecutor(MAX_WORKERS + SPARE_THREADS, thread_name_prefix="zoom-native")

    async def get_schema(self, request: GetSchemaRequest) -> GetSchemaResponse:
        return GetSchemaResponse(json.dumps(schema()))

    async def check_config(self, request: CheckRequest) -> CheckResponse:
        # Remember which provider instance this is, for messages; judge each setting as the plugin resolves it
        # (given, else the environment). The account is what a plan depends on: set nowhere, it fails here, before
        # anything is planned (the client's id and secret only matter to calls, which a preview never makes). Record
        # where the entries live (account and cloud) as resolved, so a later move between the config and the
        # environment is no change, and a real one is seen.
        name = request.name
        self.instance = None if request.type == "pulumi:providers:zoom" and name.startswith("default") else name
        given = {key: plain(value) for key, value in request.new_inputs.items()}
        settings = provider_settings(given, self.instance)
        failures = [
            CheckFailure(key.input, problem) for key in KEYS if (problem := _problem(settings, key.name)) is not None
        ]
        if settings.get(ACCOUNT_ID) is None:
            failures.append(CheckFailure(ACCOUNT_ID.input, settings.set_nowhere(ACCOUNT_ID)))
        return CheckResponse(inputs=resolved_inputs(request.new_inputs, settings), failures=failures)

    async def diff_config(self, request: DiffRequest) -> DiffResponse:
        # Any change of a resolved setting is a change, so the engine configures a new plugin process with it in
        # this very command; one that points at another account replaces every resource of this provider.
        olds = {key: plain(value) for key, value in request.old_state.items()}
        news = {key: plain(value) for key, value in request.new_inputs.items()}
        found = config_diff(olds, news)
        message = moving_message(olds, news, found.replaces) if found.replaces else ""
        if message and message not in self.said:  # the engine asks again for each resource of the provider
            self.said.add(message)
            await self.log.warning(message, request.urn)
        return found

    async def configure(self, request: ConfigureRequest) -> ConfigureResponse:
        args = {key: plain(value) for key, value in request.args.items()}
        if not args:  # an engine that sends the stack config only as variables
            args = {key.split(":", 1)[1]: value for key, value in request.variables.items() if key.startswith("zoom:")}
        self.settings = provider_settings(args, self.instance)
        self.account = Account(self.settings)
        begin(object())  # the engine configures a provider process once, at the start of its command
        self.debug = _debug(self.settings)
        self.log.forward(logging.DEBUG if self.debug else logging.INFO)
        return ConfigureResponse(accept_secrets=True, supports_preview=True, accept_resources=False)

    async def check(self, request: CheckRequest) -> CheckResponse:
        resource = _resource(request.type)
        checked = await self._run(
            request.urn, lambda: resource.check(request.urn, request.old_inputs, request.new_inputs)
        )
        for warning in checked.warnings:
            await self.log.warning(warning, request.urn)
        return CheckResponse(inputs=checked.inputs, failures=checked.failures)

    async def diff(self, request: DiffRequest) -> DiffResponse:
        resource = _resource(request.type)
        found = await self._run(
            request.urn,
            lambda: resource.diff(request.urn, request.resource_id, request.old_state, request.new_inputs),
        )
        if found.replaces and found.reason:
            await self.log.info(found.reason, request.urn)
        # Zoom keeps one entry per number: any replacement, whatever asks for it (a change to or from threat,
        # replaceOnChanges), deletes the old entry before it creates the new one.
        return DiffResponse(
            changes=found.changes,
            replaces=found.replaces,
            delete_before_replace=True,
            detailed_diff=found.detailed,
        )

    async def create(self, request: CreateRequest) -> CreateResponse:
        resource = _resource(request.type)
        entry_id, outputs = await self._run(
            request.urn, lambda: resource.create(self.account, request.urn, request.properties, request.preview)
        )
        return CreateResponse(resource_id=entry_id, properties=outputs)

    async def read(self, request: ReadRequest) -> ReadResponse:
        resource = _resource(request.type)
        found = await self._run(
            request.urn,
            lambda: resource.read(self.account, request.resource_id, request.properties, request.inputs),
        )
        if found is None:
            return ReadResponse(resource_id="")  # gone: the engine drops it from the state
        outputs, inputs = found
        return ReadResponse(resource_id=request.resource_id, properties=outputs, inputs=inputs)

    async def update(self, request: UpdateRequest) -> UpdateResponse:
        resource = _resource(request.type)
        outputs = await self._run(
            request.urn,
            lambda: resource.update(
                self.account, request.urn, request.resource_id, request.olds, request.news, preview=request.preview
            ),
        )
        return UpdateResponse(properties=outputs)

    async def delete(self, request: DeleteRequest) -> None:
        resource = _resource(request.type)
        await self._run(
            request.urn, lambda: resource.delete(self.account, request.urn, request.resource_id, request.properties)
        )

    async def _run(self, urn: str, work: Callable[[], T]) -> T:
        """`work` on a worker thread, with `urn` as the resource its log records concern."""
        context = copy_context()
        context.run(current_urn.set, urn)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, context.run, work)


def resolved_inputs(given: Mapping[str, PropertyValue], settings: ZoomSettings) -> dict[str, PropertyValue]:
    """The provider's inputs with the settings that say where its entries live filled in from the environment
    where not given, so its state records the account they are in however it was spelled (never a secret)."""
    inputs = dict(given)
    for key in MOVING_KEYS:
        setting = settings.get(key)
        if setting is not None and plain(inputs.get(key.input, PropertyValue(None))) in (None, ""):
            inputs[key.input] = PropertyValue(setting.value)
    return inputs


def config_diff(olds: Mapping[str, Any], news: Mapping[str, Any]) -> DiffResponse:
    """The settings that changed between two configurations of one provider, and those that move its entries.

    The entries a provider manages live in one account of one cloud: a new `accountId` or `cloud` means every one of
    them is to be created there and deleted from the old account, as Pulumi's providers replace what a region change
    moves. The engine then replaces each resource of this provider (creating in the new account before deleting from
    the old one: two accounts never refuse each other's entries), and `pulumi preview` shows it. Every other setting
    (credentials, URLs, limits) changes how the same account is reached: an update of the provider only. A value not
    known yet is taken as changed. Each setting compares as the plugin resolves it (given, else the environment,
    else its default), never as it is spelled: moving one between the stack config and the environment is no change.
    """
    names = olds.keys() | news.keys() | {key.input for key in KEYS}
    changed = sorted(name for name in names if _effective(name, olds) != _effective(name, news))
    replaces = [name for name in changed if name in MOVING_INPUTS]
    detailed = {
        key: PropertyDiff(PropertyDiffKind.UPDATE_REPLACE if key in replaces else PropertyDiffKind.UPDATE, True)
        for key in changed
    }
    return DiffResponse(changes=bool(changed), replaces=replaces, detailed_diff=detailed)


def moving_message(olds: Mapping[str, Any], news: Mapping[str, Any], moved: list[str]) -> str:
    """What a preview says before an account change replaces the provider's resources (no secret is among these)."""
    changes = ", ".join(f"{key} {_effective(key, olds)!r} -> {_effective(key, news)!r}" for key in moved)
    return (
        f"{changes}: every resource of this provider is replaced, each entry created in the new account before it "
        "is deleted from the old one"
    )


def _effective(name: str, config: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Any:
    """A setting as it takes effect: given, else its environment variable, else its default (the cloud
    `commercial`); absent and empty alike, numbers as the text a setting is."""
    environ = os.environ if environ is None else environ
    value = config.get(name)
    key = next((key for key in KEYS if key.input == name), None)
    if value in (None, "") and key is not None:
        value = environ.get(key.env) or None
    if value in (None, ""):
        return DEFAULT_CLOUD if name == CLOUD.input else None
    return text_of(value) if isinstance(value, (bool, int, float)) else value


def _resource(token: str) -> BlockedNumberResource | BlocklistResource:
    return RESOURCES[token]


_CHECKS: Mapping[str, Callable[[ZoomSettings], Any]] = {
    "cloud": lambda settings: settings.endpoints(),
    "api_url": lambda settings: settings.endpoints().checked(),
    "oauth_url": lambda settings: settings.endpoints().checked(),
    "rate_limit": lambda settings: settings.rate_limit(),
    "timeout": lambda settings: settings.timeout(),
    "retry_budget": lambda settings: settings.retry_budget(),
    "debug": lambda settings: settings.debug(),
}


def _problem(settings: ZoomSettings, name: str) -> str | None:
    """What is wrong with one setting that was given, or None."""
    check = _CHECKS.get(name)
    if check is None or name not in settings.values:
        return None
    try:
        check(settings)
    except ConfigurationError as error:
        return str(error)
    return None


def _debug(settings: ZoomSettings) -> bool:
    try:
        return settings.debug()
    except ConfigurationError:
        return False
