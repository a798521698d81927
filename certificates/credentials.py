"""Open Badges 3.0 credentials (VC-JWT, RS256), the issuer's key set and the revocation list.

A credential is signed when it is asked for, from the stored certificate, so it can
always be issued again. Revocation is published as a W3C Bitstring Status List, itself
signed with the same key: a credential fetched before revocation reports revoked after.
"""

import base64
import gzip
import os
from datetime import UTC
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from joserfc import jwt
from joserfc.jwk import RSAKey

from certificates.links import absolute_url
from certificates.models import Certificate, CertificateSettings

ALGORITHM = "RS256"  # the algorithm Open Badges 3.0 requires every verifier to support
KEY_BITS = 2048
CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
STATUS_LIST_BITS = 131_072  # the smallest list the Bitstring Status List spec recommends
MEDIA_TYPE = "application/vc+jwt"


def _key_from_file(path: Path) -> RSAKey:
    """Read the key file, creating it first (once, even with several processes) if absent."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return RSAKey.import_key(path.read_bytes())
    key = RSAKey.generate_key(KEY_BITS, private=True)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.as_pem(private=True))
    return key


@lru_cache(maxsize=1)
def signing_key() -> RSAKey:
    if settings.CREDENTIAL_SIGNING_KEY:
        return RSAKey.import_key(settings.CREDENTIAL_SIGNING_KEY.encode())
    path = Path(settings.CREDENTIAL_SIGNING_KEY_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _key_from_file(path)


def key_id() -> str:
    """The key's RFC 7638 thumbprint: stable for a key, different for the next one."""
    return signing_key().thumbprint()


def jwks() -> dict:
    public = signing_key().as_dict(private=False)
    return {"keys": [{**public, "kid": key_id(), "alg": ALGORITHM, "use": "sig"}]}


def _sign(claims: dict) -> str:
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key_id()}
    return jwt.encode(header, claims, signing_key(), algorithms=[ALGORITHM])


def _timestamp(moment) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def issuer_profile() -> dict:
    chosen = CertificateSettings.load()
    return {
        "id": absolute_url(reverse("certificate_issuer")),
        "type": ["Profile"],
        "name": chosen.issuer_name,
        "url": chosen.issuer_url or absolute_url("/"),
    }


def _criteria(certificate: Certificate) -> str:
    from learning.models import CoursePage

    course = CoursePage.objects.filter(translation_key=certificate.course_key).first()
    titles = [module.title for module in course.modules()] if course else []
    with translation.override(certificate.language):
        summary = translation.gettext(
            "Studied every module of the course and passed each module's quiz."
        )
    return " ".join([summary, *(f"{n}. {title}." for n, title in enumerate(titles, 1))])


def achievement(certificate: Certificate) -> dict:
    return {
        "id": f"urn:uuid:{certificate.course_key}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": certificate.course_title,
        "description": certificate.course_title,
        "criteria": {"narrative": _criteria(certificate)},
        "inLanguage": certificate.language,
    }


def status_list_url() -> str:
    return absolute_url(reverse("certificate_status_list"))


def credential(certificate: Certificate) -> dict:
    """The Open Badges 3.0 credential of a certificate, before signing."""
    subject = {"type": ["AchievementSubject"], "achievement": achievement(certificate)}
    if certificate.has_name:
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.recipient_name,
            }
        ]
    return {
        "@context": CONTEXT,
        "id": absolute_url(reverse("certificate_verify", args=[certificate.display_code])),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "name": certificate.course_title,
        "validFrom": _timestamp(certificate.issued_at),
        "awardedDate": _timestamp(certificate.completed_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_list_url(),
        },
    }


def credential_signed(certificate: Certificate) -> str:
    """The credential as a VC-JWT: its members are the claims, with the registered ones."""
    document = credential(certificate)
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(certificate.issued_at.timestamp()),
    }
    return _sign(claims)


def revocation_bits(revoked_indexes: list[int]) -> bytes:
    """The status bitstring: bit i (counted from the left of the first byte) is index i."""
    size = max(STATUS_LIST_BITS, max(revoked_indexes, default=0) + 1)
    bits = bytearray((size + 7) // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def encoded_list(bits: bytes) -> str:
    """GZIP, then base64url without padding, with the multibase prefix "u"."""
    compressed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def status_list_signed() -> str:
    """The signed revocation list every credential's status entry points to."""
    revoked = list(
        Certificate.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True)
    )
    url = status_list_url()
    issuer = issuer_profile()["id"]
    now = timezone.now()
    claims = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revocation_bits(revoked)),
        },
        "iss": issuer,
        "jti": url,
        "nbf": int(now.timestamp()),
    }
    return _sign(claims)
