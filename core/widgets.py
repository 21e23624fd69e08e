"""Form widgets written in Python where a template per part costs more than the page can spare."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class PlainSelect(forms.Select):
    """Django's single <select>, its options written in Python rather than one template each.

    The search form's genre and language lists are drawn on every search; Django's
    select.html renders select_option.html and attrs.html once per option. Same
    markup for a single choice without option groups, the only kind given to it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
