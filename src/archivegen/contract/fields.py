"""Typed front matter: a dataclass per kind of content/ file, read and written by its type hints.

Each field of a contract dataclass is declared with `key(...)`, which records what the key
means (the text CONTRIBUTING.md shows), whether it is required, and whether it is written
when empty. `parse(cls, mapping)` turns YAML data into the dataclass, checking every type;
`unparse(obj)` turns it back into the ordered mapping that is written. A wrong type, an
unknown key or a missing key raises `FieldError` with the key's dotted path; the reader
adds the file and line (see contract/read.py).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import types
import typing
from dataclasses import MISSING, dataclass
from functools import lru_cache


class FieldError(ValueError):
    """A value that does not fit the contract; `key` is its dotted path ("source.sha256")."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Spec:
    doc: str            # what the key means, for contributors
    required: bool      # a file without it is refused
    always: bool        # written even when empty (None, False, "", [], {})


def key(doc: str, *, default=MISSING, factory=MISSING, required: bool = False, always: bool = False):
    """Declare a front-matter key (see Spec). A key without a default is required."""
    required = required or (default is MISSING and factory is MISSING)
    return dataclasses.field(default=default, default_factory=factory,
                             metadata={"spec": Spec(doc, required, always or required)})


def spec(f: dataclasses.Field) -> Spec:
    return f.metadata["spec"]


@lru_cache(maxsize=None)
def _hints(cls) -> dict[str, object]:
    return typing.get_type_hints(cls)


def fields_of(cls) -> list[tuple[dataclasses.Field, object]]:
    hints = _hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


# ---------------------------------------------------------------- reading
# Each type hint is turned once into a reader function (value → typed value); a reader
# raises FieldError with the key relative to the value it read ("" for itself, "[2]" for a
# list item), and each level above prefixes its own name, so paths cost nothing until an
# error is reported.

def parse(cls, data: object, path: str = ""):
    """YAML data → an instance of the contract dataclass `cls`, or FieldError."""
    try:
        return _reader(cls)(data)
    except FieldError as exc:
        raise FieldError(_join(path, exc.key) if path else exc.key, exc.message) from None


def _prefix(name: str, exc: FieldError) -> FieldError:
    key = name + (exc.key if exc.key.startswith("[") or not exc.key else "." + exc.key)
    return FieldError(key, exc.message)


@lru_cache(maxsize=None)
def _reader(hint):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _reader(options[0])
        if len(options) == len(typing.get_args(hint)):
            return inner
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _reader(typing.get_args(hint)[0])

        def read_list(value):
            if value is None:
                return []
            if not isinstance(value, list):
                raise FieldError("", f"must be a list, not {_kind(value)}")
            out = []
            for i, v in enumerate(value):
                try:
                    out.append(item(v))
                except FieldError as exc:
                    raise _prefix(f"[{i}]", exc) from None
            return out
        return read_list
    if origin is dict:
        key_type, item_type = typing.get_args(hint)
        key, item = _reader(key_type), _reader(item_type)

        def read_dict(value):
            if value is None:
                return {}
            if not isinstance(value, dict):
                raise FieldError("", f"must be a mapping, not {_kind(value)}")
            out = {}
            for k, v in value.items():
                try:
                    out[key(k)] = item(v)
                except FieldError as exc:
                    raise _prefix(str(k), exc) from None
            return out
        return read_dict
    if dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    scalar = _SCALARS.get(hint)
    if scalar is None:
        raise TypeError(f"contract type {hint!r} has no reader")   # a bug in a contract class

    def read_scalar(value):
        if value is None:
            raise FieldError("", "must not be empty")
        return scalar(value)
    return read_scalar


def _dataclass_reader(cls):
    fields = [(f.name, _reader(hint), spec(f).required) for f, hint in fields_of(cls)]
    known = {name for name, _, _ in fields}

    def read(data):
        if not isinstance(data, dict):
            raise FieldError("", f"must be a mapping of keys to values, not {_kind(data)}")
        for k in data:
            if k not in known:
                raise FieldError(str(k), f"unknown key (known keys: {', '.join(sorted(known))})")
        values = {}
        for name, reader, required in fields:
            if name not in data:
                if required:
                    raise FieldError(name, "missing key")
                continue
            try:
                values[name] = reader(data[name])
            except FieldError as exc:
                raise _prefix(name, exc) from None
        return cls(**values)
    return read


def _text(value):
    # YAML reads 2024 or 5.0 as numbers; as text they are what the contributor meant
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise FieldError("", f"must be text, not {_kind(value)}")


def _bool(value):
    if not isinstance(value, bool):
        raise FieldError("", f"must be true or false, not {_kind(value)}")
    return value


def _int(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("", f"must be a whole number, not {_kind(value)}")
    return value


def _date(value):
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise FieldError("", f"must be a date YYYY-MM-DD, not {value!r}") from None


_SCALARS = {str: _text, bool: _bool, int: _int, _dt.date: _date}


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# ---------------------------------------------------------------- writing

def _empty(value: object) -> bool:
    return value is None or value is False or value == "" or value == [] or value == {}


def unparse(obj) -> dict:
    """A contract dataclass → the mapping written to front matter, keys in declared order."""
    out = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if _empty(value) and not spec(f).always:
            continue
        out[f.name] = _plain(value)
    return out


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return unparse(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- documentation

def type_name(hint) -> str:
    """How a key's type reads in CONTRIBUTING.md."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return f"{type_name(options[0])} or null"
    if origin is list:
        return f"list of {type_name(typing.get_args(hint)[0])}"
    if origin is dict:
        k, v = typing.get_args(hint)
        return f"mapping {type_name(k)} → {type_name(v)}"
    if dataclasses.is_dataclass(hint):
        return f"mapping ({hint.__name__})"
    return {str: "text", int: "whole number", bool: "true/false", _dt.date: "date YYYY-MM-DD"}.get(hint, str(hint))


def schema_tables(files: list[tuple[type, str]]) -> str:
    """Markdown tables of the keys of each (class, file) and, once each, of the mappings
    nested in them (Source is one table, though documents and compilations both have one)."""
    out, done = [], set()

    def table(cls, title: str) -> None:
        done.add(cls)
        rows = [f"#### {title}\n", "| key | type | required | meaning |", "|---|---|---|---|"]
        nested = []
        for f, hint in fields_of(cls):
            s = spec(f)
            rows.append(f"| `{f.name}` | {type_name(hint)} | {'yes' if s.required else 'no'} | {s.doc} |")
            nested.extend(c for c in _nested_classes(hint) if c not in done and c not in nested)
        out.append("\n".join(rows) + "\n")
        for inner in nested:
            table(inner, f"`{inner.__name__}`: {(inner.__doc__ or '').strip()}")

    for cls, title in files:
        table(cls, title)
    return "\n".join(out)


def _nested_classes(hint) -> list:
    if dataclasses.is_dataclass(hint):
        return [hint]
    out = []
    for arg in typing.get_args(hint):
        out.extend(_nested_classes(arg))
    return out
