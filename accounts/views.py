import json

from allauth.account.views import LogoutView as AllauthLogoutView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import DeleteAccountForm, LanguageForm
from accounts.services import account_delete, account_export, language_preference_set


@never_cache
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account_home.html")


@never_cache
@login_required
@require_GET
def data_export(request: HttpRequest) -> HttpResponse:
    data = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and all its data have been deleted."))
        response = HttpResponseRedirect(reverse("wagtail_serve", args=[""]))
        response.status_code = 303
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)


@login_required
@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The language switch of a signed-in person: save the choice, then show the page in it."""
    form = LanguageForm(request.POST, request=request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("That language or page is not available."))
    language_preference_set(user=request.user, language=form.cleaned_data["language"])
    response = HttpResponseRedirect(form.cleaned_data["next"])
    response.status_code = 303
    return response


class LogoutView(AllauthLogoutView):
    """Allauth's sign-out, which also asks the browser to forget this site's cookies and storage."""

    def post(self, *args, **kwargs) -> HttpResponse:
        response = super().post(*args, **kwargs)
        response["Clear-Site-Data"] = '"cookies", "storage"'
        return response
