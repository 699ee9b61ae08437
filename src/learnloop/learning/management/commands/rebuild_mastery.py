from django.core.management.base import BaseCommand, CommandParser

from learnloop.learning.services import rebuild_mastery


class Command(BaseCommand):
    help = "Recompute every mastery state (or some students') from the response log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--student", type=int, action="append", help="user id (repeatable)")

    def handle(self, *args: object, **options: object) -> None:
        students = options.get("student")
        replayed = rebuild_mastery(student_ids=list(students) if students else None)  # type: ignore[arg-type]
        self.stdout.write(f"Rebuilt mastery from {replayed} responses.")
