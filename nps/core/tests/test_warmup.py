"""The warm-up of a freshly loaded application (nps/core/warmup.py): what the apps register as
built at first use is built before any worker serves."""

import gc
from types import SimpleNamespace

import pytest
from django.core.wsgi import get_wsgi_application

from nps.core import warmup
from oracle.services import location

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_this_test(monkeypatch):
    """The warm-up closes the database connections (the test's transaction is one) and freezes
    the garbage collector: neither here."""
    monkeypatch.setattr(warmup, "connections", SimpleNamespace(close_all=lambda: None))
    yield
    gc.unfreeze()


def test_warm_up_builds_the_location_index_that_the_profile_form_needs():
    location._built.cache_clear()

    warmup.warm(get_wsgi_application())

    assert location._built.cache_info().currsize == 1
    assert location.gazetteer() is location._built()  # built once, kept


def test_a_failing_builder_does_not_stop_the_start(monkeypatch):
    warnings = []
    monkeypatch.setattr(warmup.logger, "warning", lambda *args: warnings.append(args[0] % args[1:]))
    built = []

    def broken():
        raise RuntimeError("no data")

    monkeypatch.setattr(warmup, "_builders", [broken, lambda: built.append(True)])
    warmup.warm(get_wsgi_application())

    assert any("broken failed (RuntimeError)" in warning for warning in warnings)
    assert built == [True]  # the next one still ran
