"""Certificate pages under a language prefix (verification, documents, the learner's list)."""

from django.urls import path

from certificates import views

urlpatterns = [
    path("certificates/", views.lookup, name="certificate_lookup"),
    path("certificates/<str:code>/", views.verify, name="certificate_verify"),
    path("certificates/<str:code>/pdf", views.pdf, name="certificate_pdf"),
    path("certificates/<str:code>/credential", views.credential, name="certificate_credential"),
    path("my-learning/certificates/", views.my_certificates, name="my_certificates"),
    path("my-learning/certificates/<str:code>/", views.name, name="certificate_name"),
]

# Language-neutral documents verifiers fetch: stable addresses, no prefix.
public_urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="certificate_jwks"),
    path("certificates/issuer.json", views.issuer, name="certificate_issuer"),
    path("certificates/status/revocation", views.status_list, name="certificate_status_list"),
]
