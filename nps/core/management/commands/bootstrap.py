"""`manage.py bootstrap`: what `make run` needs on a fresh machine, safe to run any number of times.

Creates the admin account (password from NPS_ADMIN_PASSWORD, or generated and printed once) and the
demo data of every app that has some. Existing rows are never changed or duplicated.
"""

import os
import secrets

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from nps.accounts.roles import Role

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the admin account and demo data if they do not exist yet."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Create the admin account only.")

    @transaction.atomic
    def handle(self, *args, no_demo: bool = False, **options):
        admin = self.ensure_admin()
        if not no_demo:
            for app_config in apps.get_app_configs():
                seed = getattr(app_config, "seed_demo_data", None)
                if seed is not None:
                    created = seed(owner=admin)
                    if created:
                        self.stdout.write(f"Demo data ({app_config.label}): {created}")

    def ensure_admin(self):
        User = get_user_model()
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is not None:
            self.stdout.write(
                f"Admin account '{ADMIN_USERNAME}' already exists; its password is unchanged."
            )
            return admin
        password = os.environ.get("NPS_ADMIN_PASSWORD", "").strip()
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        admin = User.objects.create_user(ADMIN_USERNAME, password, role=Role.ADMIN)
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{ADMIN_USERNAME}'."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"  Password (shown only this once): {password}\n"
                    "  Set NPS_ADMIN_PASSWORD before the first run to choose it yourself."
                )
            )
        return admin
