"""The API reference on the docs page, read from the OpenAPI document: every operation
with its parameters and the fields of what it answers. Rendered on the server, so the
page needs no script and keeps the public pages' strict CSP; Swagger UI, for trying
requests out, is at /api/v1/docs/."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def code_spans(text):
    """The Markdown code spans of a description (`next_cursor`) as <code>, the rest escaped."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text)))


def reference(document):
    components = document.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": code_spans(operation.get("description", "")),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "type": type_of(parameter.get("schema", {}), components),
                            "required": parameter.get("required", False),
                            "description": code_spans(parameter.get("description", "")),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "fields": answer_fields(operation, components),
                }
            )
    return operations


def answer_fields(operation, components):
    """The fields of one item of the 200 answer (of a page's items, for a list)."""
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = resolve(content.get("application/json", {}).get("schema", {}), components)
    items = schema.get("properties", {}).get("items")
    if items and items.get("type") == "array" and "next_cursor" in schema.get("properties", {}):
        schema = resolve(items.get("items", {}), components)
    return [
        {
            "name": name,
            "type": type_of(field, components),
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def resolve(schema, components):
    reference_to = schema.get("$ref", "")
    if reference_to.startswith("#/components/schemas/"):
        return components.get(reference_to.rsplit("/", 1)[1], {})
    return schema


def type_of(schema, components):
    """A short, readable type: "string (date-time) or null", "list of QuoteOut"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " or ".join(type_of(option, components) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list of {type_of(schema.get('items', {}), components)}"
    if kind == "string" and "format" in schema:
        return f"string ({schema['format']})"
    return kind
