"""A form field taking several files at once (photos of one inspection), read within a cap."""

from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """`<input type=file multiple>`; cleans to a list of uploaded files (empty when optional)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        if not data:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [super().clean(data, initial)]


def read_uploads(files, *, max_bytes: int) -> list[tuple[str, bytes]]:
    """(name, bytes) of each upload; a file over `max_bytes` is read only to max_bytes + 1, so
    the size check that follows refuses it without the whole file in memory."""
    return [(upload.name or "", upload.read(max_bytes + 1)) for upload in files]
