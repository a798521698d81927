"""Newsletter pages under a language prefix: /newsletter/ and /es/newsletter/."""

from django.urls import path

from newsletter import views

urlpatterns = [
    path("newsletter/", views.signup, name="newsletter_signup"),
    path("newsletter/check-your-email/", views.check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletter/confirmed/", views.confirmed, name="newsletter_confirmed"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]
