"""Students hear back: news from their teachers on My learning (writes and reads).

The apps where a teacher acts call `post_news` inside their own transaction (goals: a
help request marked helped, a goal co-signed; portfolio: work scored or commented on), so
the news exists exactly when the act does. The page words it for the student ("Elena
Rivera marked your help request as helped").
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.learning.models import NewsKind, StudentNews

NEWS_ON_PAGE = 5


def post_news(
    *,
    student: User,
    kind: NewsKind,
    subject: str = "",
    level: int | None = None,
    url: str = "",
    actor: User | None = None,
    now: datetime | None = None,
) -> StudentNews:
    return StudentNews.objects.create(
        student=student, kind=kind, subject=subject[:200], level=level, url=url[:300], actor=actor,
        created_at=now or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def mark_news_read(*, student: User, now: datetime | None = None) -> int:
    """Every unread item of the student's news read; returns how many."""
    unread = StudentNews.objects.filter(student=student, read_at__isnull=True)
    return unread.update(read_at=now or timezone.now())


def news_for_student(student: User, limit: int = NEWS_ON_PAGE) -> list[StudentNews]:
    """The latest news, unread first (one query)."""
    return list(
        StudentNews.objects.filter(student=student)
        .select_related("actor")
        .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")[:limit]
    )
