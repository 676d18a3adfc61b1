"""The OpenAPI 3.1 document for /api/. A test checks that it lists every API route."""

from __future__ import annotations

from typing import Any

from dl500.web.practice_openapi import PRACTICE_PATHS

_LOC = {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
_SUMMARY = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "example": "cnn/receptive-field"},
        "number": {"type": "string", "example": "5.1.3"},
        "level": {"type": "integer", "minimum": 1, "maximum": 3},
        "tags": {"type": "array", "items": {"type": "string"}},
        "title": _LOC,
    },
}
_SEARCH_RESULT = {
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "lang": {"type": "string", "enum": ["zh", "en"]},
        "results": {
            "type": "array",
            "items": {
                "allOf": [
                    _SUMMARY,
                    {
                        "type": "object",
                        "properties": {
                            "score": {"type": "number"},
                            "snippet": {
                                "type": "string",
                                "description": "HTML: escaped text; matches wrapped in <mark>.",
                            },
                        },
                    },
                ]
            },
        },
    },
}
_ERROR = {
    "description": "Problem with the request",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
        }
    },
}
_QPARAMS = [
    {
        "name": "chapter",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": "Chapter slug, e.g. `cnn`.",
    },
    {
        "name": "stem",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": "Question file stem, e.g. `receptive-field`.",
    },
]


def _ok(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "dl500 API",
        "version": "1",
        "description": "Read the handbook and keep bookmarks and notes.",
    },
    "paths": {
        "/api/chapters": {
            "get": {
                "summary": "List chapters",
                "responses": {"200": _ok({"type": "array", "items": {"type": "object"}})},
            }
        },
        "/api/chapters/{number}": {
            "get": {
                "summary": "One chapter with its sections and questions",
                "parameters": [
                    {
                        "name": "number",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {"200": _ok({"type": "object"}), "404": _ERROR},
            }
        },
        "/api/questions/{chapter}/{stem}": {
            "get": {
                "summary": "One question with its Markdown in both languages",
                "parameters": _QPARAMS,
                "responses": {"200": _ok(_SUMMARY), "404": _ERROR},
            }
        },
        "/api/questions/{chapter}/{stem}/bookmark": {
            "get": {
                "summary": "Whether the question is bookmarked",
                "parameters": _QPARAMS,
                "responses": {"200": _ok({"type": "object"}), "404": _ERROR},
            },
            "put": {
                "summary": "Set or clear the bookmark",
                "parameters": _QPARAMS,
                "requestBody": _body(
                    {
                        "type": "object",
                        "required": ["bookmarked"],
                        "properties": {"bookmarked": {"type": "boolean"}},
                    }
                ),
                "responses": {
                    "200": _ok({"type": "object"}),
                    "400": _ERROR,
                    "403": _ERROR,
                    "404": _ERROR,
                },
            },
        },
        "/api/questions/{chapter}/{stem}/note": {
            "get": {
                "summary": "The personal note on a question",
                "parameters": _QPARAMS,
                "responses": {"200": _ok({"type": "object"}), "404": _ERROR},
            },
            "put": {
                "summary": "Save the note (empty deletes it; at most 10,000 characters)",
                "parameters": _QPARAMS,
                "requestBody": _body(
                    {
                        "type": "object",
                        "required": ["body"],
                        "properties": {"body": {"type": "string", "maxLength": 10000}},
                    }
                ),
                "responses": {
                    "200": _ok({"type": "object"}),
                    "400": _ERROR,
                    "403": _ERROR,
                    "404": _ERROR,
                    "413": _ERROR,
                },
            },
        },
        "/api/search": {
            "get": {
                "summary": "Search questions in Chinese, English or both (typos tolerated)",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "Free text; only the first 200 characters are used.",
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                    },
                    {
                        "name": "lang",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["zh", "en"]},
                        "description": "Language of the snippets (default: zh if q has Chinese).",
                    },
                ],
                "responses": {"200": _ok(_SEARCH_RESULT), "400": _ERROR},
            }
        },
        "/api/bookmarks": {
            "get": {
                "summary": "Bookmarked questions, newest first",
                "responses": {"200": _ok({"type": "array", "items": _SUMMARY})},
            }
        },
        "/api/openapi.json": {
            "get": {"summary": "This document", "responses": {"200": _ok({"type": "object"})}}
        },
    },
}

OPENAPI["paths"].update(PRACTICE_PATHS)
