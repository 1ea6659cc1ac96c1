"""Every number, prefix and short code check accepts is stored by Zoom (the emulator) as check normalized it.

Inputs come from libphonenumber's example numbers for every region and number type, written in E.164, international
and national form, the prefixes those numbers start with, and each region's example short codes. A value Zoom
stored differently would show as drift on every refresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType

from tests.api.client_support import client_for, fresh_process
from zoom_blocklist_provider.core.entries import spec_of
from zoom_blocklist_provider.emulator import Emulator
from zoom_blocklist_provider.operations.blocked_number import check
from zoom_blocklist_provider.zoom import Credentials, Endpoints

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
SHORT_REGIONS = sorted(phonenumbers.SUPPORTED_SHORT_REGIONS)
TYPES = [
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.VOIP,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.UAN,
]
SHORT_KINDS = ["short_code", "emergency", "toll_free", "premium_rate", "standard_rate", "sms_services"]
BLOCK_TYPES = st.sampled_from(["inbound", "outbound", "threat"])


@st.composite
def whole_numbers(draw: st.DrawFn) -> dict[str, Any]:
    region = draw(st.sampled_from(REGIONS))
    sample = phonenumbers.example_number_for_type(region, draw(st.sampled_from(TYPES)))
    assume(sample is not None)
    form = draw(st.sampled_from([PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL]))
    country = region if form == PhoneNumberFormat.NATIONAL else draw(st.sampled_from([None, region.lower()]))
    return {"phone_number": phonenumbers.format_number(sample, form), "country": country}


@st.composite
def prefixes(draw: st.DrawFn) -> dict[str, Any]:
    sample = phonenumbers.example_number_for_type(draw(st.sampled_from(REGIONS)), PhoneNumberType.FIXED_LINE)
    assume(sample is not None)
    national = phonenumbers.national_significant_number(sample)
    digits = national[: draw(st.integers(min_value=0, max_value=len(national)))]
    return {"phone_number": f"+{sample.country_code} {digits}", "match_type": "prefix"}


@st.composite
def short_codes(draw: st.DrawFn) -> dict[str, Any]:
    region = draw(st.sampled_from(SHORT_REGIONS))
    desc = getattr(PhoneMetadata.short_metadata_for_region(region), draw(st.sampled_from(SHORT_KINDS)), None)
    assume(desc is not None and desc.example_number is not None)
    return {"phone_number": desc.example_number, "country": region}


@pytest.fixture
def fresh() -> Iterator[None]:
    yield from fresh_process()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(raw=st.one_of(whole_numbers(), prefixes(), short_codes()), block_type=BLOCK_TYPES)
def test_accepted_number_is_stored_by_zoom_as_normalized(
    emu: Emulator, credentials: Credentials, endpoints: Endpoints, fresh: None, raw: dict[str, Any], block_type: str
) -> None:
    # allow_emergency: emergency short codes are valid input too, and must round-trip like any other.
    result = check({**raw, "block_type": block_type, "allow_emergency": True})
    assume(not result.failures)
    spec = spec_of(result.inputs)
    emu.admin.reset()
    client = client_for(credentials, endpoints)
    assert client.get(client.create(spec)).key() == spec.key()
