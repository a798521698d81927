from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates.urls import public_urlpatterns as certificate_documents
from core import discovery
from core import views as core_views
from learning import views as learning_views

admin_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("exit/", core_views.quick_exit, name="quick_exit"),
    # One sign-in form for everyone: allauth's, which asks for the second factor.
    path("admin/login/", admin_login),
    path("django-admin/login/", admin_login),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("media/<path:path>", core_views.public_media, name="public_media"),
    *certificate_documents,
]

urlpatterns += i18n_patterns(
    path("account/", include("accounts.urls")),
    path("my-learning/", learning_views.my_learning, name="my_learning"),
    path("", include("certificates.urls")),
    path("", include("organizations.urls")),
    path("", include("newsletter.urls")),
    # Wagtail's own sign-in form for private pages asks for a password only.
    path("_util/login/", admin_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
