"""The one client ai_coach uses to ask a model for JSON: the analysis engine (engines/llm.py) and CV
refinement (cv/refine.py) both go through it.

- Any endpoint that speaks the chat completions API works (OpenAI, OpenRouter, Ollama's `/v1`, vLLM):
  it is the `openai` client, with its own retries turned off, because retrying is decided here.
- The reply must be one JSON object that matches the caller's JSON schema (`schema_error` checks the
  structural keywords: type, required, properties, items; bounds such as `minimum` are the caller's to
  enforce, as the engine clamps the score rather than asking again). A reply that does not match gets
  one repair request that quotes the error; a second bad reply is a failure.
- It never raises for the provider's sake: the reply says why there is no data (timeout, HTTP status,
  unreachable, invalid twice), so the caller keeps its rule-based result, and token usage is summed
  over every attempt, as every attempt is paid for.
- Untrusted text (a posting, a CV) goes into the prompt through `fence`, between markers that carry a
  random nonce, so the text cannot close its own block and speak as the instructions.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import openai

from ai_coach.domain import TokenUsage

REPAIR_PROMPT = "Your reply was not valid: {error}. Reply again with only the corrected JSON object matching the schema."

_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)  # tolerates ```json fences and a sentence around the object
_MARKER_LIKE = re.compile(r"<<<|>>>")
_TYPE_NAMES = {"object": "a JSON object", "array": "an array", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "a boolean"}


class InvalidReply(ValueError):
    """The model's reply is not a JSON object matching the schema; the message names the first problem."""


@dataclass(slots=True)
class JsonReply:
    data: dict[str, Any] | None  # the checked JSON object; None when there is none
    failure: str | None = None  # why there is none, worded for a log line or a fallback reason
    usage: TokenUsage = field(default_factory=TokenUsage)


def _has_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):  # JSON true is not the number 1
        return False
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, int | float)
    raise ValueError(f"unsupported schema type {kind!r}")


def schema_error(value: Any, schema: dict[str, Any], where: str = "the reply") -> str | None:
    """The first way `value` breaks `schema` (type, required, properties, items), or None."""
    kind = schema.get("type")
    if kind is not None and not _has_type(value, kind):
        items = schema.get("items", {}).get("type")
        wanted = f"an array of {items}s" if kind == "array" and items else _TYPE_NAMES[kind]
        return f"{where} must be {wanted}"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                return f"missing field '{key}'"
        for key, property_schema in schema.get("properties", {}).items():
            if key in value and (error := schema_error(value[key], property_schema, f"'{key}'")):
                return error
    if isinstance(value, list) and "items" in schema:
        if any(schema_error(item, schema["items"]) is not None for item in value):
            kind_of_items = schema["items"].get("type")
            return f"{where} must be an array of {kind_of_items}s" if kind_of_items else f"{where} has an invalid item"
    return None


def parse_json_reply(content: str | None, schema: dict[str, Any]) -> dict[str, Any]:
    """The reply as a dict, or `InvalidReply` naming the first problem found."""
    if not content or not content.strip():
        raise InvalidReply("empty reply")
    match = _JSON_OBJECT.search(content)
    if match is None:
        raise InvalidReply("no JSON object in the reply")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as error:
        raise InvalidReply(f"invalid JSON ({error.msg} at position {error.pos})") from None
    error_text = schema_error(data, {"type": "object", **schema})
    if error_text is not None:
        raise InvalidReply(error_text)
    return data


def fence(label: str, text: str) -> tuple[str, str, str]:
    """(opening marker, closing marker, text) for untrusted `text` sent to a model.

    The markers carry a fresh random nonce, and anything shaped like a marker is blanked out of the
    text, so the text cannot end its block early and go on as if it were the instructions.
    """
    nonce = secrets.token_hex(8)
    return f"<<<{label} {nonce}>>>", f"<<<END {label} {nonce}>>>", _MARKER_LIKE.sub(" ", text)


class JsonChatClient:
    """Chat completions that must answer with a JSON object, against one model at one endpoint."""

    def __init__(self, *, base_url: str, model: str, api_key: str | None = None, timeout_s: float = 30.0) -> None:
        self.model = model
        self.timeout_s = timeout_s
        self._client = openai.AsyncOpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout_s,
                                          max_retries=0)

    @classmethod
    def configured(cls, *, base_url: str | None, model: str | None, api_key: str | None,
                   timeout_s: float) -> JsonChatClient | None:
        """A client when both an endpoint and a model are set; None means no LLM: the rules work alone."""
        if not (base_url and model):
            return None
        return cls(base_url=base_url, model=model, api_key=api_key, timeout_s=timeout_s)

    async def aclose(self) -> None:
        await self._client.close()

    async def ask(self, messages: list[dict[str, str]], schema: dict[str, Any], *,
                  max_tokens: int | None = None) -> JsonReply:
        """The model's JSON object for `messages`, checked against `schema`, with one repair attempt."""
        usage = TokenUsage()
        limits = {"max_tokens": max_tokens} if max_tokens else {}
        failure: str | None = None
        for attempt in range(2):
            try:
                completion = await self._client.chat.completions.create(
                    model=self.model, messages=messages, temperature=0, response_format={"type": "json_object"},
                    **limits)
            except openai.APITimeoutError:
                return JsonReply(None, f"LLM request timed out after {self.timeout_s:g}s", usage)
            except openai.APIStatusError as error:
                return JsonReply(None, f"LLM endpoint answered HTTP {error.status_code}", usage)
            except openai.APIConnectionError as error:
                return JsonReply(None, f"LLM endpoint unreachable: {error.__class__.__name__}", usage)
            except openai.OpenAIError as error:  # e.g. a body that is not a chat completion at all
                return JsonReply(None, f"LLM request failed: {error.__class__.__name__}", usage)
            if completion.usage is not None:
                usage.prompt += completion.usage.prompt_tokens or 0
                usage.completion += completion.usage.completion_tokens or 0
                usage.total += completion.usage.total_tokens or 0
            content = completion.choices[0].message.content if completion.choices else None
            try:
                return JsonReply(parse_json_reply(content, schema), None, usage)
            except InvalidReply as error:
                failure = f"LLM output invalid {'twice' if attempt else 'once'}: {error}"
                messages = [*messages, {"role": "assistant", "content": content or ""},
                            {"role": "user", "content": REPAIR_PROMPT.format(error=error)}]
        return JsonReply(None, failure, usage)
