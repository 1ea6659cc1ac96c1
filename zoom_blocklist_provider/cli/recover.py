"""`zoom-blocklist recover`: record in the state the entries an interrupted `pulumi up` created but never recorded.

Run in the Pulumi project's folder after an interruption (a killed CLI, a lost machine), before the next `up`. It
reads the stack's state with the Pulumi CLI (`pulumi stack export`), the entries of each account its pending
operations concern, decides with `pending.py` which entry each pending create proves its own, prints that, and with
--yes writes the state back (`pulumi stack import`). It never calls Zoom but to list entries, never writes a
secret anywhere (the state keeps its ciphertexts; decrypted values stay in memory), and changes nothing but those
pending operations and the resources they prove.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from ..core.errors import ZoomError
from ..core.settings import ZoomSettings, load_settings, provider_settings
from ..zoom import ZoomPhoneClient
from .pending import Listing, applied, ours, plain, plan

__all__ = ["NOTHING", "recover"]

NOTHING = (
    "Nothing to recover: the state holds no pending create of a zoom resource. If the last run created entries it "
    "could not record (it skipped checkpoints, or its provider process died), run the same program once more with "
    "ZOOM_ADOPT_IDENTICAL=true, which takes over the entries that hold exactly what they declare"
)


class PulumiFailed(click.ClickException):
    """A `pulumi` command recover runs failed: its command line and what it said."""


def _pulumi(*args: str, stack: str | None) -> str:
    pulumi = shutil.which("pulumi")
    if pulumi is None:
        raise click.ClickException("recover runs the Pulumi CLI, and no `pulumi` is on PATH: put it there first")
    command = [pulumi, *args, "--non-interactive", *(["--stack", stack] if stack else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - the user's pulumi
    if done.returncode != 0:
        said = " ".join(done.stderr.split()) or " ".join(done.stdout.split())
        locked = " (a killed run leaves it locked: run `pulumi cancel --yes` first)" if "locked" in said else ""
        raise PulumiFailed(f"`pulumi {' '.join(args)}` failed: {said}{locked}")
    return done.stdout


def _settings(provider: Mapping[str, Any], config: Mapping[str, Any]) -> ZoomSettings:
    """The settings of one provider of the state as its plugin resolves them now: a default provider's are the
    stack's config (as `pulumi up` would configure it), an explicit one's its inputs; each then the environment."""
    name = provider["urn"].rsplit("::", 1)[-1]
    if provider["type"] == "pulumi:providers:zoom" and not name.startswith("default"):
        inputs = {key: plain(value) for key, value in (provider.get("inputs") or {}).items()}
        return provider_settings(inputs, name)
    return load_settings(config)


def _listing(settings: ZoomSettings) -> Listing:
    credentials = settings.credentials()
    rate = settings.rate_limit()
    client = ZoomPhoneClient(
        credentials, settings.endpoints(), light_rate=rate, medium_rate=rate / 2, timeout=settings.timeout()
    )
    return {"/".join(entry.key()): entry for entry in client.list()}


def _listings(shown: Mapping[str, Any], config: Mapping[str, Any]) -> dict[str, Listing]:
    """Each provider reference a pending operation of ours names -> its account's entries (one listing each)."""
    providers = {f"{r['urn']}::{r['id']}": r for r in shown.get("resources") or [] if r.get("id")}
    wanted = {op["resource"]["provider"] for op in shown.get("pending_operations") or [] if ours(op)}
    listings: dict[str, Listing] = {}
    fetched: dict[tuple[str, str], Listing] = {}
    for reference in sorted(wanted):
        if reference not in providers:
            raise click.ClickException(f"the state names provider {reference}, which it does not hold")
        settings = _settings(providers[reference], config)
        where = (settings.endpoints().api_url, settings.credentials().account_id)
        if where not in fetched:
            fetched[where] = _listing(settings)
        listings[reference] = fetched[where]
    return listings


@click.command()
@click.option("--stack", default=None, help="The stack to recover (default: the selected one).")
@click.option("--yes", is_flag=True, help="Write the state; without it, only say what would be recorded.")
def recover(stack: str | None, yes: bool) -> None:
    """Record the entries an interrupted `pulumi up` created but never recorded.

    Run it in the project's folder, where `pulumi up` runs, before the next `up`. Each pending create the state holds
    (the engine's record of a create it started and never saw finish) becomes the resource holding its entry when
    Zoom holds exactly what that create sent and no other resource of the stack holds it; every other pending create
    is cleared. A Blocklist's interrupted update records the entries it created the same way.
    """
    deployment = json.loads(_pulumi("stack", "export", stack=stack))
    shown = json.loads(_pulumi("stack", "export", "--show-secrets", stack=stack))
    operations = [op for op in shown["deployment"].get("pending_operations") or [] if ours(op)]
    if not operations:
        click.echo(NOTHING)
        return
    listed = json.loads(_pulumi("config", "--show-secrets", "--json", stack=stack))
    config = {key: entry.get("value") for key, entry in listed.items()}
    try:
        listings = _listings(shown["deployment"], config)
    except ZoomError as error:
        raise click.ClickException(str(error)) from None
    result = plan(deployment["deployment"], shown["deployment"], listings)
    for finding in result.findings:
        click.echo(finding.line)
    recorded = sum(finding.added is not None or finding.changed is not None for finding in result.findings)
    if not yes:
        click.echo(f"Nothing written: run `zoom-blocklist recover --yes` to record {recorded} and clear the rest.")
        return
    written = {**deployment, "deployment": applied(deployment["deployment"], result)}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        path.write_text(json.dumps(written))
        os.chmod(path, 0o600)
        _pulumi("stack", "import", "--file", str(path), stack=stack)
    cleared = len(result.findings) - recorded
    click.echo(f"Recorded {recorded} and cleared {cleared} pending operations: run `pulumi up` to finish.")
