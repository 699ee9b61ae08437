from django.core.management.base import BaseCommand, CommandParser

from learnloop.gradebook.services import rebuild_levels
from learnloop.learning.services import rebuild_mastery


class Command(BaseCommand):
    help = (
        "Recompute every stored level (or some students') from all the evidence: the "
        "response log replayed, then observations, rubric scores, conference notes and "
        "overrides."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--student", type=int, action="append", help="user id (repeatable)")
        parser.add_argument(
            "--keep-practice",
            action="store_true",
            help="do not replay the response log; re-derive only the other evidence",
        )

    def handle(self, *args: object, **options: object) -> None:
        students = options.get("student")
        chosen = list(students) if students else None  # type: ignore[call-overload]
        if not options.get("keep_practice"):
            replayed = rebuild_mastery(student_ids=chosen)
            self.stdout.write(f"Replayed {replayed} responses.")
        cells = rebuild_levels(student_ids=chosen)
        self.stdout.write(f"Rebuilt the level of {cells} cells from all the evidence.")
