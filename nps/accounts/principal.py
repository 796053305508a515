"""Who is making a request, however they proved it (session, JWT, API key, legacy secret)."""

from dataclasses import dataclass, field

from nps.accounts.roles import ALL_SCOPES, expand_scopes, scopes_for_role


@dataclass(frozen=True)
class Principal:
    """An authenticated caller.

    `account` is the login account (`None` for V4's legacy shared secret, or a key made by it).
    `scopes` are already expanded through the hierarchy.
    """

    account: object | None
    scopes: frozenset[str]
    auth_type: str  # "session", "jwt", "api_key" or "legacy"
    api_key: object | None = field(default=None, compare=False)

    @property
    def sees_all(self) -> bool:
        """Admins and moderators see every account's data; so does the legacy admin secret."""
        if self.account is not None:
            return self.account.sees_all_accounts_data
        return "oracle:admin" in self.scopes

    @property
    def is_admin_role(self) -> bool:
        if self.account is not None:
            return self.account.is_admin
        return self.auth_type == "legacy"

    @property
    def reads_all_private_texts(self) -> bool:
        """Admins (and V4's legacy secret) read every account's private texts."""
        if self.account is not None:
            return self.account.is_admin
        return self.has_scope("admin")

    def may_read_private_texts(self, owner) -> bool:
        """May this caller read the private texts of `owner`'s data (an account or its id)?

        The one rule for mother's names, questions, interpretations, feedback comments, journal
        notes and the client addresses of the audit log: the owner themself, or an admin (the
        legacy secret included). Moderators see every account's profiles and readings
        (`sees_all`) but these texts of other accounts only as a mask (`nps.core.privacy`), and
        they may not share or export other accounts' readings.
        """
        if self.reads_all_private_texts:
            return True
        owner_id = getattr(owner, "pk", owner)
        return self.account is not None and owner_id is not None and owner_id == self.account.pk

    @property
    def api_key_hash(self) -> str | None:
        return self.api_key.key_hash if self.api_key is not None else None

    @property
    def rate_key(self) -> str:
        """What rate limits count against: the key, else the account, else the legacy secret."""
        if self.api_key is not None:
            return f"key:{self.api_key.pk}"
        if self.account is not None:
            return f"account:{self.account.pk}"
        return "legacy"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def principal_for_account(account, *, auth_type: str) -> Principal:
    return Principal(account, expand_scopes(scopes_for_role(account.role)), auth_type)


def principal_for_api_key(api_key) -> Principal:
    """A key acts with exactly its own scopes — none when its list is empty — and never with more
    than its owner has *now*: a demoted owner's keys shrink with them."""
    owner = api_key.user
    granted = expand_scopes(api_key.scopes or ())
    if owner is None:
        return Principal(None, granted, "api_key", api_key)
    return Principal(
        owner, granted & expand_scopes(scopes_for_role(owner.role)), "api_key", api_key
    )


LEGACY_PRINCIPAL = Principal(None, expand_scopes(ALL_SCOPES), "legacy")
