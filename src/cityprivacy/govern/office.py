"""The office: one object per database, handing out units of work.

::

    office = open_office("sqlite:///city.db")        # or settings.database_url
    office.upgrade()                                 # apply the packaged migrations
    with office.unit(actor) as o:                    # one transaction, committed at the end
        d = o.disclosures.create(new)
        o.disclosures.submit(d.id)
    office.close()

A unit is a facade of small components (``agencies``, ``users``, ``inventory``,
``designations``, ``agreements``, ``rules``, ``disclosures``, ``exigent``, ``accounting``,
``incidents``, ``retention``, ``public_input``, ``audit``), all sharing one session and one
actor. The web layer opens one unit per request
with the request's actor; the CLI opens one per command. Audit events are chained and
stored just before the commit, in the same transaction; any error rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType

from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from cityprivacy.config import Settings, get_settings
from cityprivacy.errors import ConfigurationError, ConflictError
from cityprivacy.govern.accounting import Accounting
from cityprivacy.govern.actors import Actor
from cityprivacy.govern.agencies import Agencies
from cityprivacy.govern.agreements import Agreements
from cityprivacy.govern.audit import AuditReport, verify
from cityprivacy.govern.audit_log import AuditLog
from cityprivacy.govern.context import Context, OfficeTools
from cityprivacy.govern.designations import Designations
from cityprivacy.govern.disclosures import Disclosures
from cityprivacy.govern.exigent import ExigentReporting
from cityprivacy.govern.incidents import Incidents
from cityprivacy.govern.inventory import Inventory
from cityprivacy.govern.public_input import PublicInputs
from cityprivacy.govern.retention import Retention
from cityprivacy.govern.rules import CitywideRules
from cityprivacy.govern.tokens import authenticate, default_hasher
from cityprivacy.govern.users import Users
from cityprivacy.protect.keys import SecretKey, load_key
from cityprivacy.store import (
    create_engine_for,
    current_revision,
    head_revision,
    session_factory,
    upgrade,
    utcnow,
)
from cityprivacy.taxonomy import Taxonomy, load_taxonomy

__all__ = ["Office", "OfficeUnit", "open_office"]


class OfficeUnit:
    """One unit of work: the components, sharing one session and actor."""

    def __init__(self, ctx: Context) -> None:
        self.context = ctx
        self.actor = ctx.actor
        self.agencies = Agencies(ctx)
        self.users = Users(ctx)
        self.inventory = Inventory(ctx)
        self.designations = Designations(ctx)
        self.agreements = Agreements(ctx)
        self.rules = CitywideRules(ctx)
        self.accounting = Accounting(ctx)
        self.exigent = ExigentReporting(ctx)
        self.audit = AuditLog(ctx)
        self.incidents = Incidents(ctx)
        self.retention = Retention(ctx)
        self.public_input = PublicInputs(ctx)
        self.disclosures = Disclosures(
            ctx,
            agencies=self.agencies,
            agreements=self.agreements,
            accounting=self.accounting,
            rules=self.rules,
        )


class Office:
    """The privacy office over one database."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        taxonomy: Taxonomy | None = None,
        key: SecretKey | None = None,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self._sessions = session_factory(engine)
        self._key = key
        self.tools = OfficeTools(
            settings=settings,
            taxonomy=taxonomy or load_taxonomy(settings.taxonomy_override),
            hasher=hasher or default_hasher(),
            clock=clock,
            key=self._load_key,
        )

    def _load_key(self) -> SecretKey:
        if self._key is None:
            self._key = load_key(self.settings)
        return self._key

    @property
    def url(self) -> str:
        """The database URL, without a password."""
        return self.engine.url.render_as_string(hide_password=True)

    # --- schema ------------------------------------------------------------------------

    def upgrade(self) -> str:
        """Apply the packaged migrations; returns the revision reached."""
        try:
            upgrade(self.engine)
        except OperationalError as exc:
            raise ConfigurationError(
                f"cannot migrate the database at {self.url}: {exc.orig.__class__.__name__}"
            ) from None
        return head_revision()

    def current_revision(self) -> str | None:
        try:
            return current_revision(self.engine)
        except OperationalError as exc:
            raise ConfigurationError(
                f"cannot reach the database at {self.url}: {exc.orig.__class__.__name__}"
            ) from None

    def head_revision(self) -> str:
        return head_revision()

    def is_current(self) -> bool:
        """Whether the database is at the newest migration."""
        return self.current_revision() == head_revision()

    # --- work --------------------------------------------------------------------------

    @contextmanager
    def unit(self, actor: Actor) -> Iterator[OfficeUnit]:
        """A transaction for ``actor``: committed with its audit events, or rolled back."""
        session = self._sessions()
        ctx = Context(session, actor, self.tools)
        try:
            yield OfficeUnit(ctx)
            ctx.finish()
            session.commit()
        except StaleDataError:
            session.rollback()
            raise ConflictError(
                "a record was changed by someone else at the same time; reload and try again"
            ) from None
        except IntegrityError:
            session.rollback()
            raise ConflictError(
                "the change conflicts with a record stored at the same time; reload and try again"
            ) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def authenticate(self, token: str) -> Actor:
        """The actor an API token belongs to (PermissionDeniedError if none)."""
        with self._sessions() as session:
            return authenticate(session, self.tools.hasher, token)

    def verify_audit(self) -> AuditReport:
        """Verify the whole audit chain (streams the events)."""
        with self.engine.connect() as connection:
            return verify(connection)

    # --- life --------------------------------------------------------------------------

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_office(
    url: str | None = None,
    *,
    settings: Settings | None = None,
    key: SecretKey | None = None,
    hasher: PasswordHasher | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> Office:
    """An :class:`Office` on ``url`` (default: ``settings.database_url``)."""
    settings = settings or get_settings()
    engine = create_engine_for(url or settings.database_url)
    return Office(engine, settings, key=key, hasher=hasher, clock=clock)
