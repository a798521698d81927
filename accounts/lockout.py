from django.http import HttpRequest


def attempted_login(request: HttpRequest, credentials: dict | None) -> str:
    """The account a login attempt named, whichever form sent it (allauth or the admin).

    django-axes locks out this name together with the client address, so repeated
    failures from one place never lock the real owner out from another.
    """
    credentials = credentials or {}
    for key in ("email", "username", "login"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    posted = request.POST if request is not None else {}
    for key in ("login", "username", "email"):
        if posted.get(key):
            return str(posted[key]).strip().lower()
    return ""
