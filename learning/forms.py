"""The feedback form shown under a reading."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.services import SECTIONS, TEXT_MAX

SECTION_CHOICES = [("", _("No opinion")), ("yes", _("Helpful")), ("no", _("Not helpful"))]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        error_messages={"required": _("Choose 1 to 5 stars.")},
    )
    text_feedback = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
    )

    def __init__(self, *args, sections=tuple(SECTIONS), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_names = list(sections)
        for name in self.section_names:
            self.fields[f"section_{name}"] = forms.ChoiceField(
                label=SECTIONS[name], choices=SECTION_CHOICES, required=False
            )

    @property
    def section_fields(self):
        return [self[f"section_{name}"] for name in self.section_names]

    def section_feedback(self) -> dict[str, bool]:
        marks = {}
        for name in self.section_names:
            value = self.cleaned_data.get(f"section_{name}")
            if value:
                marks[name] = value == "yes"
        return marks

    @classmethod
    def initial_for(cls, feedback) -> dict:
        if feedback is None:
            return {}
        initial = {"rating": feedback.rating, "text_feedback": feedback.text_feedback or ""}
        for name, helpful in (feedback.section_feedback or {}).items():
            initial[f"section_{name}"] = "yes" if helpful else "no"
        return initial
