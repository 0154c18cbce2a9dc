"""The JSON API documents itself (OpenAPI) and its docs page works without internet access."""


def test_openapi_lists_every_app_router(client, db):
    schema = client.get("/api/openapi.json").json()
    paths = " ".join(schema["paths"])
    for prefix in ("/api/eligibility/", "/api/employers/", "/api/matching/"):
        assert prefix in paths, prefix


def test_docs_page_uses_bundled_assets(client, db):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "cdn.jsdelivr" not in page.text and "/static/ninja/" in page.text


def test_api_requires_a_session(client, db):
    assert client.get("/api/me").status_code == 401
