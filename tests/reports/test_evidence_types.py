"""Evidence told by its first bytes as phones, recorders and browsers write it."""

from __future__ import annotations

import pytest

from cyberpol.reports.domain import evidence_type


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "audio/wav"),
        (b"#!AMR\n\x3c\x48\xf5", "audio/amr"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", "video/webm"),  # MediaRecorder in Chrome
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00", "video/mp4"),  # Samsung voice recorder
        (b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00", "audio/mp4"),  # iPhone voice memo
        (b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00", "video/3gpp"),
        (b"\xff\xfb\x90\x64\x00\x00", "audio/mpeg"),  # MP3 without an ID3 tag
        (b"\xff\xf1\x50\x80\x02\x1f", "audio/aac"),
        (b"OggS\x00\x02\x00\x00", "audio/ogg"),  # Telegram's own voice notes
    ],
)
def test_recordings_and_photos_are_known_by_content(head: bytes, kind: str) -> None:
    assert evidence_type(head + b"\x00" * 64) == kind


@pytest.mark.parametrize(
    "head",
    [b"MZ\x90\x00", b"PK\x03\x04", b"<svg xmlns=", b"", b"\x7fELF", b"RIFF\x00\x00\x00\x00AVI "],
)
def test_programs_archives_and_scripts_are_not_evidence(head: bytes) -> None:
    assert evidence_type(head + b"\x00" * 64 if head else b"") is None
