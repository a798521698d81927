from django import template

from newsletter.forms import CONSENT_TEXT, SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/signup_form.html")
def newsletter_signup(source: str = "footer", form: SignupForm | None = None) -> dict:
    """The signup form. Plain HTML with no CSRF token, so a page showing it stays cacheable
    and cookieless (see newsletter/views.py); touches neither the database nor the session."""
    return {"form": form or SignupForm(source=source), "consent_text": CONSENT_TEXT}
