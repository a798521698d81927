from django.urls import path

from organizations import views

urlpatterns = [
    path("join/<str:token>/", views.join, name="join"),
    path("organizations/<slug:slug>/", views.dashboard, name="organization_dashboard"),
    path("organizations/<slug:slug>/members.csv", views.report, name="organization_report"),
    path("organizations/<slug:slug>/links/", views.links, name="organization_links"),
    path(
        "organizations/<slug:slug>/links/<str:token>/revoke/",
        views.link_revoke,
        name="organization_link_revoke",
    ),
    path("organizations/<slug:slug>/reach/", views.reach, name="organization_reach"),
    path("my-learning/organizations/", views.my_organizations, name="my_organizations"),
    path("my-learning/organizations/<slug:slug>/leave/", views.leave, name="organization_leave"),
    path(
        "my-learning/organizations/<slug:slug>/consent/",
        views.consent,
        name="organization_consent",
    ),
]
