"""Forms of the registry pages: uploading a registry file and choosing an export."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.housing.importing import ImportFileError, inspect_file
from wijkpunt.housing.models import Estate

ACCEPTED = (".csv", ".xlsx")


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Registry file"),
        help_text=gettext_lazy(
            "A CSV or Excel (.xlsx) file with dwellings, or with residents. Wijkpunt checks "
            "the file first and shows what it will do; nothing is imported until you confirm."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={
            "required": gettext_lazy("Choose a file to upload."),
            "empty": gettext_lazy("This file is empty."),
            "invalid": gettext_lazy("No file was received. Choose the file again."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(
                _("Upload a .csv or .xlsx file. In Excel: File › Save as › CSV or Excel workbook.")
            )
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("This file is too large (%(size)s). The limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
                }
            )
        if upload.size == 0:
            raise forms.ValidationError(_("This file is empty."))
        try:
            self.kinds, self.rows = inspect_file(upload.file, upload.name)
        except ImportFileError as exc:
            raise forms.ValidationError(exc.message) from exc
        upload.seek(0)
        return upload


class ExportForm(StyledFormMixin, forms.Form):
    estate: forms.ModelChoiceField[Estate] = forms.ModelChoiceField(
        label=gettext_lazy("Estate"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All my estates"),
        to_field_name="slug",
    )
    contents = forms.ChoiceField(
        label=gettext_lazy("What"),
        choices=[
            ("dwellings", gettext_lazy("Dwellings with household and tenancy")),
            ("residents", gettext_lazy("Residents")),
        ],
        initial="dwellings",
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=gettext_lazy("File type"),
        choices=[("xlsx", gettext_lazy("Excel (.xlsx)")), ("csv", gettext_lazy("CSV (.csv)"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, estates=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["estate"]).queryset = estates
