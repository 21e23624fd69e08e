"""The animeblog project package: settings, root URLs and site-wide views."""
