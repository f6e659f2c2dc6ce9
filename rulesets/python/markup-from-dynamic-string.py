from django.utils.safestring import mark_safe
from markupsafe import Markup, escape


def badge(user):
    # ruleid: python.markup-from-dynamic-string
    return Markup(f"<b>{user.name}</b>")


def link(url):
    # ruleid: python.markup-from-dynamic-string
    return mark_safe('<a href="' + url + '">open</a>')


def badge_safely(user):
    # ok: python.markup-from-dynamic-string
    return Markup("<b>{}</b>").format(user.name)


def rule():
    # ok: python.markup-from-dynamic-string
    return mark_safe("<hr>")
