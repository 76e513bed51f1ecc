"""Internet monitoring: the resources analysts watch, and the brands lookalikes imitate."""

from cyberpol.monitoring.domain.brands import Brand, BrandList, LookalikeScore
from cyberpol.monitoring.domain.resources import (
    Resource,
    ResourceEvent,
    ResourceKind,
    ResourceSource,
    ResourceState,
)

__all__ = [
    "Brand",
    "BrandList",
    "LookalikeScore",
    "Resource",
    "ResourceEvent",
    "ResourceKind",
    "ResourceSource",
    "ResourceState",
]
