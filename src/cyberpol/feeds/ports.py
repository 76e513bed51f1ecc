"""What the feed use cases need from storage."""

from __future__ import annotations

from typing import Protocol

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.feeds.domain import Subscription


class SubscriptionRepository(Protocol):
    def put(self, subscription: Subscription) -> None:
        """Add or replace the organisation's subscription."""
        ...

    def get(self, organisation: str) -> Subscription | None: ...

    def remove(self, organisation: str) -> bool: ...

    def all(self) -> list[Subscription]: ...


class FeedsUnitOfWork(AccountsUnitOfWork, Protocol):
    @property
    def subscriptions(self) -> SubscriptionRepository: ...
