"""Protected brands (banks, eGov, marketplaces, the post, the police) and what a lookalike
score says about one domain."""

from __future__ import annotations

from dataclasses import dataclass

from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Brand:
    """A brand with its real domains and the words a lookalike borrows from it: ``names``
    stand for the brand alone, ``common`` are brand names that are also ordinary words."""

    name: str
    domains: tuple[str, ...]
    names: tuple[str, ...] = ()
    common: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BrandList:
    brands: tuple[Brand, ...]

    def __post_init__(self) -> None:
        if not self.brands:
            raise InvalidInput("The list of protected brands is empty.")
        seen: set[str] = set()
        for brand in self.brands:
            if not brand.domains:
                raise InvalidInput(f"Brand {brand.name!r} names no domain.")
            for domain in brand.domains:
                if domain in seen:
                    raise InvalidInput(f"Domain {domain!r} belongs to two brands.")
                seen.add(domain)

    def owner(self, domain: str) -> Brand | None:
        """The brand whose real domain ``domain`` is."""
        for brand in self.brands:
            if domain in brand.domains:
                return brand
        return None


@dataclass(frozen=True, slots=True)
class LookalikeScore:
    """How much a domain looks made to pass for a protected one: 0-1, with the rules that
    fired; ``brand`` is the real domain it imitates ("" when none)."""

    domain: str
    score: float
    brand: str
    flagged: bool
    reasons: tuple[RuleResult, ...]
    unicode: str = ""  # the name as a person sees it, when it is punycode
