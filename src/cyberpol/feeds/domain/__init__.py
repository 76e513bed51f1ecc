"""What partners receive: block lists and indicator feeds, each marked with its TLP."""

# Tlp is re-exported: a feed's vocabulary is the kernel's.

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.tlp import Tlp


class FeedFormat(enum.StrEnum):
    RPZ = "rpz"  # a DNS response policy zone
    HOSTS = "hosts"
    DOMAINS = "domains"  # one domain a line
    ADBLOCK = "adblock"  # Adblock Plus / uBlock Origin filter list
    STIX = "stix"  # a STIX 2.1 bundle
    MISP = "misp"  # a MISP event
    CSV = "csv"


BLOCK_LISTS = frozenset({FeedFormat.RPZ, FeedFormat.HOSTS, FeedFormat.DOMAINS, FeedFormat.ADBLOCK})
MEDIA_TYPES = {
    FeedFormat.RPZ: "text/dns",
    FeedFormat.HOSTS: "text/plain; charset=utf-8",
    FeedFormat.DOMAINS: "text/plain; charset=utf-8",
    FeedFormat.ADBLOCK: "text/plain; charset=utf-8",
    FeedFormat.STIX: "application/stix+json;version=2.1",
    FeedFormat.MISP: "application/json",
    FeedFormat.CSV: "text/csv; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Subscription:
    """A partner organisation's subscription: the formats it takes and the highest TLP it
    may receive (an ISP takes the RPZ at CLEAR, a bank's CERT STIX at AMBER)."""

    organisation: str
    tlp: Tlp
    formats: frozenset[FeedFormat]
    created_at: datetime
    created_by: str

    def __post_init__(self) -> None:
        if not self.formats:
            raise InvalidInput("A subscription names at least one format.")


@dataclass(frozen=True, slots=True)
class Feed:
    """A built feed: its body, the tag that changes with it, and what it holds."""

    format: FeedFormat
    body: bytes
    etag: str
    entries: int
    built_at: datetime
