"""OpenAPI paths of the practice and interview API, merged into /api/openapi.json."""

from __future__ import annotations

from typing import Any

_ERR = {
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
        }
    }
}
_OBJ = {"type": "object"}


def _err(description: str) -> dict[str, Any]:
    return {"description": description, **_ERR}


def _ok(description: str = "OK", schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema or _OBJ}},
    }


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "required": required, "properties": properties}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_400 = _err("Bad input (unknown field value, wrong rating, malformed JSON)")
_403 = _err("Cross-origin write refused")
_404 = _err("Unknown question, review or interview")
_413 = _err("File too large")
_409 = _err("Conflict: stale card version, out-of-order answer or reused submission id")
_INT = {"type": "integer"}
_STR = {"type": "string"}
_FILTERS = [
    {"name": "chapter", "in": "query", "schema": {"type": "array", "items": _INT}},
    {"name": "level", "in": "query", "schema": {"type": "array", "items": _INT}},
    {"name": "tag", "in": "query", "schema": {"type": "array", "items": _STR}},
    {"name": "bookmarked", "in": "query", "schema": {"type": "string", "enum": ["1"]}},
]
_QPARAMS = [
    {"name": "chapter", "in": "path", "required": True, "schema": _STR},
    {"name": "stem", "in": "path", "required": True, "schema": _STR},
]
_ID = [{"name": "id", "in": "path", "required": True, "schema": _INT}]
_SUBMISSION = {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"}
_SCOPE = {
    "chapters": {"type": "array", "items": _INT},
    "levels": {"type": "array", "items": _INT},
    "tags": {"type": "array", "items": _STR},
    "bookmarked": {"type": "boolean"},
}

PRACTICE_PATHS: dict[str, Any] = {
    "/api/practice/queue": {
        "get": {
            "summary": "Due/new counts and the next card under the filters",
            "parameters": _FILTERS,
            "responses": {"200": _ok(), "400": _400},
        }
    },
    "/api/practice/cards/{chapter}/{stem}": {
        "get": {
            "summary": "One card's schedule and version (seq)",
            "parameters": _QPARAMS,
            "responses": {"200": _ok(), "404": _404},
        }
    },
    "/api/practice/reviews": {
        "get": {
            "summary": "The review log, newest first",
            "parameters": [
                {"name": "limit", "in": "query", "schema": {**_INT, "maximum": 1000}},
                {"name": "before", "in": "query", "schema": _INT},
            ],
            "responses": {"200": _ok(), "400": _400},
        },
        "post": {
            "summary": "Rate a card (committed before the response; replay-safe)",
            "requestBody": _body(
                {
                    "question_id": _STR,
                    "rating": {"type": "integer", "minimum": 1, "maximum": 4},
                    "seq": {**_INT, "description": "Card version the rating was made at"},
                    "submission_id": _SUBMISSION,
                    "duration_ms": _INT,
                },
                ["question_id", "rating", "seq", "submission_id"],
            ),
            "responses": {"200": _ok(), "400": _400, "403": _403, "404": _404, "409": _409},
        },
    },
    "/api/practice/undo": {
        "post": {
            "summary": "Undo the latest rating (optionally naming it by review_id)",
            "requestBody": _body({"review_id": _INT}, []),
            "responses": {"200": _ok(), "400": _400, "404": _404, "409": _409},
        }
    },
    "/api/practice/settings": {
        "get": {"summary": "Practice settings", "responses": {"200": _ok()}},
        "put": {
            "summary": "Change new cards per day and/or the UTC offset",
            "requestBody": _body({"new_per_day": _INT, "utc_offset_min": _INT}, []),
            "responses": {"200": _ok(), "400": _400, "403": _403},
        },
    },
    "/api/practice/stats": {
        "get": {"summary": "Streak, retention, mastery and forecast", "responses": {"200": _ok()}}
    },
    "/api/practice/export": {
        "get": {
            "summary": "All practice history as a versioned JSON file",
            "responses": {"200": _ok()},
        }
    },
    "/api/practice/import": {
        "post": {
            "summary": "Replace practice history with an exported file (all or nothing)",
            "parameters": [{"name": "replace", "in": "query", "schema": {"type": "string"}}],
            "requestBody": _body({"format": _STR, "version": _INT}, ["format", "version"]),
            "responses": {"200": _ok(), "400": _400, "403": _403, "409": _409, "413": _413},
        }
    },
    "/api/interviews": {
        "get": {"summary": "Past mock interviews with their reports", "responses": {"200": _ok()}},
        "post": {
            "summary": "Start a mock interview",
            "requestBody": _body(
                {
                    "length": {"type": "integer", "enum": [5, 10, 20]},
                    "seconds_per_question": {"type": "integer", "enum": [60, 120, 180, 300]},
                    **_SCOPE,
                },
                [],
            ),
            "responses": {"201": _ok("Created"), "400": _400, "403": _403},
        },
    },
    "/api/interviews/{id}": {
        "get": {
            "summary": "One interview and its report",
            "parameters": _ID,
            "responses": {"200": _ok(), "404": _404},
        }
    },
    "/api/interviews/{id}/answers": {
        "post": {
            "summary": "Answer the next question; the score becomes an FSRS rating",
            "parameters": _ID,
            "requestBody": _body(
                {
                    "position": _INT,
                    "submission_id": _SUBMISSION,
                    "answer": _STR,
                    "covered": {"type": "array", "items": _INT},
                    "lang": {"type": "string", "enum": ["zh", "en"]},
                    "elapsed_s": _INT,
                },
                ["position", "submission_id"],
            ),
            "responses": {"200": _ok(), "400": _400, "404": _404, "409": _409},
        }
    },
    "/api/interviews/{id}/finish": {
        "post": {
            "summary": "End the interview now (idempotent)",
            "parameters": _ID,
            "responses": {"200": _ok(), "404": _404},
        }
    },
}
