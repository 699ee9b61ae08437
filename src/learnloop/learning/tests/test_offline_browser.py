"""A student practices offline on a phone, in a real browser, and the answers reach the
teacher: download the pack, go offline, answer ten items with feedback graded in the
browser (one math answer the browser leaves to the server), reload the page offline
(the service worker serves it), come back online and watch the queue drain (to the
batch endpoint, or answer by answer where a server has none), then find the answers on
the teacher's class dashboard, regraded by the server. Signing out leaves nothing of
the student's on the device.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.content.drafts import ItemDraft
from learnloop.content.models import Activity, Item, ItemKind, Source, Status
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.services import create_item, set_activity_items
from learnloop.content.templatetags.math import katex_folder, katex_urls
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.browser
ANSWERS = 10
POOL = Path(__file__).parents[2] / "content" / "tests" / "fixtures" / "oatutor" / "pool"
KATEX = 0 if katex_urls(katex_folder()) is None else 1  # make assets installs KaTeX


def math_item(lw: LearningWorld) -> Item:
    return create_item(
        author=None,
        school=None,
        draft=ItemDraft(
            kind=ItemKind.MATH,
            title="Lowest terms",
            stem="<p>Write $\\frac{2}{4}$ in lowest terms.</p>",
            accepted_answers=("1/2",),
            solution="<p>Divide both by 2: $\\frac{1}{2}$.</p>",
        ),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )


def answer_one(page: Any, number: int) -> bool:
    """Answer the question shown (every third numeric answer wrong); True when right.

    The math item is answered in a form the browser leaves to the server."""
    page.locator("[data-answer-fields] input").first.wait_for()
    if "lowest terms" in page.locator("[data-stem]").inner_text():
        expect(page.locator("[data-stem] .katex")).to_have_count(KATEX)  # typeset offline
        page.get_by_label("Your answer").fill("(1/2)")
        page.get_by_role("button", name="Check my answer").click()
        pending = "Saved. This answer will be checked on sync."
        page.locator("[data-feedback]").filter(has_text=pending).wait_for()
        return True  # as the server will find
    if page.get_by_label("Your answer").count():
        right = number % 3 != 2
        page.get_by_label("Your answer").fill("3" if right else "4")
    else:
        right = True
        page.get_by_label("3:5").check()
    page.get_by_role("button", name="Check my answer").click()
    expected = "Correct!" if right else "Check your work and try again."
    feedback = page.locator("[data-feedback]")
    feedback.filter(has_text=expected).wait_for()
    return right


def test_a_student_practices_offline_and_the_answers_reach_the_teacher(
    phone_page: Any, live_server: Any, world: World
) -> None:
    forget_cached_model()
    lw = learning_world(world)
    set_activity_items(activity=lw.practice, items=[*lw.items, math_item(lw)])
    questions = len(lw.items) + 1
    page = phone_page
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the worker, which keeps the page
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.get_by_role("button", name=f"Download {lw.practice.title}").click()
    page.get_by_text(f"Downloaded “{lw.practice.title}”: {questions} questions.").wait_for()
    page.get_by_role("button", name=f"Download again {lw.practice.title}").wait_for()

    wait_until(
        page,
        """caches.open("learnloop-pages").then((cache) => cache.match("/goals/")).then(Boolean)""",
    )  # the student's pages are kept once a pack is downloaded

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/goals/")  # a page the student never opened, offline
    page.get_by_role("heading", level=1, name="My goals").wait_for()
    page.goto(f"{live_server.url}/learn/offline/")
    page.get_by_role("button", name=f"Practice {lw.practice.title}").click()
    right = 0
    for number in range(ANSWERS):
        right += answer_one(page, number)
        if number == ANSWERS - 1:
            screenshot(page, "student-offline-practice-phone")
        page.get_by_role("button", name="Next question").click()
    status = page.locator("[data-sync-status]").first
    status.filter(has_text=f"{ANSWERS} answers waiting to sync (you are offline).").wait_for()
    assert Response.objects.filter(student=world.student).count() == 0

    page.reload()  # offline: the service worker serves the kept page
    page.get_by_role("heading", name="Practice offline").wait_for()
    page.get_by_role("button", name=f"Practice {lw.practice.title}").wait_for()
    status.filter(has_text=f"{ANSWERS} answers waiting to sync").wait_for()

    page.context.set_offline(False)
    status.filter(has_text="All your answers are synced.").wait_for(timeout=30_000)
    stored = Response.objects.filter(student=world.student)
    assert stored.count() == ANSWERS
    assert sum(response.correct for response in stored) == right  # the server agrees

    page.get_by_role("button", name="Sign out").click()  # a shared computer: nothing stays
    page.wait_for_url("**/accounts/login/**")
    kept = page.evaluate(
        """async () => ({
            databases: (await indexedDB.databases()).map((db) => db.name),
            caches: await caches.keys(),
            workers: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )
    assert kept == {"databases": [], "caches": [], "workers": 0}

    teacher = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    teacher_page = teacher.new_page()
    sign_in(teacher_page, live_server.url, world.teacher.username)
    teacher_page.goto(f"{live_server.url}/teaching/classes/{world.classroom.pk}/")
    cell = teacher_page.locator(f"td.heatmap__cell[title^='{world.student.name}, 6.RP.A.2:']")
    assert (cell.get_attribute("title") or "").endswith(f"{right} of {ANSWERS} right")
    teacher.close()


def test_signing_out_asks_before_deleting_answers_not_yet_synced(
    page: Any, live_server: Any, world: World
) -> None:
    lw = learning_world(world)
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    page.get_by_role("button", name=f"Download {lw.practice.title}").click()
    page.get_by_role("button", name=f"Practice {lw.practice.title}").click()
    page.route("**/learn/api/**", lambda route: route.fulfill(status=503, body="busy"))
    answer_one(page, 0)  # the server is busy: the answer stays queued
    status = page.locator("[data-sync-status]").first
    status.filter(has_text="1 answer waiting to sync.").wait_for()

    dialogs: list[str] = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Sign out").click()
    for _ in range(300):  # the page tries to sync first, then asks (slow on a loaded machine)
        if dialogs:
            break
        page.wait_for_timeout(100)
    assert dialogs and "1 answer practiced offline has not synced yet" in dialogs[0]
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice offline")  # stayed
    status.filter(has_text="1 answer waiting to sync.").wait_for()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.evaluate("indexedDB.databases().then((dbs) => dbs.length)") == 0
    assert Response.objects.filter(student=world.student).count() == 0


def test_a_mark_the_server_changes_on_sync_is_told_to_the_student(
    page: Any, live_server: Any, world: World
) -> None:
    lw = learning_world(world)
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    page.get_by_role("button", name=f"Download {lw.practice.title}").click()
    page.get_by_role("button", name=f"Practice {lw.practice.title}").click()

    # A server whose key changed since the pack was made: it marks "3" wrong, compares
    # the browser's mark the client sends (client_correct) and flags the answer regraded.
    sent: list[Any] = []

    def regraded(route: Any) -> None:
        answers = route.request.post_data_json["answers"]
        sent.extend(a["client_correct"] for a in answers)
        results = [
            {
                "client_id": a["client_id"],
                "status": "stored",
                "correct": False,
                "flags": ["regraded"] if a["client_correct"] is True else [],
            }
            for a in answers
        ]
        route.fulfill(status=200, json={"results": results})

    page.route("**/learn/api/answers/batch", regraded)
    assert answer_one(page, 0)  # right by the pack's key
    status = page.locator("[data-sync-status]").first
    status.filter(has_text="1 answer was marked differently on sync").wait_for()
    status.filter(has_text="All your answers are synced.").wait_for()
    assert sent == [True]  # the browser's own mark went with the answer


def test_a_drawn_item_is_graded_offline_and_on_sync_as_the_same_instance(
    page: Any, live_server: Any, world: World
) -> None:
    """A variabilized item is packed drawn ahead: the browser grades the numbers it shows,
    the server regrades the same instance (the packed client id), and the item is
    answered once per download; a new download packs a new client id."""
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    varied = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracVar1")
    activity = Activity.objects.filter(items=varied).get()
    set_activity_items(activity=activity, items=[varied])
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    status = page.locator("[data-sync-status]").first
    for download, right in enumerate((True, False)):
        name = "Download again" if download else "Download"
        page.get_by_role("button", name=f"{name} {activity.title}").click()
        page.get_by_text(f"Downloaded “{activity.title}”: 1 question.").wait_for()
        page.get_by_role("button", name=f"Practice {activity.title}").click()
        stem = page.locator("[data-stem]")
        stem.filter(has_text="slices").wait_for()
        slices = 12 if "12 slices" in stem.inner_text() else 8
        page.get_by_label("Your answer").fill(str(slices // 2 if right else 20 - slices // 2))
        page.get_by_role("button", name="Check my answer").click()
        expected = "Correct!" if right else "Check your work and try again."
        page.locator("[data-feedback]").filter(has_text=expected).wait_for()
        status.filter(has_text="All your answers are synced.").wait_for(timeout=30_000)
        page.get_by_role("button", name="Next question").click()
        done = "You have answered every question of this pack."
        stem.filter(has_text=done).wait_for()
        assert page.get_by_role("button", name="Check my answer").is_disabled()
        page.reload()  # the device remembers the packed id was used
        page.get_by_role("button", name=f"Practice {activity.title}").click()
        stem.filter(has_text=done).wait_for()
    stored = list(Response.objects.filter(student=world.student).order_by("pk"))
    assert [response.correct for response in stored] == [True, False]  # as the browser
    assert stored[0].client_id != stored[1].client_id


def test_without_a_batch_endpoint_answers_sync_one_by_one_at_their_own_times(
    page: Any, live_server: Any, world: World
) -> None:
    """A server with no batch endpoint (404): the queue goes answer by answer to the
    one-answer endpoint, each with its client_time, stored at the device's time."""
    from django.utils import timezone

    lw = learning_world(world)
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    page.get_by_role("button", name=f"Download {lw.practice.title}").click()
    page.get_by_role("button", name=f"Practice {lw.practice.title}").click()
    page.route("**/learn/api/answers/batch", lambda route: route.fulfill(status=404, body="no"))
    page.context.set_offline(True)
    answer_one(page, 0)
    page.get_by_role("button", name="Next question").click()
    answer_one(page, 1)
    status = page.locator("[data-sync-status]").first
    status.filter(has_text="2 answers waiting to sync (you are offline).").wait_for()
    page.wait_for_timeout(1_500)
    back_online = timezone.now()
    page.context.set_offline(False)
    status.filter(has_text="All your answers are synced.").wait_for(timeout=30_000)
    stored = list(Response.objects.filter(student=world.student))
    assert len(stored) == 2
    assert all(r.created_at < back_online <= r.received_at for r in stored)  # device's time


def test_a_class_pack_kept_on_a_shared_device_serves_a_student_offline(
    phone_page: Any, live_server: Any, world: World
) -> None:
    """A teacher keeps the class's practice on a shared tablet and signs out; a student
    of the class signs in there, practices it offline without downloading anything, and
    the answers sync as theirs. Signing out deletes the student's data, not the class's."""
    from learnloop.teaching.tests.factories import assignment_of

    lw = learning_world(world)
    assignment_of(world)  # the practice, assigned to the class: in its class pack
    page = phone_page
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/teaching/classes/{world.classroom.pk}/")
    page.get_by_role("button", name="Keep this class's practice on this device").click()
    kept = page.locator("[data-class-device-status]")
    kept.filter(has_text="practice it offline. Activities: 1").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    databases = "indexedDB.databases().then((dbs) => dbs.map((db) => db.name))"
    assert page.evaluate(databases) == ["learnloop-class-packs"]

    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.get_by_role("heading", name="Your class's practice on this device").wait_for()
    page.context.set_offline(True)
    page.reload()  # offline: the kept page, and the class's practice on the device
    page.get_by_role("button", name=f"Practice {lw.practice.title}").click()
    answer_one(page, 0)
    page.get_by_role("button", name="Next question").click()
    answer_one(page, 1)
    status = page.locator("[data-sync-status]").first
    status.filter(has_text="2 answers waiting to sync (you are offline).").wait_for()
    page.context.set_offline(False)
    status.filter(has_text="All your answers are synced.").wait_for(timeout=30_000)
    assert Response.objects.filter(student=world.student).count() == 2
    assert not Response.objects.exclude(student=world.student).exists()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.evaluate(databases) == ["learnloop-class-packs"]  # the student's are gone


def wait_until(page: Any, promise: str, tries: int = 100) -> None:
    """Evaluate a promise-valued expression until it resolves truthy (waiting 100 ms between
    tries): `wait_for_function` does not wait on a promise's value, only on the promise."""
    for _ in range(tries):
        if page.evaluate(promise):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {promise}")


CLASS_PACK_MADE = """new Promise((resolve) => {
    const open = indexedDB.open("learnloop-class-packs");
    open.onsuccess = () => {
        const rows = open.result.transaction("packs").objectStore("packs").getAll();
        rows.onsuccess = () => { open.result.close(); resolve(rows.result.map((r) => r.made_at)); };
    };
})"""


def press(page: Any, role: str, name: str) -> None:
    """Reach a control by keyboard focus and press Enter on it."""
    page.get_by_role(role, name=name).focus()
    page.keyboard.press("Enter")


def test_a_picture_sign_in_tablet_keeps_and_refreshes_the_class_practice_by_keyboard(
    phone_page: Any, live_server: Any, world: World
) -> None:
    """The class's picture sign-in page says the tablet holds none of its practice and
    offers the teacher a sign-in; the teacher keeps it there from the class dashboard,
    refreshes it, signs out; the page then says from when the tablet holds it, the
    teacher signing in again is offered it on their home page, and a student who signs
    in with pictures sees "from <date>" next to the class's practice on the offline page."""
    from learnloop.schools.models import PictureCode
    from learnloop.schools.quick_sign_in import pictures_of, set_quick_sign_in
    from learnloop.teaching.tests.factories import assignment_of

    lw = learning_world(world)
    assignment_of(world)
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    page = phone_page
    page.goto(f"{live_server.url}/accounts/class/{world.classroom.pk}/")
    device = page.locator("[data-quick-device-state]")
    device.filter(has_text="This device does not hold your class's practice yet.").wait_for()
    press(page, "link", "Teacher: sign in to keep this class's practice on this device")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Username").fill(world.teacher.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/teaching/classes/{world.classroom.pk}/#class-device")
    held = page.locator("[data-class-device-held]")
    held.filter(has_text="This device does not hold this class's practice.").wait_for()
    expect(page.get_by_role("button", name="Remove class practice from this device")).to_have_count(
        0
    )
    press(page, "button", "Keep this class's practice on this device")
    held.filter(has_text="This device holds this class's practice from").wait_for()
    (first,) = page.evaluate(CLASS_PACK_MADE)
    page.wait_for_timeout(1_100)  # the next pack is made at a later second
    press(page, "button", "Refresh this class's practice on this device")
    made = first
    for _ in range(100):  # the refreshed pack is stored once its fetch is answered
        (made,) = page.evaluate(CLASS_PACK_MADE)
        if made > first:
            break
        page.wait_for_timeout(100)
    assert made > first
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")

    page.goto(f"{live_server.url}/accounts/class/{world.classroom.pk}/")
    device.filter(has_text="This device holds your class's practice from").wait_for()
    shown = page.evaluate(
        f"new Date({made!r}).toLocaleString('en', {{ dateStyle: 'medium', timeStyle: 'short' }})"
    )
    expect(device).to_contain_text(shown)

    sign_in(page, live_server.url, world.teacher.username)
    page.get_by_role(
        "heading", name="This device is set up for Math A's picture sign-in"
    ).wait_for()
    press(page, "link", "Keep Math A's practice on this device")
    page.locator("[data-class-device-held]").filter(has_text=shown).wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")

    code = PictureCode.objects.get(enrollment__student=world.student)
    page.goto(f"{live_server.url}/accounts/class/{world.classroom.pk}/")
    press(page, "link", world.student.first_name)
    for slot, picture in zip(("First", "Second", "Third"), pictures_of(code.pictures), strict=True):
        page.get_by_role("group", name=f"{slot} picture").get_by_label(picture.name).focus()
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/learn/offline/")
    row = page.locator("[data-class-pack-list] li").filter(has_text=lw.practice.title)
    row.locator("[data-class-pack-date]").filter(has_text=f"from {shown}").wait_for()


def test_offline_pages_keep_the_students_language_and_katex_fonts(
    page: Any, live_server: Any, world: World
) -> None:
    """The worker keeps KaTeX's woff2 fonts when it installs, and the JavaScript
    catalogue of the page's language: offline, the page's scripts still speak Spanish,
    and a page never kept is refused in Spanish too."""
    lw = learning_world(world)
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/offline/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # through the worker: the page and its catalogue kept
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    wait_until(
        page,
        'caches.open("learnloop-catalogue").then((c) => c.match("/jsi18n/?lang=es")).then(Boolean)',
    )
    if KATEX:
        fonts = page.evaluate(
            """async () => {
                const name = (await caches.keys()).find((n) => n.startsWith("learnloop-static-"));
                const keys = await (await caches.open(name)).keys();
                return keys.filter((r) => r.url.endsWith(".woff2")).length;
            }"""
        )
        assert fonts >= 20  # every woff2 KaTeX's style sheet names, before any formula

    page.context.set_offline(True)
    page.reload()
    page.locator(f'[data-download="{lw.practice.pk}"]').click()
    page.get_by_text("No se pudo descargar: parece que no tienes conexión.").wait_for()
    # With no page kept (not even the offline page), the worker answers with its own.
    page.evaluate(
        """caches.open("learnloop-pages").then((cache) => cache.keys()
            .then((keys) => Promise.all(keys.map((key) => cache.delete(key)))))"""
    )
    page.goto(f"{live_server.url}/learn/mistakes/")
    page.get_by_role("heading", level=1, name="No tienes conexión").wait_for()
    assert page.evaluate("document.documentElement.lang") == "es"
    page.context.set_offline(False)
