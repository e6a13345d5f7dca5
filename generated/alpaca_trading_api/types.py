"""Contains some shared types for properties"""

import datetime
import re
import typing
from collections.abc import Mapping, MutableMapping
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar
from urllib.parse import quote, unquote
from uuid import UUID, SafeUUID

from attrs import define


class Unset:
    """The marker of an optional field the API did not send (``UNSET``); falsy, unlike None,
    which is a field sent as null."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    # One marker per process, whatever copies or pickles it: a model that went through
    # pickle, copy.copy or copy.deepcopy (multiprocessing, task queues, caches) still has
    # UNSET in its unset fields, so it equals the original and writes the same JSON.
    def __reduce__(self) -> str:
        return "UNSET"

    def __copy__(self) -> "Unset":
        return self

    def __deepcopy__(self, memo: object) -> "Unset":
        return self


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int  # int for statuses HTTPStatus does not know (520)
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def decimal_or_none(value: object) -> Decimal | None:
    """A decimal-string field as an exact Decimal (never through float); None if absent or null."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, str):
        raise TypeError(
            f"expected a decimal string, got {type(value).__name__}: {value!r}"
        )
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a decimal string: {value!r}") from None


def decimal_required(value: object) -> Decimal:
    """A required, non-nullable decimal-string field as an exact Decimal."""
    decimal = decimal_or_none(value)
    if decimal is None:
        raise TypeError(f"a required decimal field holds {value!r}")
    return decimal


def exact_number(value: object) -> Decimal:
    """A JSON number field as an exact Decimal: as decoded with Decimal for floats (the
    client does), an int, or a decimal string; a float (json.loads without parse_float) is
    taken by its shortest repr, the closest a float can give."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"expected a number, got {type(value).__name__}: {value!r}")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def exact_number_or_none(value: object) -> Decimal | None:
    """exact_number, or None for a null."""
    return None if value is None else exact_number(value)


class Timestamp(datetime.datetime):
    """A datetime parsed from the API, which remembers the text it was parsed from.

    Alpaca sends nanoseconds and `Z` ("2026-09-16T14:30:01.53427917Z"); a datetime holds
    microseconds and writes "+00:00". ``to_dict``/``to_json`` write ``text`` back, so a model
    is turned into JSON exactly as received. A datetime the user sets is written in the API's
    own form (RFC 3339, `Z` for UTC)."""

    __slots__ = ("text",)
    text: str

    # datetime pickles and copies itself as a plain datetime; a Timestamp is rebuilt from its
    # text, so a copied model still writes the JSON it was read from.
    def __reduce_ex__(
        self, protocol: "typing.SupportsIndex"
    ) -> "tuple[object, tuple[str]]":
        return (parse_timestamp, (self.text,))

    def __copy__(self) -> "Timestamp":
        return self  # immutable

    def __deepcopy__(self, memo: object) -> "Timestamp":
        return self


def parse_timestamp(text: str) -> datetime.datetime:
    """A date-time field as a datetime (a Timestamp that keeps ``text``)."""
    value = Timestamp.fromisoformat(text)
    value.text = text
    return value


def format_timestamp(value: datetime.datetime) -> str:
    """A date-time field as the API writes it: the text it came as, or RFC 3339 with `Z`."""
    kept: str | None = getattr(
        value, "text", None
    )  # unset on a Timestamp's copies (+, replace)
    if kept is not None:
        return kept
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# ---- path segments: one rule for symbols and ids, used by the generated endpoint functions
# and by alpaca_trading (symbols.py). Quirks handled (alpaca-py #537, toolchain notes §2):
# assets take a crypto pair percent-encoded ("BTC/USD" -> BTC%2FUSD); positions are keyed by
# the pair without the slash (BTCUSD); an already encoded "BTC%2FUSD" is decoded once, never
# encoded twice (BTC%252FUSD); "", whitespace, "." and "..", control characters and any other
# slash are refused before a request is sent.
_PAIR = re.compile(r"[A-Za-z0-9]+/[A-Za-z0-9]+\Z")
_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
MAX_SEGMENT_LENGTH = 128


def _symbol_text(value: object, argument: str) -> str:
    """The symbol or id as text, decoded once and checked; raises TypeError or ValueError."""
    if isinstance(value, UUID):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} must be a str or uuid.UUID, got {type(value).__name__}"
        )
    if len(value) > 3 * MAX_SEGMENT_LENGTH:  # judged before decoding: bounded work
        raise ValueError(f"{argument} is longer than {MAX_SEGMENT_LENGTH} characters")
    try:
        text = unquote(value, errors="strict") if _ENCODED.search(value) else value
    except UnicodeDecodeError:
        raise ValueError(
            f"{argument} is not valid UTF-8 once percent-decoded: {value!r}"
        ) from None
    if not text.strip():
        raise ValueError(f"{argument} must not be empty or only whitespace")
    if _CONTROL.search(text):
        raise ValueError(
            f"{argument} must not contain whitespace or control characters: {value!r}"
        )
    if text in {".", ".."}:
        raise ValueError(
            f"{argument} must not be {text!r}: it would address another path"
        )
    if len(text) > MAX_SEGMENT_LENGTH:
        raise ValueError(f"{argument} is longer than {MAX_SEGMENT_LENGTH} characters")
    if "/" in text and not _PAIR.match(text):
        raise ValueError(
            f"{argument}: '/' only appears in crypto pairs such as 'BTC/USD', got {value!r}"
        )
    return text


def asset_segment(value: str | UUID, argument: str = "symbol_or_asset_id") -> str:
    """The path segment for /v2/assets/{...}: a pair is sent as BTC%2FUSD."""
    return quote(_symbol_text(value, argument), safe="")


def position_segment(value: str | UUID, argument: str = "symbol_or_asset_id") -> str:
    """The path segment for /v2/positions/{...}: a pair is sent as BTCUSD."""
    return quote(_symbol_text(value, argument).replace("/", ""), safe="")


_new_object = object.__new__
_set_uuid_int = UUID.int.__set__  # type: ignore[attr-defined]
_set_uuid_is_safe = UUID.is_safe.__set__  # type: ignore[attr-defined]
_UUID_SAFETY_UNKNOWN = SafeUUID.unknown


def uuid_from_str(value: str) -> UUID:
    """``UUID(value)``, about twice as fast for the plain hex form that APIs send.

    A list of 35,000 assets carries 35,000 ids. This does what ``UUID.__init__`` does with a
    hex string (drop the hyphens, take 32 characters with ``int(_, 16)``) without its
    keyword handling; a value with braces or a ``urn:uuid:`` prefix, or one that is not hex,
    goes to ``UUID()`` itself, which accepts or refuses it with its own message.
    """
    digits = value.replace("-", "")
    if len(digits) == 32:
        try:
            number = int(digits, 16)
        except ValueError:
            return UUID(value)
        uuid = _new_object(UUID)
        _set_uuid_int(uuid, number)
        _set_uuid_is_safe(uuid, _UUID_SAFETY_UNKNOWN)
        return uuid
    return UUID(value)


__all__ = [
    "MAX_SEGMENT_LENGTH",
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Timestamp",
    "Unset",
    "asset_segment",
    "decimal_or_none",
    "decimal_required",
    "format_timestamp",
    "parse_timestamp",
    "position_segment",
    "uuid_from_str",
]
