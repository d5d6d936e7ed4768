"""Organizations, users and API tokens (hashed with argon2, shown once)."""

from __future__ import annotations

import pytest
from _office_fixtures import City, city, database_url, office, pg_template, sqlite_template
from sqlalchemy import text

from cityprivacy.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from cityprivacy.govern import Actor, Office, OrgKind, Role

__all__ = ["city", "database_url", "office", "pg_template", "sqlite_template"]


def test_tokens_are_stored_only_as_argon2_hashes(office: Office, city: City) -> None:
    with office.engine.connect() as connection:
        stored = connection.execute(text("SELECT prefix, token_hash FROM api_tokens")).all()
    assert len(stored) == len(city.tokens)
    for token in city.tokens.values():
        assert token not in str(stored)
        assert token.split("_")[1] in {prefix for prefix, _ in stored}
    assert all(digest.startswith("$argon2id$") for _, digest in stored)


def test_a_token_authenticates_its_user(office: Office, city: City) -> None:
    assert city.apo.role is Role.APO
    assert city.apo.organization_path == "/DSS/"
    assert city.cpo.organization_id is None


@pytest.mark.parametrize(
    "token",
    ["", "nonsense", "cp_000000000000_x", "cp_short_x"],
)
def test_bad_tokens_are_refused_alike(office: Office, city: City, token: str) -> None:
    with pytest.raises(PermissionDeniedError, match=r"^the API token is not valid$"):
        office.authenticate(token)


def test_a_tampered_or_revoked_token_is_refused(office: Office, city: City) -> None:
    token = city.tokens["staff"]
    with pytest.raises(PermissionDeniedError):
        office.authenticate(token[:-1] + ("A" if token[-1] != "A" else "B"))
    with office.unit(Actor.system()) as o:
        assert o.users.revoke_tokens(city.staff.user_id or 0) == 1
    with pytest.raises(PermissionDeniedError):
        office.authenticate(token)


def test_organization_tree(office: Office, city: City) -> None:
    with office.unit(city.cpo) as o:
        kinds = {org.code: (org.kind, org.path) for org in o.agencies.list()}
    assert kinds == {
        "ACME": (OrgKind.CONTRACTOR, "/DSS/ACME/"),
        "DSS": (OrgKind.AGENCY, "/DSS/"),
        "HRA": (OrgKind.AGENCY, "/HRA/"),
        "SUB": (OrgKind.SUBCONTRACTOR, "/DSS/ACME/SUB/"),
    }
    with pytest.raises(InputError, match="subcontractor"), office.unit(city.cpo) as o:
        o.agencies.create("SUB2", "Too deep", parent_code="SUB")
    with pytest.raises(ConflictError), office.unit(city.cpo) as o:
        o.agencies.create("DSS", "Again")
    with pytest.raises(InputError, match="code"), office.unit(city.cpo) as o:
        o.agencies.create("bad code", "x")
    with pytest.raises(PermissionDeniedError), office.unit(city.apo) as o:
        o.agencies.create("NEW", "New agency")


@pytest.mark.parametrize(
    ("email", "role", "agency", "error"),
    [
        pytest.param("a@b.example", "staff", None, InputError, id="staff-needs-an-agency"),
        pytest.param("a@b.example", "cpo", "DSS", InputError, id="cpo-has-no-agency"),
        pytest.param("not-an-email", "staff", "DSS", InputError, id="bad-email"),
        pytest.param("a@b.example", "king", None, InputError, id="unknown-role"),
        pytest.param("staff@dss.example", "staff", "DSS", ConflictError, id="taken-email"),
        pytest.param("a@b.example", "staff", "NOPE", NotFoundError, id="unknown-agency"),
    ],
)
def test_user_creation_is_checked(
    office: Office, city: City, email: str, role: str, agency: str | None, error: type[Exception]
) -> None:
    with pytest.raises(error), office.unit(Actor.system()) as o:
        o.users.create(email, role, agency)


def test_only_admins_create_users(office: Office, city: City) -> None:
    with pytest.raises(PermissionDeniedError), office.unit(city.cpo) as o:
        o.users.create("x@y.example", "staff", "DSS")
