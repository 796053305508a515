"""The authorization matrix: every URL pattern × every kind of caller → the expected status.

The patterns come from the URL conf, so a new page or endpoint without a line in `RULES` fails
`test_every_url_pattern_has_a_rule` with the line to add. Each rule is tried by eight callers:

    anon   no credentials at all
    bad    a bad token (`Authorization: Bearer <garbage>`; for pages also a forged session cookie)
    ro     a `readonly` account
    user   a `user` account — the OWNER of the objects an object URL points at
    other  another `user` account: for object URLs, someone else's object → 404 (no IDOR)
    mod    a `moderator`
    admin  an `admin`
    legacy V4's legacy shared secret as a Bearer token (admin, no account)

API callers send Bearer tokens (JWTs from a real login session); page callers are logged-in
sessions (the legacy secret and bad tokens mean nothing to a page: they are anonymous there).
Bodies are empty or minimal: authorization is decided before the body is validated, so a 422
means "let in, then refused the input".

To add a rule: one line in `RULES`, keyed by the URL name (`namespace:name`), with the method
(and, when needed, a query string or a JSON body) and the eight statuses in the order above. A body
value `"<reading_id>"` (any key of `OBJECT_ARGUMENTS` in angle brackets) is the id of a fresh object
of the `user` caller, as in a path.

The `mod` column: a moderator sees and manages every account's profiles and readings, with their
private texts masked (`Principal.may_read_private_texts`), and may not export or share another
account's reading (404, as any object a caller may not act on).
"""

import dataclasses
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient
from rest_framework.views import APIView

from nps.accounts.models import ApiKey
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory
from oracle.services import readings, sharing
from oracle.tests.factories import ProfileFactory

LEGACY_SECRET = "legacy-shared-secret-for-the-matrix-0123456789"
CALLERS = ("anon", "bad", "ro", "user", "other", "mod", "admin", "legacy")


@dataclasses.dataclass(frozen=True)
class Rule:
    method: str
    expect: str  # eight statuses, in the order of CALLERS
    query: str = ""
    body: dict | None = None

    def expected(self) -> dict[str, int]:
        codes = self.expect.split()
        assert len(codes) == len(CALLERS), f"{self.expect!r}: give {len(CALLERS)} statuses"
        return dict(zip(CALLERS, map(int, codes), strict=True))


# Shorthands for the common rows (read them as "anon bad ro user other mod admin legacy").
EVERYONE = "200 200 200 200 200 200 200 200"
API_READ = "401 403 200 200 200 200 200 200"
API_OWN_READ = "401 403 404 200 404 200 200 200"  # someone's object: owner, moderator, admin
API_OWN_WRITE = "401 403 403 200 404 200 200 200"  # ... and readonly lacks oracle:write
API_ORACLE_ADMIN = "401 403 403 403 403 200 200 200"  # oracle:admin (moderators and admins)
PAGE = "302 302 200 200 200 200 200 302"  # login required (anonymous → the login page)
PAGE_FORM = "302 302 422 422 422 422 422 302"  # ... and an empty form is refused beside its fields
PAGE_OWN = "302 302 404 200 404 200 200 302"  # someone's object: owner, moderator, admin
PAGE_OWN_WRITE = "302 302 403 302 404 302 302 302"  # ... and readonly may not change it
PAGE_OWNER_ONLY = "302 302 404 200 404 404 404 302"  # the owner alone
PAGE_OWNER_OR_ADMIN = "302 302 404 200 404 404 200 302"  # the owner and admins (private texts)

