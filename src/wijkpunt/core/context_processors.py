from django.conf import settings


def wijkpunt(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "has_staff_role": authenticated and user.has_staff_role,
        "is_tenant": authenticated and user.is_tenant,
    }
