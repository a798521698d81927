"""Helpers the certificate tests share."""

from certificates.models import Certificate
from learning import services
from learning.models import CoursePage, ModuleProgress


def complete_course(user, course: CoursePage) -> Certificate:
    """Every module viewed and passed, then the one completion event: the certificate."""
    for module in course.modules():
        ModuleProgress.objects.update_or_create(
            user=user,
            module_key=module.translation_key,
            defaults={
                "course_key": course.translation_key,
                "content_viewed_at": "2026-03-02T10:00:00Z",
                "quiz_passed_at": "2026-03-02T10:00:00Z",
            },
        )
    services.course_completion_record(user=user, course=course)
    return Certificate.objects.get(user=user, course_key=course.translation_key)


def named(certificate: Certificate, name: str = "Alice Walker", *, public: bool) -> Certificate:
    certificate.recipient_name = name
    certificate.show_name_publicly = public
    certificate.save(update_fields=["recipient_name", "show_name_publicly"])
    return certificate
