"""Decode stage: raw bytes → text (charset, BOM, line ends, HTML → text)."""

from archivegen.ingest.decode.charset import DecodeError, Decoded, decode_bytes

__all__ = ["DecodeError", "Decoded", "decode_bytes"]
