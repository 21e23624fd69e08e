"""Template filters for catalog components that review pages reuse."""

from django import template

from catalog.selectors import availability_rows

register = template.Library()

register.filter("availability_rows", availability_rows)