RULES: dict[str, list[Rule]] = {
    # --- pages ---------------------------------------------------------------------------------
    "home": [Rule("GET", EVERYONE)],
    "login": [Rule("GET", "200 200 302 302 302 302 302 200")],  # logged in → sent on
    "logout": [Rule("POST", "302 302 302 302 302 302 302 302")],
    "set_language": [Rule("POST", "302 302 302 302 302 302 302 302", body={"language": "fa"})],
    "oracle:consult": [Rule("GET", PAGE), Rule("POST", "302 302 403 422 422 422 422 302")],
    "oracle:profiles": [Rule("GET", PAGE)],
    "oracle:profile-create": [
        Rule("GET", "302 302 403 200 200 200 200 302"),
        Rule("POST", "302 302 403 422 422 422 422 302"),
    ],
    "oracle:profile-edit": [
        Rule("GET", "302 302 403 200 404 200 200 302"),
        Rule("POST", "302 302 403 422 404 422 422 302"),
    ],
    "oracle:profile-delete": [Rule("POST", "302 302 403 302 404 302 302 302")],
    "oracle:profile-restore": [Rule("POST", "302 302 403 302 404 302 302 302")],
    "oracle:profile-cities": [Rule("GET", PAGE, query="country=IR")],
    "oracle:profile-place": [Rule("GET", PAGE, query="country=IR")],
    "oracle:profile-system": [Rule("GET", PAGE, query="name=Ali")],
    # --- pages: accounts ------------------------------------------------------------------------
    "signup": [
        Rule("GET", "200 200 302 302 302 302 302 200"),  # signed in → sent on
        Rule("POST", "422 422 302 302 302 302 302 422", body={}),
    ],
    "password_reset": [Rule("GET", EVERYONE), Rule("POST", EVERYONE, body={})],
    "password_reset_done": [Rule("GET", EVERYONE)],
    "password_reset_confirm": [Rule("GET", EVERYONE)],  # a link that is not valid: says so
    "password_reset_complete": [Rule("GET", EVERYONE)],
    "settings": [Rule("GET", PAGE)],
    "settings-preferences": [Rule("POST", PAGE_FORM, body={})],
    "settings-password": [Rule("POST", PAGE_FORM, body={})],
    "settings-key-create": [Rule("POST", PAGE_FORM, body={})],
    # The settings page manages the account's own keys only (admins revoke others' in the console).
    "settings-key-revoke": [
        Rule("GET", "302 302 404 200 404 404 404 302"),
        Rule("POST", "302 302 404 302 404 404 404 302", body={}),
    ],
    "settings-logout-everywhere": [Rule("POST", "302 302 302 302 302 302 302 302", body={})],
    "settings-delete": [Rule("GET", PAGE), Rule("POST", PAGE_FORM, body={})],
    # The daily delivery's section of the settings page (delivery/). Without a bot configured
    # (as here) the link button only says so and comes back.
    "settings-delivery": [Rule("POST", PAGE_FORM, body={})],
    "settings-telegram-link": [Rule("POST", "302 302 302 302 302 302 302 302", body={})],
    "settings-telegram-unlink": [Rule("POST", "302 302 302 302 302 302 302 302", body={})],
    # Signed links of the daily e-mails, no login: an unknown token is not found for anyone.
    "delivery-unsubscribe": [
        Rule("GET", "404 404 404 404 404 404 404 404"),
        Rule("POST", "404 404 404 404 404 404 404 404", body={}),
    ],
    # Only Telegram, with the secret header, may post updates.
    "telegram-webhook": [Rule("POST", "403 403 403 403 403 403 403 403", body={})],
    # --- pages: readings ------------------------------------------------------------------------
    # An interpretation is the owner's alone (admins included: it may hold the AI's private text).
    "oracle:reading-interpretation": [
        Rule("GET", PAGE_OWNER_ONLY),
        Rule("POST", PAGE_OWNER_ONLY, body={}),
    ],
    "oracle:reading-interpretation-translate": [Rule("POST", PAGE_OWNER_ONLY, body={})],
    "oracle:daily-interpretation": [Rule("GET", PAGE, query="date=2026-01-01")],
    "oracle:history": [Rule("GET", PAGE)],
    "oracle:reading": [Rule("GET", PAGE_OWN)],
    "oracle:reading-favorite": [Rule("POST", PAGE_OWN_WRITE, body={})],
    "oracle:reading-delete": [Rule("POST", PAGE_OWN_WRITE, body={})],
    "oracle:reading-restore": [Rule("POST", PAGE_OWN_WRITE, body={})],
    # Exporting and sharing need the reading's private texts: its owner and admins, not moderators
    # (they see other accounts' readings masked).
    "oracle:reading-export": [Rule("GET", PAGE_OWNER_OR_ADMIN)],
    "oracle:reading-copy": [Rule("GET", PAGE_OWNER_OR_ADMIN)],
    "oracle:my-data": [Rule("GET", PAGE)],
    "oracle:share-create": [Rule("POST", "302 302 403 200 404 404 200 302", body={})],
    "oracle:share-revoke": [Rule("POST", PAGE_OWN_WRITE, body={})],
    "oracle:share": [Rule("GET", "404 404 404 404 404 404 404 404")],  # an unknown token
    # --- pages: vault and learning --------------------------------------------------------------
    "vault:index": [Rule("GET", PAGE)],
    "vault:export": [Rule("GET", PAGE)],
    # The journal is the owner's alone; moderators' role reads the vault but does not write it.
    "vault:entry-update": [Rule("POST", "302 302 403 302 404 403 404 302", body={})],
    "vault:entry-pin": [Rule("POST", "302 302 403 302 404 403 404 302", body={})],
    "vault:entry-outcome": [Rule("POST", "302 302 403 422 404 403 404 302", body={})],
    "learning:index": [Rule("GET", PAGE)],
    "learning:dashboard": [Rule("GET", "302 302 403 403 403 200 200 302")],
    "learning:recalculate": [Rule("POST", "302 302 403 403 403 302 302 302", body={})],
    # Feedback is the owner's own: nobody rates someone else's reading.
    "learning:feedback": [
        Rule("GET", PAGE_OWNER_ONLY),
        Rule("POST", "302 302 404 422 404 404 404 302", body={}),
    ],
    # Reachable from the allowed addresses (the test client is 127.0.0.1) — see test_observability.
    "metrics": [Rule("GET", EVERYONE)],
    # The whole admin console is one rule (Django's own staff check); its index stands for it.
    "admin:*": [Rule("GET", "302 302 302 302 302 200 200 302")],
    "openapi": [Rule("GET", EVERYONE)],
    "swagger-ui": [Rule("GET", EVERYONE)],
    "redoc": [Rule("GET", EVERYONE)],
    # --- API: health and auth ------------------------------------------------------------------
    "health": [Rule("GET", EVERYONE)],
    "health-ready": [Rule("GET", EVERYONE)],
    # The rule of /metrics (the test client is 127.0.0.1; other addresses get 404 —
    # test_security_probe_21.py).
    "health-performance": [Rule("GET", EVERYONE)],
    "api-login": [Rule("POST", "422 422 422 422 422 422 422 422", body={})],
    "api-refresh": [Rule("POST", "422 422 422 422 422 422 422 422", body={})],
    "api-logout": [Rule("POST", "422 422 422 422 422 422 422 422", body={})],
    "api-logout-all": [Rule("POST", "401 403 200 200 200 200 200 403")],
    "api-keys": [
        Rule("GET", "401 403 200 200 200 200 200 200"),
        Rule("POST", "401 403 422 422 422 422 422 422", body={}),
    ],
    # Admins revoke anyone's key; everyone else only their own.
    "api-key": [Rule("DELETE", "401 403 404 200 404 404 200 200")],
    # --- API: oracle ---------------------------------------------------------------------------
    "api-profiles": [
        Rule("GET", API_READ),
        Rule("POST", "401 403 403 422 422 422 422 422", body={}),
    ],
    "api-profile": [
        Rule("GET", API_OWN_READ),
        Rule("PUT", API_OWN_WRITE, body={"city": "Shiraz"}),
        Rule("DELETE", API_OWN_WRITE),
    ],
    "api-reading": [Rule("POST", "401 403 403 200 200 200 200 200", body={})],
    "api-reading-multi-user": [Rule("POST", "401 403 403 422 422 422 422 422", body={})],
    "api-question": [Rule("POST", "401 403 403 422 422 422 422 422", body={})],
    "api-name": [Rule("POST", "401 403 403 422 422 422 422 422", body={})],
    "api-daily": [Rule("GET", API_READ)],
    "api-sky": [
        Rule("GET", API_READ, query="datetime=2024-04-08T18:21:00Z&tz=Asia/Tehran"),
        Rule("GET", "401 403 422 422 422 422 422 422", query="datetime=1850-01-01"),
    ],
    "api-validate-stamp": [Rule("POST", "401 403 422 422 422 422 422 422", body={})],
    "api-readings": [Rule("GET", API_READ)],
    "api-reading-detail": [
        Rule("GET", API_OWN_READ),
        Rule("DELETE", API_OWN_WRITE),
    ],
    "api-reading-restore": [Rule("POST", API_OWN_WRITE)],
    "api-reading-favorite": [Rule("PATCH", API_OWN_WRITE)],
    "api-audit": [Rule("GET", API_ORACLE_ADMIN)],
    "api-translate": [Rule("POST", "401 403 403 422 422 422 422 422", body={})],
    "api-translation-detect": [Rule("GET", API_READ, query="text=salam")],
    "api-translation-cache-stats": [Rule("GET", API_ORACLE_ADMIN)],
    "api-location-coordinates": [Rule("GET", API_READ, query="city=Tehran")],
    "api-location-countries": [Rule("GET", API_READ)],
    "api-location-country-cities": [Rule("GET", API_READ)],
    "api-location-detect": [Rule("GET", "401 403 400 400 400 400 400 400")],
    # --- API: settings, stats, export, share ----------------------------------------------------
    "api-change-password": [Rule("POST", "401 403 422 422 422 422 422 422", body={})],
    "api-settings": [
        Rule("GET", API_READ),
        Rule("PUT", "401 403 403 200 200 200 200 422", body={}),  # legacy: no account to set
    ],
    # No bot configured here: a code cannot be made (422); unlinking always answers.
    "api-settings-telegram-link": [
        Rule("POST", "401 403 422 422 422 422 422 422"),
        Rule("DELETE", "401 403 200 200 200 200 200 422"),
    ],
    "api-stats": [Rule("GET", API_READ)],
    "api-account-export": [Rule("GET", API_READ)],
    "api-reading-export": [Rule("GET", "401 403 404 200 404 404 200 200")],
    "api-share": [
        Rule("POST", "401 403 403 422 422 422 422 422", body={}),
        Rule("POST", "401 403 403 201 404 404 201 201", body={"reading_id": "<reading_id>"}),
    ],
    "api-share-token": [
        Rule("GET", "404 404 404 404 404 404 404 404"),  # an unknown token, public
        Rule("DELETE", "401 403 403 404 404 404 404 404"),
    ],
    # --- API: vault and learning ---------------------------------------------------------------
    "api-vault-entries": [Rule("GET", API_READ)],
    "api-vault-entry": [
        Rule("GET", "401 403 404 200 404 404 404 404"),  # the journal is the owner's alone
        Rule("PUT", "401 403 403 200 404 403 404 404", body={}),
    ],
    "api-vault-summary": [Rule("GET", API_READ)],
    "api-vault-export": [Rule("GET", API_READ)],
    "api-learning-stats": [Rule("GET", API_READ)],
    "api-learning-insights": [Rule("GET", API_READ)],
    "api-learning-analyze": [Rule("POST", API_READ, body={})],
    "api-learning-weights": [Rule("GET", API_READ)],
    "api-learning-patterns": [Rule("GET", API_READ)],
    "api-learning-feedback": [
        Rule("GET", "401 403 404 200 404 200 200 403"),  # legacy: no account, no feedback
        Rule("POST", "401 403 403 201 404 404 404 403", body={"rating": 5}),
    ],
    "api-learning-oracle-stats": [Rule("GET", API_ORACLE_ADMIN)],
    "api-learning-recalculate": [Rule("POST", API_ORACLE_ADMIN, body={})],
}

