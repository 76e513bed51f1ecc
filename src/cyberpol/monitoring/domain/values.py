"""What a resource's value looks like once normalised, kind by kind."""

from __future__ import annotations

import re

import idna

from cyberpol.kernel.errors import InvalidIndicator, InvalidInput
from cyberpol.kernel.indicators.normalize.social import normalize_handle, parse_social_link
from cyberpol.kernel.indicators.normalize.web import (
    normalize_domain,
    normalize_url,
    refang,
    registrable_domain,
    url_host,
)
from cyberpol.monitoring.domain.resources import Resource, ResourceKind

_AD = re.compile(r"[\w.-]{1,64}:[\w.:/-]{1,128}")


def normalize_resource(kind: ResourceKind, raw: str) -> str:
    """The value resources of ``kind`` are kept and compared by.

    A domain is its registrable domain (blocking it blocks every host under it); a URL is
    canonical; a Telegram resource is ``@handle``; a social page is its canonical URL; an
    ad is ``platform:ad_id``.
    """
    text = raw.strip()
    if not text:
        raise InvalidInput("Give the resource's value.")
    try:
        if kind is ResourceKind.DOMAIN:
            if "/" in refang(text):  # a link pasted where its domain was asked for
                return registrable_domain(url_host(normalize_url(text)))
            return normalize_domain(text)
        if kind is ResourceKind.URL or kind is ResourceKind.SOCIAL:
            return normalize_url(text)
        if kind is ResourceKind.TELEGRAM:
            link = parse_social_link(text)
            if link is not None and link[0] != "telegram":
                raise InvalidInput(f"Not a Telegram channel or account: {raw!r}")
            handle, _platform = normalize_handle(text)
            return "@" + handle
    except InvalidIndicator as exc:
        raise InvalidInput(exc.message) from None
    if not _AD.fullmatch(text):
        raise InvalidInput(f"An ad is 'platform:ad_id' (e.g. 'olx.kz:123456'), not {raw!r}.")
    platform, _, ad_id = text.partition(":")
    return f"{platform.lower()}:{ad_id}"


def readable(value: str) -> str:
    """A domain or URL as a person sees it: punycode labels in their own letters
    (``xn--kspi-53d.kz`` is ``kаspi.kz``, with a Cyrillic а); "" when it has none."""
    if "xn--" not in value:
        return ""
    scheme, sep, rest = value.partition("://")
    host, slash, path = (rest if sep else value).partition("/")
    labels = []
    for label in host.split("."):
        try:
            labels.append(idna.decode(label) if label.startswith("xn--") else label)
        except (idna.IDNAError, UnicodeError):
            labels.append(label)
    shown = ".".join(labels) + slash + path
    return f"{scheme}://{shown}" if sep else shown


def resource_host(resource: Resource) -> str | None:
    """The host name a domain or a link (page) resource lives on; None for ads, channels
    and links to a bare IPv6 address."""
    if resource.kind is ResourceKind.DOMAIN:
        return resource.value
    if resource.kind in (ResourceKind.URL, ResourceKind.SOCIAL):
        host = url_host(resource.value)
        return host if host and ":" not in host else None
    return None
