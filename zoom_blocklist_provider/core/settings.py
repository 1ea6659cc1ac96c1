"""Where credentials and endpoints come from: stack config `zoom:*` first, then `ZOOM_*` environment variables.

Every value remembers its source, so `zoom-blocklist doctor` and error messages can say where a setting came from
(never what a secret is). This module never imports Pulumi: the provider hands it the stack config as a plain
mapping, and the CLI hands it nothing but the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .account import COMMERCIAL, GOV, Credentials, Endpoints
from .errors import ConfigurationError

CLOUDS: dict[str, Endpoints] = {"commercial": COMMERCIAL, "gov": GOV}
DEFAULT_CLOUD = "commercial"
DEFAULT_RATE_LIMIT = 20.0  # Zoom Pro's Light limit; Medium calls get half, as in Zoom's own table
DEFAULT_TIMEOUT = 30.0  # seconds one HTTP request may take before it counts as failed (and is retried)
DEFAULT_RETRY_BUDGET = 60.0  # seconds one call may spend retrying 429s, 5xx and lost connections


@dataclass(frozen=True)
class Key:
    """One setting: its name, stack config key, environment variable, JSON type and description."""

    name: str
    config: str
    env: str
    description: str
    kind: str = "string"  # "string", "number" or "boolean", as the schema's config and provider inputs type it
    secret: bool = False

    @property
    def input(self) -> str:
        """The name of the setting as a provider input: the config key without its `zoom:` namespace."""
        return self.config.removeprefix("zoom:")


ACCOUNT_ID = Key("account_id", "zoom:accountId", "ZOOM_ACCOUNT_ID", "The Server-to-Server OAuth app's Account ID.")
CLIENT_ID = Key("client_id", "zoom:clientId", "ZOOM_CLIENT_ID", "The Server-to-Server OAuth app's Client ID.")
CLIENT_SECRET = Key(
    "client_secret",
    "zoom:clientSecret",
    "ZOOM_CLIENT_SECRET",
    "The Server-to-Server OAuth app's Client Secret: set it as a secret. It never reaches an output.",
    secret=True,
)
CLOUD = Key("cloud", "zoom:cloud", "ZOOM_CLOUD", "'commercial' (the default) or 'gov' (ZoomGov).")
API_URL = Key(
    "api_url", "zoom:apiUrl", "ZOOM_API_URL", "The API base URL, overriding the cloud's (https://api.zoom.us/v2)."
)
OAUTH_URL = Key(
    "oauth_url",
    "zoom:oauthUrl",
    "ZOOM_OAUTH_URL",
    "The token URL, overriding the cloud's (https://zoom.us/oauth/token).",
)
RATE_LIMIT = Key(
    "rate_limit",
    "zoom:rateLimit",
    "ZOOM_RATE_LIMIT",
    "Light requests per second this program may use (Medium calls get half): 20 on Zoom Pro (the default), 40 on "
    "Business and up.",
    kind="number",
)
TIMEOUT = Key(
    "timeout",
    "zoom:timeout",
    "ZOOM_TIMEOUT",
    "Seconds one HTTP request may take before it counts as failed (default 30).",
    kind="number",
)
RETRY_BUDGET = Key(
    "retry_budget",
    "zoom:retryBudget",
    "ZOOM_RETRY_BUDGET",
    "Seconds one operation may spend retrying 429s, 5xx and lost connections before it fails with the last error "
    "(default 60).",
    kind="number",
)
DEBUG = Key(
    "debug",
    "zoom:debug",
    "ZOOM_DEBUG",
    "true shows an error's traceback (for a bug report) instead of the one line that says what to do (default false).",
    kind="boolean",
)
KEYS = (ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, CLOUD, API_URL, OAUTH_URL, RATE_LIMIT, TIMEOUT, RETRY_BUDGET, DEBUG)
# One or more stack config keys as a hint names them, and what the hint may say of where they are set.
_CONFIG_KEYS = re.compile(
    r"((?:"
    + "|".join(re.escape(key.config) for key in KEYS)
    + r")(?: / (?:"
    + "|".join(re.escape(key.config) for key in KEYS)
    + r"))*)(?: in the stack config)?"
)
_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")
CREDENTIAL_KEYS = (ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)
# Only in the environment, for one command: set in the stack config it would outlive the run it is meant for.
ADOPT_IDENTICAL = "ZOOM_ADOPT_IDENTICAL"


@dataclass(frozen=True)
class Setting:
    """A value and where it came from, e.g. `stack config zoom:clientId` or `environment ZOOM_CLIENT_ID`."""

    value: str = field(repr=False)
    source: str


@dataclass(frozen=True)
class ZoomSettings:
    """Everything the provider needs to reach one Zoom account, resolved once per provider process.

    `provider` names an explicit provider instance (the native door's `zoom.Provider("emea", ...)`), whose settings
    are its inputs; without one they are the stack config, and messages name the `zoom:` keys.
    """

    values: Mapping[str, Setting] = field(repr=False)
    provider: str | None = None

    def get(self, key: Key) -> Setting | None:
        return self.values.get(key.name)

    def named(self, key: Key) -> str:
        """How a message names a setting: `zoom:clientId`, or `clientId of provider 'emea'`."""
        return key.config if self.provider is None else f"{key.input} of provider {self.provider!r}"

    def in_own_words(self, text: str) -> str:
        """`text` (an error of the client, whose hints name the stack config) naming each setting as this provider
        takes it: `check zoom:clientId / zoom:clientSecret (or ...)` -> `check clientId / clientSecret of provider
        'emea' (or ...)`. The default provider's words are the stack config's already."""
        if self.provider is None:
            return text

        def inputs(match: re.Match[str]) -> str:
            names = [name.removeprefix("zoom:") for name in match.group(1).split(" / ")]
            return f"{' / '.join(names)} of provider {self.provider!r}"

        return _CONFIG_KEYS.sub(inputs, text)

    def set_nowhere(self, key: Key) -> str:
        """What a preview says of a setting it needs that is set nowhere: the key, its variable, and how to set each."""
        if self.provider is not None:
            return (
                f"{key.input} of provider {self.provider!r} is set nowhere: set it on the provider ({key.name} in "
                f"Python), or export {key.env} where pulumi runs"
            )
        how = "pulumi config set --secret" if key.secret else "pulumi config set"
        return f"{key.config} is set nowhere: run `{how} {key.config} <value>`, or export {key.env} where pulumi runs"

    def missing_credentials(self) -> list[Key]:
        return [key for key in CREDENTIAL_KEYS if key.name not in self.values]

    def credentials(self) -> Credentials:
        """The Server-to-Server OAuth credentials, or an error naming each missing one and both ways to set it."""
        missing = self.missing_credentials()
        if missing and self.provider is not None:
            raise ConfigurationError(
                operation=f"reading the Zoom credentials of provider {self.provider!r}",
                message="missing " + ", ".join(f"{k.input} (or {k.env})" for k in missing),
                hint=(
                    f"set accountId, clientId and clientSecret (as a secret) on provider {self.provider!r} "
                    "(account_id, client_id and client_secret in Python), or export ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID "
                    "and ZOOM_CLIENT_SECRET where pulumi runs"
                ),
            )
        if missing:
            raise ConfigurationError(
                operation="reading Zoom credentials",
                message="missing " + ", ".join(f"{k.config} (or {k.env})" for k in missing),
                hint=(
                    "set them with `pulumi config set zoom:accountId ...`, `pulumi config set zoom:clientId ...` "
                    "and `pulumi config set --secret zoom:clientSecret ...`, or export ZOOM_ACCOUNT_ID, "
                    "ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET"
                ),
            )
        return Credentials(
            self.values[ACCOUNT_ID.name].value,
            self.values[CLIENT_ID.name].value,
            self.values[CLIENT_SECRET.name].value,
        )

    def endpoints(self) -> Endpoints:
        """The cloud's endpoints, each URL overridable (the emulator, a proxy)."""
        cloud = self.get(CLOUD)
        name = cloud.value if cloud else DEFAULT_CLOUD
        if name not in CLOUDS:
            raise ConfigurationError(
                operation="reading Zoom endpoints",
                message=f"{self.named(CLOUD)} is {name!r} ({cloud.source if cloud else ''})",
                hint="set it to 'commercial' or 'gov' (ZoomGov), or set zoom:apiUrl and zoom:oauthUrl",
            )
        preset = CLOUDS[name]
        api_url = self.get(API_URL)
        oauth_url = self.get(OAUTH_URL)
        return Endpoints(
            api_url.value.rstrip("/") if api_url else preset.api_url,
            oauth_url.value if oauth_url else preset.oauth_url,
        )

    def rate_limit(self) -> float:
        """Light calls per second the account allows this process (Medium calls get half)."""
        setting = self.get(RATE_LIMIT)
        if setting is None:
            return DEFAULT_RATE_LIMIT
        try:
            rate = float(setting.value)
        except ValueError:
            rate = 0.0
        if rate <= 0:
            raise ConfigurationError(
                operation="reading the Zoom rate limit",
                message=f"{self.named(RATE_LIMIT)} is {setting.value!r} ({setting.source})",
                hint="set it to the account's Light requests per second: 20 on Pro, 40 on Business and up",
            )
        return rate

    def timeout(self) -> float:
        """Seconds one HTTP request to Zoom may take."""
        return self._seconds(TIMEOUT, DEFAULT_TIMEOUT)

    def retry_budget(self) -> float:
        """Seconds one call may spend on retries before it reports the last error."""
        return self._seconds(RETRY_BUDGET, DEFAULT_RETRY_BUDGET)

    def debug(self) -> bool:
        """Whether an error shows its traceback (for a bug report) instead of one line."""
        setting = self.get(DEBUG)
        if setting is None:
            return False
        value = setting.value.strip().lower()
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        raise ConfigurationError(
            operation=f"reading {self.named(DEBUG)}",
            message=f"{self.named(DEBUG)} is {setting.value!r} ({setting.source})",
            hint="set it to true or false",
        )

    def _seconds(self, key: Key, default: float) -> float:
        setting = self.get(key)
        if setting is None:
            return default
        try:
            seconds = float(setting.value)
        except ValueError:
            seconds = 0.0
        if not seconds > 0:
            raise ConfigurationError(
                operation=f"reading {self.named(key)}",
                message=f"{self.named(key)} is {setting.value!r} ({setting.source})",
                hint=f"set it to a number of seconds more than 0 (the default is {default:g})",
            )
        return seconds


def adopt_identical(environ: Mapping[str, str] | None = None) -> bool:
    """Whether creates may take over entries identical to their declaration (ZOOM_ADOPT_IDENTICAL, for the one `up`
    after a run that skipped checkpoints and was interrupted)."""
    environ = os.environ if environ is None else environ
    value = environ.get(ADOPT_IDENTICAL, "").strip().lower()
    if value in ("", *_FALSE):
        return False
    if value in _TRUE:
        return True
    raise ConfigurationError(
        operation=f"reading {ADOPT_IDENTICAL}",
        message=f"{ADOPT_IDENTICAL} is {environ[ADOPT_IDENTICAL]!r} (environment {ADOPT_IDENTICAL})",
        hint="set it to true for one `pulumi up`, or unset it",
    )


def load_settings(config: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None) -> ZoomSettings:
    """Resolve every key from stack config (keys like `zoom:clientId`), then the environment."""
    config = config or {}
    environ = os.environ if environ is None else environ
    values: dict[str, Setting] = {}
    for key in KEYS:
        configured = config.get(key.config)
        if configured not in (None, ""):
            values[key.name] = Setting(text_of(configured), f"stack config {key.config}")
        elif environ.get(key.env):
            values[key.name] = Setting(environ[key.env], f"environment {key.env}")
    return ZoomSettings(values)


def provider_settings(
    inputs: Mapping[str, object], provider: str | None, environ: Mapping[str, str] | None = None
) -> ZoomSettings:
    """Resolve every key from a provider's inputs (keys like `clientId`), then the environment. `provider` names
    an explicit provider instance; None is the default provider, whose inputs are the stack config."""
    if provider is None:
        return load_settings({f"zoom:{name}": value for name, value in inputs.items()}, environ)
    environ = os.environ if environ is None else environ
    values: dict[str, Setting] = {}
    for key in KEYS:
        given = inputs.get(key.input)
        if given not in (None, ""):
            values[key.name] = Setting(text_of(given), "an input of the provider")
        elif environ.get(key.env):
            values[key.name] = Setting(environ[key.env], f"environment {key.env}")
    return ZoomSettings(values, provider)


def text_of(value: object) -> str:
    """A setting as text; a number arrives as a float from Pulumi (40.0), written as the user wrote it (40)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
