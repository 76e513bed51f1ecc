"""Dependencies shared by the routers: the runtime, the acting user, the language, rate limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from cyberpol.bootstrap import Runtime
from cyberpol.domain.access import ANONYMOUS, Actor
from cyberpol.domain.errors import NotAuthenticated
from cyberpol.services.users import authenticate
from cyberpol.web.i18n import negotiate


# Dependencies are async: FastAPI runs a sync dependency in the thread pool, and four
# thread hops per request cost more than the check itself.
async def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_actor(
    runtime: RuntimeDep,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> Actor:
    """Anonymous without a header; a wrong or revoked token is refused, never downgraded."""
    if authorization is None:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Authorization must be 'Bearer <token>'.")
    return await run_in_threadpool(authenticate, uow=runtime.uow(), token=token.strip())


ActorDep = Annotated[Actor, Depends(get_actor)]


async def get_language(
    accept_language: Annotated[str | None, Header()] = None,
    lang: Annotated[str | None, Query(pattern="^(ru|kk|en)$", description="ru, kk or en")] = None,
) -> str:
    return negotiate(accept_language, lang)


LanguageDep = Annotated[str, Depends(get_language)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limit_anonymous(bucket: str):  # type: ignore[no-untyped-def]
    """A dependency that rate-limits anonymous callers of one endpoint family."""

    async def dependency(request: Request, actor: ActorDep) -> None:
        if actor.role is None:
            request.app.state.rate_limiters[bucket].hit(client_address(request))

    return Depends(dependency)
