"""What the feeds API takes and gives."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cyberpol.feeds.domain import Subscription
from cyberpol.feeds.service import PartnerImport

FormatName = Literal["rpz", "hosts", "domains", "adblock", "stix", "misp", "csv"]
TlpName = Literal["clear", "green", "amber", "amber+strict", "red"]


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tlp: TlpName = Field(description="The highest marking the partner may receive")
    formats: list[FormatName] = Field(min_length=1, max_length=7)


class SubscriptionPublic(BaseModel):
    organisation: str
    tlp: TlpName
    formats: list[FormatName]
    created_at: datetime
    created_by: str


def subscription_public(s: Subscription) -> SubscriptionPublic:
    return SubscriptionPublic(organisation=s.organisation, tlp=s.tlp.value,
                              formats=sorted(f.value for f in s.formats),
                              created_at=s.created_at, created_by=s.created_by)  # fmt: skip


class RejectedItem(BaseModel):
    where: str = Field(description="A STIX id, a MISP uuid or a line")
    reason: str


class PartnerImportPublic(BaseModel):
    partner: str
    format: str = Field(description="stix, misp or csv")
    found: int
    new: int = Field(description="New to the monitoring queue")
    already_queued: int
    in_registry: int = Field(
        description="TLP:CLEAR items put in the registry as reported by the partner (narrower "
        "markings stay off the public check)"
    )
    rejected: list[RejectedItem] = Field(description="The first 1,000 skipped or refused")


def import_public(result: PartnerImport) -> PartnerImportPublic:
    return PartnerImportPublic(
        partner=result.partner, format=result.format, found=result.found, new=result.new,
        already_queued=result.already_queued, in_registry=result.in_registry,
        rejected=[RejectedItem(where=w, reason=r) for w, r in result.rejected[:1000]],
    )  # fmt: skip
