from django.urls import include, path

from accounts import views

urlpatterns = [
    path("", views.account_home, name="account_home"),
    path("data.json", views.data_export, name="account_data_export"),
    path("delete/", views.delete_account, name="account_delete"),
    path("language/", views.language_choose, name="account_language"),
    # Before allauth's own logout, which this one extends.
    path("logout/", views.LogoutView.as_view(), name="account_logout"),
    path("", include("allauth.urls")),
]
