"""The installable app: the manifest, the service worker, what a student's pages load,
and sign-out telling the browser to forget the student's offline data."""

from __future__ import annotations

import json

from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World
from learnloop.web.installable import offline_static_paths, offline_static_urls


def _client(user: object | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_manifest_makes_the_app_installable(world: World) -> None:
    response = _client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/learn/"
    assert manifest["scope"] == "/" and manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert isinstance(path, str), icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])


def test_the_service_worker_is_served_at_the_root_with_what_it_keeps(world: World) -> None:
    response = _client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    body = response.content.decode()
    assert "{{" not in body and "&quot;" not in body
    assert json.dumps(offline_static_urls()) in body
    assert '"/learn/offline/"' in body
    for path in offline_static_paths():
        assert finders.find(path), path


def test_the_worker_is_the_same_bytes_on_every_request(world: World) -> None:
    assert _client().get("/sw.js").content == _client().get("/sw.js").content


def test_a_students_pages_install_the_worker_and_show_the_sync_line(world: World) -> None:
    learning_world(world)
    page = _client(world.student).get("/learn/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert f'<meta name="learnloop-student" content="{world.student.pk}">' in page
    assert '<script src="/static/web/offline/app.mjs" type="module">' in page
    assert "data-sync-status" in page and "data-sign-out" in page
    assert 'href="/learn/offline/"' in page
    teacher_page = _client(world.teacher).get("/").content.decode()
    assert '<link rel="manifest"' in teacher_page
    assert "learnloop-student" not in teacher_page and "app.mjs" not in teacher_page


def test_signing_out_tells_the_browser_to_forget_the_offline_data(world: World) -> None:
    response = _client(world.student).post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_worker_keeps_katex_woff2_fonts_when_katex_is_installed(world: World) -> None:
    from learnloop.content.templatetags.math import katex_folder, katex_urls
    from learnloop.web.installable import katex_fonts

    folder = katex_folder()
    fonts = katex_fonts(folder)
    if katex_urls(folder) is None:
        assert fonts == () and not any(p.endswith(".woff2") for p in offline_static_paths())
        return
    assert f"{folder}/fonts/KaTeX_Main-Regular.woff2" in fonts
    assert f"{folder}/fonts/KaTeX_Math-Italic.woff2" in fonts
    assert all(path.endswith(".woff2") for path in fonts)  # never the woff or ttf too
    assert set(fonts) <= set(offline_static_paths())
    body = _client().get("/sw.js").content.decode()
    assert f"/static/{folder}/fonts/KaTeX_Main-Regular.woff2" in body


def test_the_workers_offline_page_speaks_every_language_offered(world: World) -> None:
    from learnloop.web.installable import offline_notices

    notices = offline_notices()
    assert notices["en"]["heading"] == "You are offline"
    assert notices["es"]["heading"] == "No tienes conexión"
    assert notices["es"]["link"] == "Practicar sin conexión"
    assert notices["ar"]["dir"] == "rtl" and notices["en"]["dir"] == "ltr"
    body = _client().get("/sw.js").content.decode()
    assert "No tienes conexión" in body and '"/jsi18n/"' in body


def test_the_catalogue_of_the_language_the_url_names(world: World) -> None:
    english_reader = _client(world.student)
    spanish = english_reader.get("/jsi18n/?lang=es")
    assert b"Comprobando" in spanish.content  # "Checking…", practice.js
    assert b"Comprobando" not in english_reader.get("/jsi18n/").content
    assert b"Comprobando" not in english_reader.get("/jsi18n/?lang=xx").content  # not offered
    page = english_reader.get("/learn/").content.decode()
    assert '<script src="/jsi18n/?lang=en" defer>' in page  # one URL per language


def test_a_device_keeping_a_class_pack_keeps_its_storage_at_sign_out(world: World) -> None:
    client = _client(world.student)
    client.cookies["learnloop_class_pack"] = "1"
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'  # the page wiped the student's own data
    other = _client(world.teacher)
    other.cookies["learnloop_class_pack"] = "yes"  # only the value the page sets counts
    assert other.post("/accounts/logout/")["Clear-Site-Data"] == '"cache", "storage"'
