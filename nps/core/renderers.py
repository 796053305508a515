"""The API's renderers besides DRF's JSON one (kept apart from `nps.core.api`: DRF imports the
renderer classes named in settings while `rest_framework.views` loads)."""

from rest_framework.renderers import BrowsableAPIRenderer


class BrowsableApiRenderer(BrowsableAPIRenderer):
    """DRF's browsable API, chosen only when the client asks for text/html.

    Without the inline `<style>` DRF adds for Pygments (the house rules forbid inline styles and
    scripts): the page loads only DRF's own static files, served like ours by WhiteNoise.
    """

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context
