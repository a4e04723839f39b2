"""Decode stage: raw bytes → text (charset, BOM, line ends, HTML → text)."""

from archivegen.ingest.decode.charset import Decoded, decode_bytes
from archivegen.ingest.decode.damage import Damage
from archivegen.ingest.decode.detect import DecodeError

__all__ = ["Damage", "DecodeError", "Decoded", "decode_bytes"]
