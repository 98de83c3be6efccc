"""Formats of the site's languages where they differ from Django's own
(FORMAT_MODULE_PATH): the site's Spanish is Mexico's."""
