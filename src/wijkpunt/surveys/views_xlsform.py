"""Staff pages for XLSForm: upload a workbook to make a new draft survey (designers only),
download a survey as a workbook (anyone who may see the survey). Survey definitions hold no
personal data: nothing to audit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from wijkpunt.core.forms import StyledFormMixin
from wijkpunt.partners.models import Organisation
from wijkpunt.surveys import access, actions_xlsform, xlsform
from wijkpunt.surveys.texts import text_in
from wijkpunt.workspace.access import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XLSFormUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLSForm workbook (.xlsx)"),
        help_text=gettext_lazy(
            "A workbook with the sheets survey, choices and settings, as KoboToolbox, ODK and "
            "SurveyCTO use. Wijkpunt checks the whole file first: nothing is imported when "
            "something is wrong."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX}"}),
        error_messages={
            "required": gettext_lazy("Choose a file to upload."),
            "empty": gettext_lazy("This file is empty."),
            "invalid": gettext_lazy("No file was received. Choose the file again."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Survey of"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        only = list(organisations[:2])
        self.only = only[0] if len(only) == 1 else None
        if self.only is not None:
            field.initial = self.only.pk
            field.required = False
            field.widget = forms.HiddenInput()

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Upload an Excel workbook (.xlsx). In Excel: File › Save as › Excel workbook.")
            )
        if upload.size > xlsform.MAX_BYTES:
            raise forms.ValidationError(
                _("This file is too large (%(size)s). The limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(xlsform.MAX_BYTES),
                }
            )
        return upload


@require_http_methods(["GET", "POST"])
@staff_required()
def xlsform_import(request: HttpRequest) -> HttpResponse:
    if not access.may_design(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.filter(
        pk__in=access.design_organisation_ids(request.user)
    ).order_by("name")
    problems: list[xlsform.Problem] = []
    status = 200
    if request.method == "POST":
        form = XLSFormUploadForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                survey = actions_xlsform.import_xlsform(
                    data=upload.read(),
                    organisation=form.cleaned_data["organisation"],
                    by=request.user,
                    filename=upload.name,
                )
            except xlsform.XLSFormError as exc:
                problems = exc.problems
                form.add_error(
                    "file",
                    _("The workbook has %(n)d problem(s); nothing has been imported. Fix them "
                      "and choose the file again.") % {"n": len(problems)},
                )  # fmt: skip
            else:
                messages.success(
                    request,
                    _("The survey “%(title)s” is imported as a draft (number %(id)d).")
                    % {"title": text_in(survey.title, survey.main_language), "id": survey.pk},
                )
                return redirect("surveys:survey", survey.pk)
        status = 400
    else:
        form = XLSFormUploadForm(organisations=organisations)
    return render(
        request,
        "surveys/xlsform/import.html",
        {"form": form, "problems": problems},
        status=status,
    )


@require_GET
@staff_required(not_found=True)
def xlsform_export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for(request.user, pk)
    data = xlsform.export(survey)
    name = slugify(survey.form_id or text_in(survey.title, survey.main_language)) or "survey"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-v{survey.version}.xlsx"'
    return response
