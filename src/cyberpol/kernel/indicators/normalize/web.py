"""URLs, domains, IP addresses and e-mail addresses, defanged forms included.

Registrable domains come from the public suffix list bundled with tldextract (no network):
``login-bcc.kz.secure-auth.ru`` belongs to ``secure-auth.ru``. Private suffixes count, so
``evil.github.io`` is its own domain and never drags ``github.io`` into a block list.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

import idna
import tldextract

from cyberpol.kernel.errors import InvalidIndicator

_DEFANG = [
    (re.compile(r"^hxxp", re.I), "http"),
    (re.compile(r"^fxp", re.I), "ftp"),
    (re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", re.I), "."),
    (re.compile(r"\[:\]"), ":"),
    (re.compile(r"\[@\]|\[at\]", re.I), "@"),
]
_SCHEMES = {"http": 80, "https": 443, "ftp": 21}
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")  # one match for the whole name: hot in scans


@lru_cache(maxsize=1)
def _public_suffixes() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def refang(raw: str) -> str:
    """Undo the defanging analysts use when they paste links (``hxxp``, ``[.]``)."""
    text = raw.strip()
    if "[" in text or "(" in text or "{" in text or text[:4].lower() in ("hxxp", "fxp:"):
        for pattern, replacement in _DEFANG:
            text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=131072)
def normalize_host(raw_host: str) -> str:
    """Lower-case ASCII host name (punycode for IDN); raises for what cannot be a host."""
    host = raw_host.strip().rstrip(".").lower()
    if not host:
        raise InvalidIndicator("Empty host name")
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            raise InvalidIndicator(f"Not a valid international domain: {raw_host!r}") from exc
    if len(host) > 253 or not _HOST.fullmatch(host):
        raise InvalidIndicator(f"Not a valid host name: {raw_host!r}", value=raw_host)
    if "xn--" in host:
        try:
            idna.decode(host)  # a made-up A-label ("xn--zz") would break every later use
        except (idna.IDNAError, UnicodeError) as exc:
            raise InvalidIndicator(f"Not a valid international domain: {raw_host!r}") from exc
    return host


@lru_cache(maxsize=1)
def _suffix_rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The public suffix list tldextract ships: exact rules, wildcard parents, exceptions."""
    rules = _public_suffixes()._get_tld_extractor().tlds(include_psl_private_domains=True)
    exact = frozenset(r for r in rules if not r.startswith(("*.", "!")))
    wildcard = frozenset(r[2:] for r in rules if r.startswith("*."))
    exceptions = frozenset(r[1:] for r in rules if r.startswith("!"))
    return exact, wildcard, exceptions


@lru_cache(maxsize=131072)
def registrable_domain(host: str) -> str:
    """The domain someone registered (eTLD+1) for an already normalised host."""
    if "xn--" in host:
        return _registrable_domain_idn(host)
    exact, wildcard, exceptions = _suffix_rules()
    labels = host.split(".")
    # Longest candidate first, so the first rule that matches is the prevailing one.
    for start in range(len(labels)):
        candidate = ".".join(labels[start:])
        if candidate in exceptions:
            start += 1
        elif not (candidate in exact or ".".join(labels[start + 1 :]) in wildcard):
            continue
        if start == 0:
            break
        return ".".join(labels[start - 1 :])
    raise InvalidIndicator(f"No registrable domain in {host!r} (unknown public suffix)")


def _registrable_domain_idn(host: str) -> str:
    # The list holds IDN suffixes in Unicode; tldextract decodes punycode labels to match them.
    parts = _public_suffixes().extract_str(host)
    if not parts.suffix or not parts.domain:
        raise InvalidIndicator(f"No registrable domain in {host!r} (unknown public suffix)")
    return f"{parts.domain}.{parts.suffix}"


def normalize_domain(raw: str) -> str:
    """The registrable domain of a host or domain name, defanged or IDN."""
    return registrable_domain(normalize_host(refang(raw)))


