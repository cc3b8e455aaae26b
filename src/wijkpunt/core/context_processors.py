from django.conf import settings


def wijkpunt(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "is_partner_staff": authenticated and user.is_partner_staff,
        "is_tenant": authenticated and user.is_tenant,
    }
