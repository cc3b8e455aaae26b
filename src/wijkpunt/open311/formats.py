"""JSON and XML answers in the shapes GeoReport v2 describes (XML with the standard library)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

# In XML, the elements of a list are wrapped: <services><service>…</service></services>.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        tag = ITEM_TAGS.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, tag), child)
    else:
        element.text = _text(value)


def to_xml(root: str, value) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, value, status: int = 200) -> HttpResponse:
    """``root`` names the XML root element; JSON is the value itself."""
    if fmt == "xml":
        return HttpResponse(
            to_xml(root, value), content_type="text/xml; charset=utf-8", status=status
        )
    return HttpResponse(
        json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def error(fmt: str, code: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": code, "description": str(description)}], status=code)
