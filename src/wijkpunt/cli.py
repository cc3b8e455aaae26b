"""The ``wijkpunt`` command: Django's management commands with Wijkpunt's settings.

wijkpunt migrate          create or update the database
wijkpunt demo             load the demo estates, households and accounts
wijkpunt serve            web server and background worker together (restarts a dead
                          worker; exits 1 when a part dies for good, 0 on Ctrl+C/SIGTERM)
wijkpunt worker           the background worker alone (rides out database restarts)
wijkpunt import FILE      import dwellings, households and tenancies
wijkpunt export FILE      export them in the same format
wijkpunt bench [NAME]     run benchmarks
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkpunt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
