from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Wijkpunt configuration")
admin.site.site_title = _("Wijkpunt")
admin.site.index_title = _("Configuration")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("wijkpunt.core.urls")),
    path("accounts/", include("wijkpunt.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("mijn/meldingen/", include("wijkpunt.portal.urls_reports")),
    path("mijn/opvolging/", include("wijkpunt.followup.urls_portal")),
    path("mijn/dossier/", include("wijkpunt.households.urls_portal")),
    path("mijn/", include("wijkpunt.portal.urls")),
    path("melden/", include("wijkpunt.intake.urls_public")),
    path("m/", include("wijkpunt.intake.urls_short")),
    path("werk/melden/", include("wijkpunt.intake.urls_staff")),
    path("werk/meldingen/", include("wijkpunt.inbox.urls")),
    path("werk/brieven/", include("wijkpunt.outreach.urls")),
    path("werk/sociale-kaart/", include("wijkpunt.directory.urls_staff")),
    path("werk/", include("wijkpunt.workspace.urls")),
    path("werk/registry/", include("wijkpunt.housing.urls")),
    path("werk/bevragingen/", include("wijkpunt.surveys.urls_staff")),
    path("werk/opvolging/", include("wijkpunt.followup.urls_staff")),
    path("werk/huishoudens/", include("wijkpunt.households.urls")),
    path("werk/doorverwijzingen/", include("wijkpunt.households.urls_referrals")),
    path("werk/casusoverleg/", include("wijkpunt.households.urls_meetings")),
    path("e/", include("wijkpunt.followup.urls_public")),
    path("e/", include("wijkpunt.surveys.urls_public")),
    path("demo/", include("wijkpunt.demo.urls")),
    path("api/v1/", include("wijkpunt.api.urls")),
    path("open311/v2/", include("wijkpunt.open311.urls")),
    path("hsds/", include("wijkpunt.directory.urls_hsds")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in Wijkpunt's layout, language and navigation.
handler400 = "wijkpunt.core.views.bad_request"
handler403 = "wijkpunt.core.views.permission_denied"
handler404 = "wijkpunt.core.views.page_not_found"
handler500 = "wijkpunt.core.views.server_error"
