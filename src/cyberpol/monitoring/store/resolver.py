"""DNS look-ups for the re-checks, with dnspython: does a name still resolve?"""

from __future__ import annotations

import dns.exception
import dns.resolver


class DnsResolver:
    """Asks the given name servers (``host`` or ``host:port``), or the system's."""

    def __init__(self, nameservers: list[str] | None = None, *, timeout: float = 3.0) -> None:
        self._resolver = dns.resolver.Resolver(configure=not nameservers)
        if nameservers:
            addresses, port = [], 53
            for server in nameservers:
                host, colon, given = server.rpartition(":")
                if colon and given.isdigit() and server.count(":") == 1:
                    addresses.append(host)
                    port = int(given)
                else:
                    addresses.append(server.strip("[]"))
            self._resolver.nameservers = addresses
            self._resolver.port = port
        self._resolver.lifetime = timeout

    def resolves(self, name: str) -> bool | None:
        """True with an address (A or AAAA), False for NXDOMAIN or no address, None when no
        server answered."""
        for rdtype in ("A", "AAAA"):
            try:
                self._resolver.resolve(name, rdtype)
            except dns.resolver.NXDOMAIN:
                return False
            except (dns.resolver.NoAnswer, dns.resolver.NoNameservers):
                continue
            except dns.exception.Timeout:
                return None
            else:
                return True
        return False
