"""Django's ``changepassword``, with the change written to the audit log."""

from django.contrib.auth.management.commands.changepassword import Command as DjangoCommand

from wijkpunt.accounts.audit import changes_by_command


class Command(DjangoCommand):
    def handle(self, *args, **options):
        with changes_by_command("changepassword"):
            return super().handle(*args, **options)
