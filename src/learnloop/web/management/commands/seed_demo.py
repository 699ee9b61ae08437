from django.core.management.base import BaseCommand

from learnloop.demo.algebra import CLASS_NAME
from learnloop.demo.people import ALGEBRA_TEACHER, DEMO_PASSWORD
from learnloop.demo.seed import DEMO_SIGN_INS, seed_demo


class Command(BaseCommand):
    help = "Create or update the demo school (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        demo = seed_demo()
        self.stdout.write(
            f"Demo school ready: {demo.school.name}, {len(demo.classrooms)} classes, "
            f"{len(demo.students)} students."
        )
        for note in demo.notes:
            self.stdout.write(note)
        self.stdout.write(f"Sign in with any of these (password: {DEMO_PASSWORD}):")
        for role, username in DEMO_SIGN_INS:
            self.stdout.write(f"  {role:<13} {username}")
        teacher = demo.person(ALGEBRA_TEACHER[0])
        if teacher is not None:
            self.stdout.write(f"  {'teacher':<13} {teacher.username}  ({CLASS_NAME}, OATutor)")
