"""Open Badges 3.0: a credential verified with PyJWT, a library independent of the signer."""

import base64
import gzip
import stat
from urllib.parse import urlparse

import jwt
import pytest
from joserfc.jwk import RSAKey

from certificates import credentials
from certificates.services import certificate_revoke
from certificates.tests.helpers import named


@pytest.fixture
def public_certificate(certificate):
    return named(certificate, public=True)


def _verify(client, token: str) -> dict:
    """Check the signature against the key set the site publishes, as a verifier would."""
    key_set = client.get("/.well-known/jwks.json").json()
    header = jwt.get_unverified_header(token)
    published = next(key for key in key_set["keys"] if key["kid"] == header["kid"])
    key = jwt.PyJWK(published).key
    return jwt.decode(
        token, key=key, algorithms=["RS256"], options={"require": ["iss", "jti", "nbf"]}
    )


def _revoked(client, claims: dict) -> bool:
    """Follow the credential's status entry to the signed list and read its bit."""
    entry = claims["credentialStatus"]
    status_token = client.get(urlparse(entry["statusListCredential"]).path).content.decode()
    status = _verify(client, status_token)
    encoded = status["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    data = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    index = int(entry["statusListIndex"])
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def test_a_credential_verifies_against_the_published_key(client, public_certificate):
    response = client.get(f"/certificates/{public_certificate.display_code}/credential")
    assert response["Content-Type"] == "application/vc+jwt"

    claims = _verify(client, response.content.decode())

    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert "https://www.w3.org/ns/credentials/v2" in claims["@context"]
    assert claims["jti"] == claims["id"]
    assert claims["id"].endswith(f"/certificates/{public_certificate.display_code}/")
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["validFrom"].endswith("Z")
    assert claims["credentialStatus"]["type"] == "BitstringStatusListEntry"
    identity = claims["credentialSubject"]["identifier"][0]
    assert identity["identityHash"] == "Alice Walker"
    assert identity["hashed"] is False


def test_the_achievement_names_the_course_and_its_six_modules(client, public_certificate, modules):
    token = client.get(f"/certificates/{public_certificate.display_code}/credential").content
    achievement = _verify(client, token.decode())["credentialSubject"]["achievement"]

    assert achievement["name"] == "Human Trafficking 101"
    assert achievement["id"] == f"urn:uuid:{public_certificate.course_key}"
    narrative = achievement["criteria"]["narrative"]
    assert "passed each module's quiz" in narrative
    assert len(modules) == 6
    assert all(module.title in narrative for module in modules)


def test_the_issuer_profile_resolves_at_its_id(client, public_certificate):
    token = client.get(f"/certificates/{public_certificate.display_code}/credential").content
    issuer_id = _verify(client, token.decode())["iss"]

    profile = client.get(urlparse(issuer_id).path)

    assert profile.status_code == 200
    assert profile.json()["id"] == issuer_id
    assert profile.json()["type"] == ["Profile"]
    assert profile.json()["name"] == "Lodestar Training"
    assert profile["Access-Control-Allow-Origin"] == "*"


def test_a_revoked_credential_reports_revoked(client, public_certificate):
    token = client.get(f"/certificates/{public_certificate.display_code}/credential").content
    claims = _verify(client, token.decode())
    assert not _revoked(client, claims)

    certificate_revoke(certificate=public_certificate, reason="Issued in error", by=None)

    assert _revoked(client, claims)


def test_a_tampered_credential_fails_verification(client, public_certificate):
    token = client.get(f"/certificates/{public_certificate.display_code}/credential").content
    header, payload, signature = token.decode().split(".")
    forged = base64.urlsafe_b64encode(
        base64.urlsafe_b64decode(payload + "==").replace(b"Alice Walker", b"Mallory Smith")
    )
    forged_token = ".".join([header, forged.decode().rstrip("="), signature])

    with pytest.raises(jwt.InvalidSignatureError):
        _verify(client, forged_token)


def test_the_download_link_saves_a_file(client, public_certificate):
    response = client.get(f"/certificates/{public_certificate.display_code}/credential?download")

    assert response["Content-Disposition"].startswith("attachment;")


def test_a_name_is_left_out_of_the_credential_until_chosen(public_certificate):
    public_certificate.recipient_name = ""
    assert "identifier" not in credentials.credential(public_certificate)["credentialSubject"]


def test_the_status_list_marks_exactly_the_revoked_indexes():
    bits = credentials.revocation_bits([0, 9, 131_071])

    assert len(bits) * 8 == credentials.STATUS_LIST_BITS
    assert bits[0] == 0b1000_0000
    assert bits[1] == 0b0100_0000
    assert bits[-1] == 0b0000_0001
    assert sum(bin(byte).count("1") for byte in bits) == 3


def test_the_status_list_grows_past_its_minimum_size():
    assert len(credentials.revocation_bits([200_000])) * 8 >= 200_001


@pytest.fixture
def fresh_key_cache():
    credentials.signing_key.cache_clear()
    yield
    credentials.signing_key.cache_clear()


def test_the_signing_key_is_created_once_in_a_private_file(settings, tmp_path, fresh_key_cache):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = tmp_path / "keys" / "signing.pem"

    first = credentials.key_id()
    credentials.signing_key.cache_clear()
    second = credentials.key_id()

    assert first == second
    mode = settings.CREDENTIAL_SIGNING_KEY_FILE.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_the_signing_key_comes_from_the_environment_when_set(settings, fresh_key_cache):
    key = RSAKey.generate_key(2048, private=True)
    settings.CREDENTIAL_SIGNING_KEY = key.as_pem(private=True).decode()

    assert credentials.key_id() == key.thumbprint()
    assert credentials.jwks()["keys"][0]["n"] == key.as_dict(private=False)["n"]
    assert "d" not in credentials.jwks()["keys"][0]
