"""Platforms' ad exports on disk: read (CSV in any common encoding and delimiter, with
multi-line texts; JSON Lines; Parquet), kept as Parquet, one file per export, under
``<data dir>/ads``. The same export loaded twice is kept once; an ad sent again in a later
export replaces its earlier copy when read."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cyberpol.kernel.errors import InvalidInput
from cyberpol.monitoring.domain.ads import Ad, AdLoad, parse_ad
from cyberpol.monitoring.store.images import photo_hashes, photo_hashes_of_data
from cyberpol.platform.files.rows import file_digest
from cyberpol.platform.files.tables import csv_delimiter, file_kind, text_encoding

_SCHEMA = pa.schema([
    ("platform", pa.string()), ("ad_id", pa.string()), ("created_at", pa.timestamp("us", "UTC")),
    ("title", pa.string()), ("text", pa.string()), ("price_kzt", pa.float64()),
    ("category", pa.string()), ("seller_id", pa.string()), ("phone", pa.string()),
    ("ip", pa.string()), ("device_id", pa.string()), ("images", pa.list_(pa.uint64())),
    ("text_phones", pa.list_(pa.string())), ("text_links", pa.list_(pa.string())),
])  # fmt: skip


class AdStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, path: Path, *, platform: str = "") -> AdLoad:
        """Read an export; the ads that parse are kept, the rest reported by line."""
        digest = file_digest(path)
        target = self.folder / f"{digest}.parquet"
        result = AdLoad(path.name)
        if target.exists():
            result.already_loaded = True
            return result
        ads: list[Ad] = []
        for line, row in _rows(path):
            if isinstance(row, str):
                result.rejected.append((line, row))
                continue
            if row.get("images") and not row.get("image_hashes"):
                row["image_hashes"], unread = photo_hashes(row["images"], path.parent)
                result.unread_photos += [(line, problem) for problem in unread]
            try:
                ads.append(parse_ad(row, default_platform=platform))
            except InvalidInput as exc:
                result.rejected.append((line, exc.message))
        if ads:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            pq.write_table(_table(ads), partial)
            partial.replace(target)  # whole or not at all
        result.loaded = len(ads)
        return result

    def load_rows(self, rows: Sequence[Mapping[str, object]], *, source: str,
                  platform: str = "", only_platform: bool = False) -> AdLoad:  # fmt: skip
        """Keep ads sent as objects (the API); with ``only_platform`` every ad is
        ``platform``'s whatever it says: a platform speaks only for its own ads."""
        result = AdLoad(source)
        ads: list[Ad] = []
        for number, row in enumerate(rows, start=1):
            if row.get("images") and not row.get("image_hashes"):
                hashes, unread = photo_hashes_of_data(row["images"])
                row = {**row, "image_hashes": hashes}
                result.unread_photos += [(number, problem) for problem in unread]
            try:
                ad = parse_ad(row, default_platform=platform)
            except InvalidInput as exc:
                result.rejected.append((number, exc.message))
                continue
            ads.append(replace(ad, platform=platform) if only_platform else ad)
        if ads:
            table = _table(ads)
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            data = sink.getvalue().to_pybytes()
            target = self.folder / f"{hashlib.sha256(data).hexdigest()}.parquet"
            if target.exists():
                result.already_loaded = True
                return result
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)
        result.loaded = len(ads)
        return result

    def stamp(self) -> str:
        """Changes whenever an export is added: what the rings found were found on."""
        files = sorted(self.folder.glob("*.parquet"))
        return hashlib.sha256("|".join(f.name for f in files).encode()).hexdigest()[:16]

    def ads(self, since: datetime | None = None) -> list[Ad]:
        """Every ad kept (the latest copy of each), created since ``since`` if given."""
        latest: dict[tuple[str, str], Ad] = {}
        for file in sorted(self.folder.glob("*.parquet"), key=lambda p: p.stat().st_mtime):
            for row in pq.read_table(file).to_pylist():
                ad = Ad(
                    row["platform"], row["ad_id"], row["created_at"], row["title"], row["text"],
                    row["price_kzt"], row["category"], row["seller_id"], row["phone"],
                    row["ip"], row["device_id"], tuple(row["images"]),
                    tuple(row["text_phones"]), tuple(row["text_links"]),
                )  # fmt: skip
                if since is None or ad.created_at >= since:
                    latest[(ad.platform, ad.ad_id)] = ad
        return list(latest.values())


def _table(ads: list[Ad]) -> pa.Table:
    columns = {name: [getattr(ad, name) for ad in ads] for name in _SCHEMA.names}
    columns["images"] = [list(ad.images) for ad in ads]
    columns["text_phones"] = [list(ad.text_phones) for ad in ads]
    columns["text_links"] = [list(ad.text_links) for ad in ads]
    return pa.table(columns, schema=_SCHEMA)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, object] | str]]:
    kind = file_kind(path)
    if kind == "parquet":
        for number, row in enumerate(pq.read_table(path).to_pylist(), start=1):
            yield number, {str(k).strip().lower(): v for k, v in row.items()}
    elif kind == "jsonl":
        yield from _jsonl(path)
    else:
        yield from _csv(path)


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, object] | str]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                yield number, "not a JSON object"
                continue
            if isinstance(row, dict):
                yield number, {str(k).strip().lower(): v for k, v in row.items()}
            else:
                yield number, "not a JSON object"


def _csv(path: Path) -> Iterator[tuple[int, dict[str, object] | str]]:
    text = path.read_bytes().decode(text_encoding(path), errors="replace").lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_delimiter(path))
    try:
        if not reader.fieldnames:
            raise InvalidInput(f"{path.name}: the file is empty")
        reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
        missing = {"ad_id", "seller_id", "created_at"} - set(reader.fieldnames)
        if missing:
            raise InvalidInput(f"{path.name}: no column {', '.join(sorted(missing))}")
        for row in reader:
            extra = row.pop(None, None)
            if extra:
                yield reader.line_num, f"{len(extra)} more fields than the header"
            else:
                yield reader.line_num, dict(row)
    except csv.Error as exc:
        raise InvalidInput(f"{path.name}: broken CSV ({exc})") from None
