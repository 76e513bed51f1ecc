"""The workspace pages the cases capability serves: the triage queue and the cases."""

from __future__ import annotations

from fastapi import APIRouter

from cyberpol.cases.web import cases, changes, links, triage

router = APIRouter(include_in_schema=False)
router.include_router(triage.router)
router.include_router(changes.router)  # before /cases/{id}, so /cases/new is not an id
router.include_router(cases.router)
router.include_router(links.router)
