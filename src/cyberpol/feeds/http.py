"""Feeds over HTTP: each subscriber's block lists and indicator feeds (with ETags), the
subscriptions, and partners' feeds coming in."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response, UploadFile

from cyberpol.feeds.domain import MEDIA_TYPES, FeedFormat
from cyberpol.feeds.schemas import (
    FormatName,
    PartnerImportPublic,
    SubscriptionIn,
    SubscriptionPublic,
    TlpName,
    import_public,
    subscription_public,
)
from cyberpol.feeds.service import FeedService, ImportItem
from cyberpol.feeds.store.partner_files import read_partner_file
from cyberpol.kernel.tlp import Tlp
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES, AwareMoment
from cyberpol.platform.http.uploads import saved_upload

router = APIRouter(prefix="/api/v1/feeds", tags=["feeds"])
# Apart from /feeds: a route under it would be shadowed by /feeds/{format}.
partner_router = APIRouter(prefix="/api/v1", tags=["feeds"])
FeedsDep = Annotated[FeedService, Depends(service(FeedService))]
Organisation = Annotated[str, Path(min_length=1, max_length=64)]


@router.get("/subscriptions", response_model=list[SubscriptionPublic], responses=ERROR_RESPONSES)
def subscriptions(feeds: FeedsDep, actor: ActorDep) -> list[SubscriptionPublic]:
    """Who subscribes to which feeds, up to which TLP."""
    return [subscription_public(s) for s in feeds.subscriptions(actor=actor)]


@router.put("/subscriptions/{organisation}", response_model=SubscriptionPublic,
            responses=ERROR_RESPONSES)  # fmt: skip
def subscribe(organisation: Organisation, body: SubscriptionIn, feeds: FeedsDep,
              actor: ActorDep) -> SubscriptionPublic:  # fmt: skip
    """Give a partner organisation (its users' organisation code) feeds up to a TLP."""
    made = feeds.subscribe(actor=actor, organisation=organisation, tlp=Tlp(body.tlp),
                           formats=[FeedFormat(f) for f in body.formats])  # fmt: skip
    return subscription_public(made)


@router.delete("/subscriptions/{organisation}", status_code=204, responses=ERROR_RESPONSES)
def unsubscribe(organisation: Organisation, feeds: FeedsDep, actor: ActorDep) -> Response:
    feeds.unsubscribe(actor=actor, organisation=organisation)
    return Response(status_code=204)


@partner_router.post(
    "/partner-feeds", response_model=PartnerImportPublic, responses=ERROR_RESPONSES
)
def import_feed(
    file: UploadFile,
    feeds: FeedsDep,
    actor: ActorDep,
    partner: Annotated[str, Query(min_length=1, max_length=100, description="Who sent it")],
    tlp: Annotated[TlpName, Query(description="Marking where the file gives none")] = "amber",
) -> PartnerImportPublic:
    """A partner's STIX 2.1 bundle, MISP event or URLhaus / PhishTank CSV: its domains and
    URLs go on the monitoring queue with the partner as source and their TLP kept."""
    with saved_upload(file) as path:
        parsed = read_partner_file(path)
        name = path.name
    items = [ImportItem(i.kind, i.value, i.tlp, i.ref) for i in parsed.items]
    result = feeds.import_items(
        actor=actor, partner=partner, file_name=name, fmt=parsed.format, items=items,
        skipped=parsed.skipped, default_tlp=Tlp(tlp),
    )  # fmt: skip
    return import_public(result)


@router.get(
    "/{feed_format}",
    response_class=Response,
    responses={**ERROR_RESPONSES, 200: {"content": {m: {} for m in set(MEDIA_TYPES.values())}},
               304: {"description": "Not modified since the ETag given"}},
)  # fmt: skip
def feed(
    feed_format: FormatName,
    request: Request,
    feeds: FeedsDep,
    actor: ActorDep,
    since: Annotated[
        AwareMoment | None, Query(description="stix, misp, csv: changes since")
    ] = None,
) -> Response:
    """The feed in one format, for the caller's subscription: rpz, hosts, domains, adblock
    (whole lists of what to block) or stix, misp, csv (indicators; ``since`` gives the
    changes, removals included). Send ``If-None-Match`` with the last ETag: 304 when
    nothing changed."""
    fmt = FeedFormat(feed_format)
    built = feeds.feed(actor=actor, fmt=fmt, since=since)
    headers = {
        "ETag": built.etag,
        "Cache-Control": "no-cache",
        "X-Feed-Entries": str(built.entries),
        "Last-Modified": _http_date(built.built_at),
    }
    if built.etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(built.body, media_type=MEDIA_TYPES[fmt], headers=headers)


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)
