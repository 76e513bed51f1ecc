"""One Alembic chain for the SQL database of every capability."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData

LOCATION = Path(__file__).parent


def schema() -> MetaData:
    """The metadata with every capability's tables in it, as migrations must leave the database."""
    # Importing the table modules registers their tables on the shared metadata.
    from cyberpol.accounts import tables as _accounts  # noqa: F401
    from cyberpol.cases import tables as _cases  # noqa: F401
    from cyberpol.feeds import tables as _feeds  # noqa: F401
    from cyberpol.freeze import tables as _freeze  # noqa: F401
    from cyberpol.monitoring import tables as _monitoring  # noqa: F401
    from cyberpol.platform.db import audit as _audit  # noqa: F401
    from cyberpol.platform.db import evidence as _evidence  # noqa: F401
    from cyberpol.platform.db import imports as _imports  # noqa: F401
    from cyberpol.platform.db.metadata import metadata
    from cyberpol.registry import tables as _registry  # noqa: F401
    from cyberpol.reports import tables as _reports  # noqa: F401

    return metadata