# Path arguments of object URLs: a fresh object of the `user` caller for each caller.
OBJECT_ARGUMENTS = {
    "profile_id": "profile",
    "user_id": "profile",
    "reading_id": "reading",
    "key_id": "api_key",
    "link_id": "share_link",
}
# Arguments that name no object of the owner: a share token that does not exist (its public pages
# are tested in oracle), an export format, a password-reset link that is not valid.
OTHER_ARGUMENTS = {
    "code": "IR",
    "token": "no-such-token",
    "export_format": "txt",
    "uidb64": "MQ",
}


# --- the URL conf ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Pattern:
    name: str | None
    route: str
    callback: object

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")


def url_patterns(resolvers=None, prefix="", namespace="") -> list[Pattern]:
    found = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                found.append(Pattern("admin:*", prefix + str(entry.pattern), None))
                continue
            found.extend(url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            found.append(Pattern(name, prefix + str(entry.pattern), entry.callback))
    return found


def handled_methods(callback) -> set[str]:
    """The methods an API view implements (function views declare theirs in decorators)."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None or not issubclass(view_class, APIView):
        return set()
    return {
        method.upper()
        for method in view_class.http_method_names
        if method not in ("options", "head") and hasattr(view_class, method)
    }


def test_every_url_pattern_has_a_rule():
    missing = []
    for pattern in url_patterns():
        if pattern.name is None:
            missing.append(f"/{pattern.route} has no name: give it `name=` in its urls.py")
        elif pattern.name not in RULES:
            missing.append(
                f"/{pattern.route} ({pattern.name}) has no rule: add "
                f'`"{pattern.name}": [Rule("GET", "anon bad ro user other mod admin legacy")],` '
                "with the expected statuses to RULES in nps/accounts/tests/"
                "test_authorization_matrix.py"
            )
        else:
            ruled = {rule.method for rule in RULES[pattern.name]}
            for method in sorted(handled_methods(pattern.callback) - ruled):
                missing.append(
                    f"/{pattern.route} ({pattern.name}) answers {method} but has no rule for it: "
                    f'add `Rule("{method}", "…")` to RULES["{pattern.name}"]'
                )
    assert not missing, "\n".join(missing)


def test_no_rule_is_left_over():
    names = {pattern.name for pattern in url_patterns()}
    assert set(RULES) - names == set(), "rules for URL names that no longer exist: remove them"


# --- the matrix --------------------------------------------------------------------------------


@dataclasses.dataclass
class World:
    accounts: dict
    tokens: dict

    def fresh_objects(self) -> dict:
        owner = self.accounts["user"]
        profile = ProfileFactory(owner=owner)
        reading = readings.create_name_reading(
            principal=principal_for_account(owner, auth_type="jwt"), name="Ali", use_ai=False
        )
        api_key = ApiKey.objects.create(user=owner, key_hash=f"{profile.pk:064d}", name="matrix")
        link = sharing.create_share_link(
            principal=principal_for_account(owner, auth_type="jwt"),
            reading_id=reading["reading_id"],
        )
        return {
            "profile": profile.pk,
            "reading": reading["reading_id"],
            "api_key": api_key.pk,
            "share_link": link.link.pk,
        }


@pytest.fixture
def world(db, settings):
    settings.API_SECRET_KEY = LEGACY_SECRET
    roles = {"ro": Role.READONLY, "user": Role.USER, "other": Role.USER}
    roles |= {"mod": Role.MODERATOR, "admin": Role.ADMIN}
    accounts = {caller: UserFactory(role=role, password=None) for caller, role in roles.items()}
    tokens = {caller: start_session(account).access_token for caller, account in accounts.items()}
    return World(accounts, tokens)


def client_for(caller: str, world: World, *, api: bool):
    client = APIClient() if api else Client()
    if caller == "bad":
        client.defaults["HTTP_AUTHORIZATION"] = "Bearer not-a-real-token"
        client.cookies["sessionid"] = "forged-session-id"
    elif caller == "legacy":
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {LEGACY_SECRET}"
    elif caller != "anon":
        if api:
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[caller]}"
        else:
            client.force_login(world.accounts[caller])
    return client


ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


def path_of(pattern: Pattern, world: World, objects: dict) -> str:
    """The pattern's path, its object arguments filled with fresh objects of the `user` caller."""
    if pattern.name == "admin:*":
        return "/admin/"
    arguments = ARGUMENT.findall(pattern.route)
    values = {}
    for argument in arguments:
        if argument in OBJECT_ARGUMENTS:
            values[argument] = objects[OBJECT_ARGUMENTS[argument]]
        else:
            assert argument in OTHER_ARGUMENTS, (
                f"/{pattern.route}: say what <{argument}> is in OBJECT_ARGUMENTS or OTHER_ARGUMENTS"
            )
            values[argument] = OTHER_ARGUMENTS[argument]
    return "/" + ARGUMENT.sub(lambda match: str(values[match.group(1)]), pattern.route)


def body_of(rule: Rule, objects: dict) -> dict | None:
    """The rule's body, a value `"<reading_id>"` (…) filled with the fresh object's id."""
    if rule.body is None:
        return None
    return {
        key: objects[OBJECT_ARGUMENTS[value[1:-1]]] if _is_object(value) else value
        for key, value in rule.body.items()
    }


BODY_OBJECTS = {f"<{argument}>" for argument in OBJECT_ARGUMENTS}


def _is_object(value) -> bool:
    return isinstance(value, str) and value in BODY_OBJECTS


def answer(client, rule: Rule, path: str, body: dict | None, *, api: bool) -> int:
    url = f"{path}?{rule.query}" if rule.query else path
    call = getattr(client, rule.method.lower())
    if body is None:
        return call(url).status_code
    if api:
        return call(url, body, format="json").status_code
    return call(url, body).status_code


def needs_objects(pattern: Pattern, rule: Rule) -> bool:
    in_path = set(ARGUMENT.findall(pattern.route)) & set(OBJECT_ARGUMENTS)
    in_body = rule.body is not None and any(map(_is_object, rule.body.values()))
    return pattern.name != "admin:*" and bool(in_path or in_body)


CASES = [
    pytest.param(pattern, rule, id=f"{rule.method} {pattern.name}")
    for pattern in url_patterns()
    if pattern.name in RULES
    for rule in RULES[pattern.name]
]


@pytest.mark.parametrize(("pattern", "rule"), CASES)
def test_authorization_matrix(world, pattern, rule):
    actual = {}
    for caller in CALLERS:
        objects = world.fresh_objects() if needs_objects(pattern, rule) else {}
        path = path_of(pattern, world, objects)
        client = client_for(caller, world, api=pattern.is_api)
        actual[caller] = answer(client, rule, path, body_of(rule, objects), api=pattern.is_api)
    assert actual == rule.expected(), f"{rule.method} /{pattern.route}"


def test_lists_show_no_other_accounts_objects(world):
    """Listings and searches answer 200 to everyone: what they hold must be the caller's own."""
    objects = world.fresh_objects()
    owner_profile = ProfileFactory._meta.model.objects.get(pk=objects["profile"])
    for caller in ("ro", "other"):
        api = client_for(caller, world, api=True)
        profiles = api.get("/api/oracle/users", {"search": owner_profile.name}).json()
        history = api.get("/api/oracle/readings").json()
        keys = api.get("/api/auth/api-keys").json()
        page = client_for(caller, world, api=False).get("/profiles", {"q": owner_profile.name})
        assert profiles["users"] == [] and profiles["total"] == 0
        assert history["readings"] == [] and history["total"] == 0
        assert [key["id"] for key in keys] == []
        assert page.status_code == 200
        assert f"/profiles/{owner_profile.pk}/edit" not in page.content.decode()
    for caller in ("user", "mod", "admin"):
        api = client_for(caller, world, api=True)
        listed = api.get("/api/oracle/users", {"search": owner_profile.name}).json()["users"]
        assert [profile["id"] for profile in listed] == [objects["profile"]]
    own_page = client_for("user", world, api=False).get("/profiles", {"q": owner_profile.name})
    assert f"/profiles/{owner_profile.pk}/edit" in own_page.content.decode()