def domain_attributes(domain: str) -> dict[str, object]:
    attributes: dict[str, object] = {"suffix": domain.split(".", 1)[1]}
    if "xn--" in domain:
        attributes["unicode"] = idna.decode(domain)
    return attributes


def normalize_ip(raw: str) -> str:
    """Compressed text form of an IPv4 or IPv6 address, defanged forms accepted."""
    try:
        return str(ipaddress.ip_address(refang(raw)))
    except ValueError as exc:
        raise InvalidIndicator(f"Not an IP address: {raw!r}", value=raw) from exc


def ip_attributes(ip: str) -> dict[str, object]:
    address = ipaddress.ip_address(ip)
    return {"version": address.version, "global": address.is_global}


def is_ip(host: str) -> bool:
    if not (host[:1].isdigit() or ":" in host):
        return False  # cheap exit: raising ValueError below costs more than the whole check
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


_PLAIN_URL = re.compile(
    r"(https?|ftp)://([A-Za-z0-9.-]+)(?::(\d{1,5}))?(/[^?#\s]*)?(?:\?([^#\s]*))?(?:#\S*)?", re.I
)


def _split_url(raw: str) -> tuple[str, str, str, str, str]:
    """scheme, host, port, path and query of a URL, refanged; scheme added where implied."""
    text = refang(raw)
    if "://" not in text[:10]:
        text = "http://" + text
    # The common shape is split by one regex; user info, IPv6 and odd ports go to urlsplit.
    plain = _PLAIN_URL.fullmatch(text)
    if plain and (plain[3] is None or int(plain[3]) <= 65535):
        scheme, host, port, path, query = plain.groups()
        scheme = scheme.lower()
        port_text = "" if port is None or int(port) == _SCHEMES[scheme] else f":{int(port)}"
        return scheme, host.lower(), port_text, path or "/", query or ""
    return _split_url_slowly(raw, text)


def _split_url_slowly(raw: str, text: str) -> tuple[str, str, str, str, str]:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidIndicator(f"Not a valid URL: {raw!r} ({exc})", value=raw) from exc
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise InvalidIndicator(f"Unsupported URL scheme {scheme!r} in {raw!r}", value=raw)
    if not parts.hostname or any(c.isspace() for c in text):
        raise InvalidIndicator(f"Not a valid URL: {raw!r}", value=raw)
    port_text = "" if port in (None, _SCHEMES[scheme]) else f":{port}"
    return scheme, parts.hostname, port_text, parts.path or "/", parts.query


@lru_cache(maxsize=131072)
def normalize_url(raw: str) -> str:
    """Canonical URL: refanged, lower-case host, punycode, no default port or fragment."""
    scheme, host, port, path, query = _split_url(raw)
    if is_ip(host.strip("[]")):
        host = normalize_ip(host.strip("[]"))
        host = f"[{host}]" if ":" in host else host
    else:
        host = normalize_host(host)
        registrable_domain(host)  # a URL must point somewhere on the public internet
    return f"{scheme}://{host}{port}{path}" + (f"?{query}" if query else "")


def url_host(url: str) -> str:
    """Host of an already canonical URL (no user info, lower case, IPv6 in brackets)."""
    authority = url.partition("://")[2].partition("/")[0]
    if authority.startswith("["):
        return authority[1 : authority.index("]")]
    return authority.partition(":")[0]


def url_attributes(url: str) -> dict[str, object]:
    host = url_host(url)
    attributes: dict[str, object] = {"host": host}
    if "xn--" in host:
        attributes["unicode_host"] = idna.decode(host)
    return attributes


_EMAIL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")


def normalize_email(raw: str) -> str:
    """Lower-case e-mail address with an ASCII (punycode) domain."""
    text = refang(raw).lower()
    local, at, domain = text.rpartition("@")
    if not at or not _EMAIL.fullmatch(local) or local.startswith(".") or ".." in local:
        raise InvalidIndicator(f"Not an e-mail address: {raw!r}", value=raw)
    return f"{local}@{normalize_host(domain)}"
