"""The OpenAPI document validates, and its docs page is served by the portal itself
(Swagger UI from our static files) under a CSP that allows no other host."""

from openapi_spec_validator import validate

from alliance_portal.opendata.resources import resources


def test_the_openapi_document_validates(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    paths = document["paths"]
    for resource in resources():
        assert f"/api/v1/{resource.name}/" in paths
        parameters = {p["name"] for p in paths[f"/api/v1/{resource.name}/"]["get"]["parameters"]}
        assert {"lang", "cursor", "limit", "updated_since"} <= parameters
    assert "/api/v1/statements/{slug}/" in paths
    assert "/api/v1/download.zip" in paths


def directive(response, name):
    policy = response["Content-Security-Policy"]
    return next(d.split() for d in policy.split(";") if d.split()[0] == name)


def test_the_docs_page_is_a_page_of_the_portal_without_script(client, db):
    for lang, heading in (("de", "Offene Daten"), ("en", "Open data")):
        response = client.get(f"/{lang}/api/")
        assert response.status_code == 200
        html = response.content.decode()
        assert heading in html
        assert "<script" not in html.replace('<script type="application/ld+json">', "")
        assert directive(response, "script-src") == ["script-src", "'none'"]
        # The reference is read from the OpenAPI document: every list and its filters.
        assert "/api/v1/memberships/" in html and "updated_since" in html
        assert 'href="/api/v1/download.zip"' in html


def test_swagger_ui_comes_from_our_own_files(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui-init.js" in html
    assert "cdn." not in html and "unpkg" not in html
    assert directive(response, "script-src") == ["script-src", "'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
