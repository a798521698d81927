"""The newsletter in the Wagtail admin: issues to write, preview and send; subscribers to list,
filter, count and export."""

from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.spreadsheets import spreadsheet_safe
from newsletter import admin_views, selectors
from newsletter.models import NewsletterIssue, Subscriber
from newsletter.services import subscriber_erase


def _send_button(issue: NewsletterIssue) -> Button:
    url = reverse("newsletter_issue_send", args=[issue.pk])
    return Button(_("Test and send"), url=url, icon_name="mail", priority=5)


class IssueEditView(SnippetEditView):
    @cached_property
    def header_more_buttons(self):
        return [_send_button(self.object), *super().header_more_buttons]


class IssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 250
    add_to_admin_menu = True
    edit_view_class = IssueEditView
    list_display = ["subject", "language", "status", "sent_at", "created_at"]
    list_filter = ["language", "status"]


@hooks.register("register_snippet_listing_buttons")
def issue_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, NewsletterIssue):
        yield _send_button(snippet)


@hooks.register("register_admin_urls")
def issue_send_urls():
    return [
        path("newsletter/send/<int:pk>/", admin_views.issue_send, name="newsletter_issue_send"),
    ]


class ConsentRecordPolicy(ModelPermissionPolicy):
    """Subscribers come from the signup form with their consent: never added by hand, and
    never deleted (the consent record stays); an address is erased on request instead."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


class EraseForm(forms.ModelForm):
    erase = forms.BooleanField(
        label=_("Erase this address"),
        help_text=_(
            "For a person who asks to be forgotten: the address is blanked and no more mail "
            "goes to it. When and how they consented stays on record. This cannot be undone."
        ),
    )

    class Meta:
        model = Subscriber
        fields = []

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)


class EraseView(generic.EditView):
    success_message = _("Address erased.")

    def save_instance(self):
        return subscriber_erase(subscriber=self.object)


class SubscriberIndexView(generic.IndexView):
    template_name = "newsletter/admin/subscriber_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_counts"] = selectors.subscriber_counts()
        return context

    def preprocess_field_value(self, field, value, export_format):
        """Anyone may type an address like =1+2@example.org: the CSV must not run it."""
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return spreadsheet_safe(value)
        return value


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubscriberIndexView
    edit_view_class = EraseView
    list_display = ["__str__", "status", "language", "source", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    list_export = [
        "email",
        "status",
        "language",
        "source",
        "created_at",
        "consent_given_at",
        "confirmed_at",
        "unsubscribed_at",
        "erased_at",
        "consent_text",
    ]
    export_filename = "subscribers"
    search_fields = ["email"]
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "source",
        "consent_text",
        "created_at",
        "consent_given_at",
        "confirmed_at",
        "unsubscribed_at",
        "erased_at",
    ]

    @property
    def permission_policy(self):
        return ConsentRecordPolicy(self.model)

    def get_form_class(self, for_update=False):
        return EraseForm


register_snippet(IssueViewSet)


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("newsletter_subscribers")
