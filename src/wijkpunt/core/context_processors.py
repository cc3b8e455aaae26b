from django.conf import settings


def wijkpunt(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"DEMO_MODE": settings.DEMO_MODE, "has_staff_role": False, "is_tenant": False}
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "has_staff_role": user.has_staff_role,
        "is_tenant": user.is_tenant,
    }
