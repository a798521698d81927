"""Background work of the certificates capability."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from accounts.selectors import language_for_mail
from certificates.links import absolute_url


@task()
def certificate_issued_notify(certificate_id: int) -> None:
    """Tell the learner their certificate is ready, in the language they chose for the site."""
    from certificates.models import Certificate

    certificate = Certificate.objects.select_related("user").filter(pk=certificate_id).first()
    if certificate is None or not certificate.user.email:
        return
    with translation.override(language_for_mail(certificate.user, fallback=certificate.language)):
        context = {
            "certificate": certificate,
            "name_url": absolute_url(
                reverse("certificate_name", kwargs={"code": certificate.display_code})
            ),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("certificates/email/issued_subject.txt", context).strip()
        body = render_to_string("certificates/email/issued_message.txt", context)
    send_mail(subject, body, None, [certificate.user.email])
