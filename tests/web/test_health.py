def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(make_app, tmp_path):
    app = make_app()
    broken = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-dir/none.sqlite3")
    assert app.test_client().get("/healthz").status_code == 200
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_healthz_checks_redis_when_configured(make_app):
    down = make_app(REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_STORAGE_URI="memory://")
    response = down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["redis"] == "unavailable"
