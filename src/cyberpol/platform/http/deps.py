"""Dependencies shared by the routers: bound services, the acting user, language, rate limits."""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Header, Query, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from cyberpol.kernel.access import ANONYMOUS, Actor
from cyberpol.kernel.errors import InvalidInput, NotAuthenticated
from cyberpol.platform.i18n import negotiate
from cyberpol.platform.ratelimit import RateLimiter, RateLimits
from cyberpol.platform.web import is_page_request

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class HttpWiring:
    """What the front doors need from the wired application, kept on ``app.state.wiring``.

    ``services`` maps each capability's service class to the instance bootstrap bound, so a
    handler asks for the type it uses and nothing else.
    """

    services: Mapping[type, object]
    authenticate: Callable[[str], Actor]  # a bearer token
    rate_limits: RateLimits
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...]
    session_actor: Callable[[str], Actor]  # a workspace session cookie


def wiring(request: Request) -> HttpWiring:
    """The wiring of the app serving ``request``."""
    found: HttpWiring = request.app.state.wiring
    return found


def service(kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    """A dependency giving the bound service of class ``kind``: ``Depends(service(X))``."""

    # Dependencies are async: FastAPI runs a sync dependency in the thread pool, and four
    # thread hops per request cost more than the check itself.
    async def provide(request: Request) -> T:
        return cast(T, wiring(request).services[kind])

    return provide


_BEARER = HTTPBearer(
    auto_error=False,
    description="A token from `cyberpol tokens create`. Public endpoints work without one.",
)


async def get_optional_actor(request: Request) -> Actor:
    """Anonymous without a header; a wrong or revoked token is refused, never downgraded."""
    authorization = request.headers.get("authorization")
    if authorization is None:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Authorization must be 'Bearer <token>'.")
    return await run_in_threadpool(wiring(request).authenticate, token.strip())


async def get_actor(
    actor: Annotated[Actor, Depends(get_optional_actor)],
    _scheme: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None,
) -> Actor:
    """The same actor, for endpoints that need a token: the Security part documents it.

    Without a token the answer is 401 at once, before the body is validated: a caller
    without credentials learns that first, not what is wrong with its body.
    """
    if actor.role is None:
        raise NotAuthenticated("This needs a bearer token (Authorization: Bearer <token>).")
    return actor


OptionalActorDep = Annotated[Actor, Depends(get_optional_actor)]
ActorDep = Annotated[Actor, Depends(get_actor)]


async def get_language(
    accept_language: Annotated[str | None, Header()] = None,
    lang: Annotated[str | None, Query(pattern="^(ru|kk|en)$", description="ru, kk or en")] = None,
) -> str:
    return negotiate(accept_language, lang)


LanguageDep = Annotated[str, Depends(get_language)]


def client_address(request: Request) -> str:
    """The client's address; for IPv6 its /64, which one household or phone rotates within.

    Behind a reverse proxy listed in CYBERPOL_TRUSTED_PROXIES the client is the nearest
    X-Forwarded-For hop that is not itself a trusted proxy; from anyone else the header
    is ignored, so it cannot be used to dodge rate limits.
    """
    host = request.client.host if request.client else "unknown"
    trusted = wiring(request).trusted_proxies
    if trusted and _is_trusted(host, trusted):
        hops = [
            h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()
        ]
        for hop in reversed(hops):
            host = hop
            if not _is_trusted(hop, trusted):
                break
    if ":" in host:
        try:
            return str(ipaddress.ip_network(f"{host}/64", strict=False))
        except ValueError:
            return host
    return host


def _is_trusted(host: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def rate_limit(
    anonymous: Callable[[RateLimits], RateLimiter], token: Callable[[RateLimits], RateLimiter]
) -> Any:
    """A dependency that rate-limits every caller: anonymous ones per client address, token
    holders per user: ``rate_limit(lambda r: r.checks, lambda r: r.user_checks)``."""

    async def dependency(request: Request, actor: OptionalActorDep) -> None:
        limits = wiring(request).rate_limits
        if actor.role is None:
            anonymous(limits).hit(client_address(request))
        else:
            token(limits).hit(f"user {actor.name}")

    return Depends(dependency)


async def reject_unknown_query_parameters(request: Request) -> None:
    """A misspelt filter (``stauts=blocked``) is an error, not silently the unfiltered list."""
    route = request.scope.get("route")
    # Citizens' pages are opened from shared links that carry trackers (utm_*, fbclid).
    if route is None or not request.query_params or is_page_request(request):
        return
    params = request.query_params
    repeated = sorted(k for k in params if len(params.getlist(k)) > 1)
    if repeated:  # no parameter takes a list: the last of two would win unseen
        raise InvalidInput(f"Query parameter {repeated[0]!r} is given more than once.")
    allowed = _query_names(route)
    unknown = sorted(set(request.query_params.keys()) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed)) or "none"
        raise InvalidInput(f"Unknown query parameter {unknown[0]!r}; expected: {expected}.")


def _query_names(route: APIRoute) -> frozenset[str]:
    names = getattr(route, "_cyberpol_query_names", None)
    if names is None:
        names = frozenset(_walk_query_names(route.dependant))
        route._cyberpol_query_names = names  # type: ignore[attr-defined]
    return names


def _walk_query_names(dependant: Dependant) -> Iterator[str]:
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _walk_query_names(sub)
