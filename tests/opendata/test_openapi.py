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


def test_the_docs_page_uses_only_our_own_files(client, db):
    for lang in ("de", "en"):
        redirect = client.get("/api/v1/docs/", headers={"accept-language": lang})
        assert redirect.status_code == 302 and redirect["Location"] == f"/{lang}/api/"
        response = client.get(f"/{lang}/api/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "/static/ninja/swagger-ui-bundle.js" in html
        assert "/api/v1/openapi.json" in html
        assert "cdn." not in html and "https://unpkg" not in html
        policy = response["Content-Security-Policy"]
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'"]
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in policy
    assert (
        "Offene Daten"
        in client.get("/api/v1/docs/", headers={"accept-language": "de"}).content.decode()
    )
