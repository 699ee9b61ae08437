from django.core.management.base import BaseCommand

from learnloop.demo.people import DEMO_PASSWORD
from learnloop.demo.seed import DEMO_SIGN_INS, seed_demo


class Command(BaseCommand):
    help = "Create or update the demo school (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        demo = seed_demo()
        self.stdout.write(
            f"Demo school ready: {demo.school.name}, {len(demo.classrooms)} classes, "
            f"{len(demo.students)} students."
        )
        self.stdout.write(f"Sign in with any of these (password: {DEMO_PASSWORD}):")
        for role, username in DEMO_SIGN_INS:
            self.stdout.write(f"  {role:<13} {username}")
